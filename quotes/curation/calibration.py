"""Learning the confidence model from a team's own decisions.

Curators' decisions are labels the shipped model never saw: a quote verified as extracted was
right; a rejected one, or one whose speaker or span a curator had to change, was wrong.
`calibrate` refits the model on them (the model in use is the prior, see
`quotes.extract.calibration.fit`), compares old and new on decisions held back from the fit,
and adopts the refit only when it predicts those clearly better. Every attempt is kept in
`calibration_models`, adopted or not, so a team can see what was tried.

`rescore` gives unverified, untouched quotes the adopted model's probability (and stores what
drives it, for the quote card), so the queue (lowest confidence first: the likely errors)
reorders; it never changes a quote a curator has decided or edited. The bulk verify and the
card's explanation are in `quotes.curation.confidence`, which does not load the model.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from quotes.extract.calibration import (
    Model,
    expected_calibration_error,
    fit,
    log_loss,
    shipped_model,
)
from quotes.store.database import Database
from quotes.store.models import CalibrationModel, Edit, Quote, QuoteFeatures, utcnow

# A quote whose speaker or span a curator changed was extracted wrong.
_CORRECTED = ("speaker_id", "start", "end")
# Changes that are not corrections of this quote's attribution.
_NOT_CORRECTIONS = ("merge_speakers", "undo", "redo")
MIN_DECISIONS = 40
# How strongly the model in use holds its weights (the prior's precision, in units of one
# decision per standardised feature): fitted on ~10,000 PolNeAR quotes, it should take
# about a hundred decisions pointing the same way to move a weight by one unit. On PolNeAR
# dev (bench/calibration.py), weaker priors let 225 decisions overfit and raise the
# calibration error on the rest.
PRIOR_STRENGTH = 100.0
# Every HOLDOUTth decision (by quote id: deterministic, no randomness to reproduce) is held back.
HOLDOUT = 4


@dataclass(frozen=True)
class Decision:
    quote_id: int
    features: Mapping[str, float | str]
    right: bool


@dataclass(frozen=True)
class CalibrationReport:
    decisions: int
    held_out: int
    loss_before: float | None
    loss_after: float | None
    ece_before: float | None
    ece_after: float | None
    adopted: bool
    version: str | None
    reason: str  # one line: why adopted or not


def _corrected_ids(session: Session, ids: Sequence[int]) -> set[int]:
    out: set[int] = set()
    for i in range(0, len(ids), 500):
        chunk = list(ids[i : i + 500])
        rows = session.execute(
            select(Edit.entity_id, Edit.before, Edit.after).where(
                Edit.entity == "quote",
                Edit.entity_id.in_(chunk),
                Edit.undone_at.is_(None),
                Edit.action.not_in(_NOT_CORRECTIONS),
            )
        )
        for qid, before, after in rows:
            if before is None or after is None:
                continue
            if any(before.get(k) != after.get(k) for k in _CORRECTED):
                out.add(int(qid))
    return out


def decisions(session: Session) -> list[Decision]:
    """Every decided quote that carries the extractor's features, labelled right or wrong."""
    rows = session.execute(
        select(Quote.id, Quote.status, QuoteFeatures.features)
        .join(QuoteFeatures, QuoteFeatures.quote_id == Quote.id)
        .where(Quote.status.in_(("verified", "rejected")))
        .order_by(Quote.id)
    ).all()
    corrected = _corrected_ids(session, [r[0] for r in rows])
    return [
        Decision(int(qid), dict(feats), status == "verified" and qid not in corrected)
        for qid, status, feats in rows
        if isinstance(feats, dict)
    ]


def active_model(session: Session) -> Model:
    """The newest adopted refit whose parameters read back, else the shipped model. A row
    that does not parse (edited by hand, written by a newer version) is passed over rather
    than breaking every quote card and re-score."""
    rows = session.scalars(
        select(CalibrationModel.params)
        .where(CalibrationModel.adopted.is_(True))
        .order_by(CalibrationModel.id.desc())
        .limit(20)
    )
    for params in rows:
        if isinstance(params, dict):
            try:
                return Model.from_json(params)
            except ValueError:
                continue
    return shipped_model()


def _measure(model: Model, held: Sequence[Decision]) -> tuple[float, float]:
    probs = model.probabilities([d.features for d in held])
    labels = [d.right for d in held]
    return log_loss(probs, labels), expected_calibration_error(probs, labels)


