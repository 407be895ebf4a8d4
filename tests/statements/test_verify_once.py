"""Verify once: one curator action on every copy of a statement, undoable, others respected."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from quotes.curation import CurationService
from quotes.curation.errors import InvalidEdit, NotFound
from quotes.curation.filters import QueueFilter
from quotes.store.database import Database
from quotes.store.models import Edit, Quote, QuoteTopic, Topic
from tests.statements.helpers import ingest

LINE = "We stand ready to defend every inch of allied territory, and we will do so together."


def three_copies(database: Database) -> int:
    ingest(
        database,
        f'"{LINE}" Jens Stoltenberg said.',
        [(LINE, "direct", "Jens Stoltenberg")],
        outlet="TASS",
    )
    ingest(
        database,
        f"“{LINE.lower()}” Sergey Lavrov said.",
        [(LINE.lower(), "direct", "Sergey Lavrov")],
        outlet="AP",
    )
    trimmed = "to defend every inch of allied territory"
    ingest(
        database,
        f'Jens Stoltenberg said NATO was ready "{trimmed}."',
        [(trimmed, "mixed", "Jens Stoltenberg")],
        outlet="RT",
    )
    (info,) = CurationService(database, "alice").statements()
    assert len(info.copies) == 3
    return info.id


def statuses(database: Database) -> dict[str, str]:
    with database.readers() as s:
        return {t: st for t, st in s.execute(select(Quote.text, Quote.status)).all()}


def test_verify_applies_to_every_copy_as_one_undo_step(database: Database) -> None:
    sid = three_copies(database)
    alice = CurationService(database, "alice")
    done = alice.apply_to_statement(sid, decision="verified")
    assert (done.copies, done.changed, done.unchanged) == (3, 3, 0)
    assert set(statuses(database).values()) == {"verified"}
    with database.readers() as s:
        groups = set(s.scalars(select(Edit.group_id).where(Edit.curator == "alice")))
    assert len(groups) == 1
    undone = alice.undo()
    assert undone.count == 3
    assert set(statuses(database).values()) == {"unverified"}


def test_copies_another_curator_decided_are_left_alone(database: Database) -> None:
    sid = three_copies(database)
    bob = CurationService(database, "bob")
    info = bob.statement(sid)
    bobs = info.copies[1].quote_id
    bob.reject(bobs)
    done = CurationService(database, "alice").apply_to_statement(sid, decision="verified")
    assert (done.changed, done.skipped_decided) == (2, 1)
    with database.readers() as s:
        assert s.get(Quote, bobs).status == "rejected"  # type: ignore[union-attr]


def test_copies_another_curator_is_reviewing_are_left_alone(database: Database) -> None:
    sid = three_copies(database)
    claimed = CurationService(database, "bob").claim_next(QueueFilter())
    assert len(claimed.quote_ids) == 3
    done = CurationService(database, "alice").apply_to_statement(sid, decision="verified")
    assert done.skipped_held == 3 and done.changed == 0


def test_a_speaker_fix_settles_the_conflict(database: Database) -> None:
    sid = three_copies(database)
    alice = CurationService(database, "alice")
    assert [s.id for s in alice.statements(conflicts_only=True)] == [sid]
    right = alice.find_speaker("Jens Stoltenberg")
    done = alice.apply_to_statement(sid, speaker_id=right.id)
    assert done.changed == 1 and done.unchanged == 2
    assert alice.statements(conflicts_only=True) == []
    assert not alice.statement(sid).conflict


def test_a_merge_of_the_two_speakers_settles_the_conflict(database: Database) -> None:
    sid = three_copies(database)
    alice = CurationService(database, "alice")
    lavrov = alice.find_speaker("Sergey Lavrov")
    stoltenberg = alice.find_speaker("Jens Stoltenberg")
    alice.merge_speakers(lavrov.id, stoltenberg.id)
    assert not alice.statement(sid).conflict


def test_a_rejected_copy_is_no_attribution(database: Database) -> None:
    sid = three_copies(database)
    alice = CurationService(database, "alice")
    wrong = next(c for c in alice.statement(sid).copies if c.speaker == "Sergey Lavrov")
    alice.reject(wrong.quote_id)
    assert not alice.statement(sid).conflict


def test_topic_goes_to_every_copy_but_not_where_it_was_dismissed(database: Database) -> None:
    sid = three_copies(database)
    alice = CurationService(database, "alice")
    alice.create_topic("Defence")
    first = alice.statement(sid).copies[0].quote_id
    alice.dismiss_suggestion(first, "Defence")
    done = alice.apply_to_statement(sid, topic="Defence")
    assert done.changed == 2 and done.unchanged == 1
    with database.readers() as s:
        origins = sorted(
            s.scalars(select(QuoteTopic.origin).join(Topic).where(Topic.name == "Defence"))
        )
    assert origins == ["curator", "curator", "dismissed"]


def test_nothing_to_apply_and_unknown_statement_are_refused(database: Database) -> None:
    sid = three_copies(database)
    alice = CurationService(database, "alice")
    with pytest.raises(InvalidEdit):
        alice.apply_to_statement(sid)
    with pytest.raises(NotFound):
        alice.apply_to_statement(sid + 1000, decision="verified")


def test_the_queue_filters_copies_of_conflicting_statements(database: Database) -> None:
    sid = three_copies(database)
    ingest(
        database,
        "“Nothing to see in these unrelated words here,” Ann Lee said.",
        [("Nothing to see in these unrelated words here,", "direct", "Ann Lee")],
    )
    alice = CurationService(database, "alice")
    conflicts = QueueFilter(conflicts=True)
    shown = {r.id for r in alice.queue_page(conflicts).rows}
    assert shown == {c.quote_id for c in alice.statement(sid).copies}
    assert len(alice.queue_page(QueueFilter()).rows) == 4
    alice.apply_to_statement(sid, speaker_id=alice.find_speaker("Jens Stoltenberg").id)
    assert alice.queue_page(conflicts).rows == []
