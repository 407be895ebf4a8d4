"""Acting on the confidence without loading the model: the card's explanation and the
bulk verify above a threshold.

Kept apart from `quotes.curation.calibration` (which fits and scores, with numpy and the
extract package behind it) because the workbench reads a quote card on every move: what
drives a low probability is stored with the quote's features when it is scored, so showing
it is one indexed read.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quotes.curation.claims import held_by_others
from quotes.store.models import Quote, QuoteFeatures

if TYPE_CHECKING:  # the service's reads import this module: no import back at runtime
    from quotes.curation.service import CurationService


# What the workbench offers before the curator types a threshold of their own.
DEFAULT_THRESHOLD = 0.9


@dataclass(frozen=True)
class VerifyPreview:
    threshold: float
    quote_ids: tuple[int, ...]
    versions: Mapping[int, int]  # as previewed: a quote changed since makes the verify refuse
    expected_errors: float  # sum of (1 - confidence): the errors the model expects among them
    # Above the threshold but under another curator's live claim: theirs to review, so left
    # out (and said, so the count does not look short for no reason).
    held_by_others: int = 0

    def question(self) -> str:
        """The confirmation, in the numbers a curator decides on ("about 19 wrong")."""
        n = len(self.quote_ids)
        text = (
            f"Verify {n} quote{'s' if n != 1 else ''} at >= {self.threshold:.2f}? "
            f"About {round(self.expected_errors)} of them "
            f"{'is' if round(self.expected_errors) == 1 else 'are'} expected to be wrong."
        )
        k = self.held_by_others
        if k:
            text += (
                f" {k} more above it {'is' if k == 1 else 'are'} held by "
                f"{'another curator' if k == 1 else 'other curators'} and left to them."
            )
        return text


def parse_threshold(text: str | None) -> float:
    """A threshold as typed ("0.9", "90%", ".95"); ValueError with a sentence for anything
    that is not a number from 0 to 1, so a typo never verifies the whole queue."""
    raw = (text or "").strip()
    if not raw:
        return DEFAULT_THRESHOLD
    percent = raw.endswith("%")
    try:
        value = float(raw.rstrip("%").strip())
    except ValueError:
        raise ValueError(f"not a number: {raw[:20]!r}") from None
    if percent:
        value /= 100
    if not math.isfinite(value) or not 0.0 <= value <= 1.0:
        raise ValueError(f"the threshold must be between 0 and 1, not {raw[:20]}")
    return value


def explain(session: Session, quote_id: int, n: int = 3) -> tuple[str, ...]:
    """What pulls this quote's probability down most, as stored by the model that scored it;
    nothing for a quote without stored features (an older extractor, a split or merge)."""
    drivers = session.scalar(
        select(QuoteFeatures.drivers).where(QuoteFeatures.quote_id == quote_id)
    )
    if not isinstance(drivers, list):
        return ()
    return tuple(str(d) for d in drivers[:n])


def preview_verify_above(service: CurationService, threshold: float) -> VerifyPreview:
    """The unverified quotes a bulk verify at ``threshold`` by ``service``'s curator would
    take, and the errors the model expects among them. Quotes another curator holds under a
    live claim are not taken: the claim says they are reviewing them, and one of them in the
    list would make the service refuse the whole step."""
    if not (math.isfinite(threshold) and 0.0 <= threshold <= 1.0):
        raise ValueError(f"threshold must be between 0 and 1, not {threshold}")
    above = (Quote.status == "unverified", Quote.confidence >= threshold)
    theirs = held_by_others(service.curator, service.clock())
    with service.db.readers() as session:
        rows = session.execute(
            select(Quote.id, Quote.confidence, Quote.version)
            .where(*above, ~theirs)
            .order_by(Quote.id)
        ).all()
        held = session.scalar(select(func.count()).select_from(Quote).where(*above, theirs))
    return VerifyPreview(
        threshold,
        tuple(int(r[0]) for r in rows),
        {int(r[0]): int(r[2]) for r in rows},
        sum(1.0 - float(r[1]) for r in rows),
        int(held or 0),
    )


def verify_above(service: CurationService, preview: VerifyPreview) -> int:
    """Verify what ``preview`` listed, as one undoable step named with the threshold; a
    quote changed since the preview, or claimed by another curator since, makes the whole
    step refuse (`Conflict`), so the curator never verifies more than they agreed to."""
    if not preview.quote_ids:
        return 0
    return service.bulk_decide(
        preview.quote_ids,
        "verified",
        dict(preview.versions),
        action=f"verify>={preview.threshold:.3f}",
    )