def clearly_better(new: Model, old: Model, held: Sequence[Decision]) -> bool:
    """Whether ``new`` predicts the held-back decisions better than ``old`` by more than
    chance would: its mean log loss per decision is lower by over twice the standard error
    of the paired differences. A few dozen held-back decisions are noisy; adopting on any
    improvement would swap in a worse model about half the time when there is nothing new
    to learn (a team whose articles look like PolNeAR's)."""
    feats = [d.features for d in held]
    y = np.array([1.0 if d.right else 0.0 for d in held])

    def losses(model: Model) -> npt.NDArray[np.float64]:
        p = np.clip(model.probabilities(feats), 1e-6, 1 - 1e-6)
        out: npt.NDArray[np.float64] = -(y * np.log(p) + (1 - y) * np.log(1 - p))
        return out

    diff = losses(new) - losses(old)
    if len(diff) < 2:
        return False
    se = float(diff.std(ddof=1)) / math.sqrt(len(diff))
    return float(diff.mean()) + 2 * se < 0


def calibrate(
    database: Database,
    curator: str,
    *,
    l2: float = PRIOR_STRENGTH,
    min_decisions: int = MIN_DECISIONS,
) -> CalibrationReport:
    """Refit on the decisions, compare on the held-back ones, adopt only an improvement."""
    with database.readers() as session:
        ds = decisions(session)
        current = active_model(session)
    if len(ds) < min_decisions:
        return CalibrationReport(
            len(ds), 0, None, None, None, None, False, None,
            f"{len(ds)} decisions with features; at least {min_decisions} are needed",
        )  # fmt: skip
    held = [d for d in ds if d.quote_id % HOLDOUT == 0]
    train = [d for d in ds if d.quote_id % HOLDOUT != 0]
    if not held or not train or len({d.right for d in train}) < 2:
        return CalibrationReport(
            len(ds), len(held), None, None, None, None, False, None,
            "the decisions are all of one kind: nothing to learn from yet",
        )  # fmt: skip
    version = f"decisions-{utcnow().strftime('%Y-%m-%dT%H:%M:%S')}"
    refit = fit(
        [d.features for d in train],
        [d.right for d in train],
        version=version,
        prior=current,
        l2=l2,
        meta={"source": "curator decisions", "prior": current.version},
    )
    loss_before, ece_before = _measure(current, held)
    loss_after, ece_after = _measure(refit, held)
    adopted = clearly_better(refit, current, held)
    reason = (
        "adopted: it predicts the held-back decisions clearly better"
        if adopted
        else f"kept {current.version}: the refit does not predict the held-back decisions "
        "clearly better (by over twice the standard error)"
    )
    with database.sessions.begin() as session:
        session.add(
            CalibrationModel(
                version=version,
                params=refit.to_json(),
                decisions=len(train),
                held_out=len(held),
                loss_before=loss_before,
                loss_after=loss_after,
                adopted=adopted,
                created_by=curator,
            )
        )
    return CalibrationReport(
        len(ds), len(held), loss_before, loss_after, ece_before, ece_after, adopted, version, reason
    )


def _touched() -> Any:
    """SQL: the quote has an audit-log row (any curator change, topics included)."""
    return exists().where(Edit.entity.in_(("quote", "quote_topic")), Edit.entity_id == Quote.id)


def rescore(database: Database, model: Model | None = None) -> int:
    """Give unverified quotes no curator has touched the model's probability; returns how
    many changed. Each update re-checks the status, so a quote decided meanwhile is left."""
    with database.readers() as session:
        use = model or active_model(session)
        rows = session.execute(
            select(Quote.id, Quote.confidence, QuoteFeatures.features)
            .join(QuoteFeatures, QuoteFeatures.quote_id == Quote.id)
            .where(Quote.status == "unverified", ~_touched())
        ).all()
    probs = use.probabilities([f if isinstance(f, dict) else {} for _, _, f in rows])
    changes: list[tuple[int, float, list[str]]] = []
    for (qid, old, feats), p in zip(rows, probs, strict=True):
        new = round(float(p), 3)
        if abs(new - float(old)) >= 0.0005:
            changes.append((int(qid), new, use.drivers(feats if isinstance(feats, dict) else {})))
    changed = 0
    with database.sessions.begin() as session:
        for qid, new, drivers in changes:
            result = session.execute(
                update(Quote)
                .where(Quote.id == qid, Quote.status == "unverified", ~_touched())
                .values(confidence=new)
                .execution_options(synchronize_session=False)
            )
            if int(getattr(result, "rowcount", 0) or 0):
                changed += 1
                session.execute(
                    update(QuoteFeatures)
                    .where(QuoteFeatures.quote_id == qid)
                    .values(drivers=drivers)
                    .execution_options(synchronize_session=False)
                )
    return changed
