"""The bulk verify above a threshold in a team: another curator's claimed quotes stay theirs,
and a threshold as typed is read strictly (issue 16)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from quotes.curation import Conflict, CurationService, QueueFilter, confidence
from quotes.store.database import Database
from quotes.store.models import Quote
from tests.curation.team_data import Clock, many_quotes


def statuses(database: Database) -> dict[int, str]:
    with database.readers() as s:
        return {q: st for q, st in s.execute(select(Quote.id, Quote.status))}


def test_quotes_another_curator_holds_are_left_out_and_counted(database: Database) -> None:
    ids = many_quotes(database, 10)  # confidence 0.10 .. 0.82, rising with the id
    clock = Clock()
    bob = CurationService(database, "bob", clock=clock)
    ann = CurationService(database, "ann", clock=clock)
    bob.claim_next(QueueFilter(min_confidence=0.7), 2)  # ids[8], ids[9]
    ann.claim_next(QueueFilter(min_confidence=0.6), 1)  # ids[7]: ann's own claim is no bar

    preview = confidence.preview_verify_above(ann, 0.5)

    assert preview.quote_ids == tuple(ids[5:8])
    assert preview.held_by_others == 2
    assert "2 more above it are held by other curators and left to them." in preview.question()
    assert confidence.verify_above(ann, preview) == 3
    got = statuses(database)
    assert [got[q] for q in ids[5:]] == ["verified"] * 3 + ["unverified"] * 2


def test_an_expired_claim_does_not_hold_a_quote_back(database: Database) -> None:
    ids = many_quotes(database, 4)
    clock = Clock()
    CurationService(database, "bob", clock=clock).claim_next(QueueFilter(), 4)
    clock.advance(hours=2)  # bob's lease ran out
    preview = confidence.preview_verify_above(CurationService(database, "ann", clock=clock), 0)
    assert preview.quote_ids == tuple(ids) and preview.held_by_others == 0


def test_a_claim_made_after_the_preview_refuses_the_whole_step(database: Database) -> None:
    ids = many_quotes(database, 4)
    clock = Clock()
    ann = CurationService(database, "ann", clock=clock)
    preview = confidence.preview_verify_above(ann, 0.0)
    CurationService(database, "bob", clock=clock).claim_next(QueueFilter(), 1)
    with pytest.raises(Conflict, match="bob"):
        confidence.verify_above(ann, preview)
    assert {statuses(database)[q] for q in ids} == {"unverified"}


def test_the_question_states_count_threshold_and_expected_errors() -> None:
    preview = confidence.VerifyPreview(0.9, tuple(range(412)), {}, 18.6)
    assert preview.question() == (
        "Verify 412 quotes at >= 0.90? About 19 of them are expected to be wrong."
    )


@pytest.mark.parametrize(
    ("typed", "value"),
    [("0.9", 0.9), (" .95 ", 0.95), ("90%", 0.9), ("1", 1.0), ("0", 0.0), ("", 0.9)],
)
def test_thresholds_as_typed(typed: str, value: float) -> None:
    assert confidence.parse_threshold(typed) == pytest.approx(value)


@pytest.mark.parametrize("typed", ["1.5", "-0.1", "nan", "inf", "abc", "0.9x", "150%", "1e400"])
def test_thresholds_outside_0_to_1_are_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        confidence.parse_threshold(typed)


def test_preview_refuses_a_threshold_outside_0_to_1(database: Database) -> None:
    with pytest.raises(ValueError):
        confidence.preview_verify_above(CurationService(database, "ann"), float("nan"))
