"""Acting on the confidence without loading the model: the card's explanation and the
bulk verify above a threshold.

Kept apart from `quotes.curation.calibration` (which fits and scores, with numpy and the
extract package behind it) because the workbench reads a quote card on every move: what
drives a low probability is stored with the quote's features when it is scored, so showing
it is one indexed read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from quotes.store.database import Database
from quotes.store.models import Quote, QuoteFeatures

if TYPE_CHECKING:  # the service's reads import this module: no import back at runtime
    from quotes.curation.service import CurationService


@dataclass(frozen=True)
class VerifyPreview:
    threshold: float
    quote_ids: tuple[int, ...]
    versions: Mapping[int, int]  # as previewed: a quote changed since makes the verify refuse
    expected_errors: float  # sum of (1 - confidence): the errors the model expects among them


def explain(session: Session, quote_id: int, n: int = 3) -> tuple[str, ...]:
    """What pulls this quote's probability down most, as stored by the model that scored it;
    nothing for a quote without stored features (an older extractor, a split or merge)."""
    drivers = session.scalar(
        select(QuoteFeatures.drivers).where(QuoteFeatures.quote_id == quote_id)
    )
    if not isinstance(drivers, list):
        return ()
    return tuple(str(d) for d in drivers[:n])


def preview_verify_above(database: Database, threshold: float) -> VerifyPreview:
    """The unverified quotes a bulk verify at ``threshold`` would take, and the errors the
    model expects among them."""
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be between 0 and 1, not {threshold}")
    with database.readers() as session:
        rows = session.execute(
            select(Quote.id, Quote.confidence, Quote.version)
            .where(Quote.status == "unverified", Quote.confidence >= threshold)
            .order_by(Quote.id)
        ).all()
    return VerifyPreview(
        threshold,
        tuple(int(r[0]) for r in rows),
        {int(r[0]): int(r[2]) for r in rows},
        sum(1.0 - float(r[1]) for r in rows),
    )


def verify_above(service: CurationService, preview: VerifyPreview) -> int:
    """Verify what ``preview`` listed, as one undoable step named with the threshold; a
    quote changed since the preview makes the whole step refuse (`Conflict`)."""
    if not preview.quote_ids:
        return 0
    return service.bulk_decide(
        preview.quote_ids,
        "verified",
        dict(preview.versions),
        action=f"verify>={preview.threshold:.3f}",
    )
