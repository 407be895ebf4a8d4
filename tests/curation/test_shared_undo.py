"""Shared undo never strands a curator (issue 15, failure 5).

Reproduced first: A verifies #51, B rejects it; every later `u` by A said "cannot undo ...
nothing was changed" and A's older history was unreachable. Now undo skips, naming who, an
action whose rows someone else has changed since, and reaches the curator's older actions;
redo mirrors it.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from quotes.curation import CurationService, NothingToUndo
from quotes.store.database import Database
from quotes.store.models import Edit
from tests.factories import seed


def status(svc: CurationService, quote_id: int) -> str:
    return svc.quote_card(quote_id).status


def test_undo_skips_an_action_someone_else_changed_and_reaches_older_ones(
    database: Database,
) -> None:
    data = seed(database)
    q1, q2, q3, _ = data.quotes
    alice, bob = CurationService(database, "alice"), CurationService(database, "bob")
    alice.verify(q1)
    alice.reject(q2)
    alice.verify(q3)  # the "#51" of the report
    bob.reject(q3)

    first = alice.undo()
    assert first.action == "rejected" and first.entity_ids == (q2,)
    assert first.skipped == (f"verified on quote {q3}: changed since by bob",)
    assert status(alice, q2) == "unverified"
    assert status(alice, q3) == "rejected"  # bob's decision stands

    second = alice.undo()
    assert second.entity_ids == (q1,) and status(alice, q1) == "unverified"
    assert second.skipped == (f"verified on quote {q3}: changed since by bob",)

    with pytest.raises(NothingToUndo, match="changed since by bob"):
        alice.undo()
    assert status(alice, q3) == "rejected"


def test_redo_mirrors_undo_and_skips_what_changed_after_the_undo(database: Database) -> None:
    data = seed(database)
    q1, q2, _, _ = data.quotes
    alice, bob = CurationService(database, "alice"), CurationService(database, "bob")
    alice.verify(q1)
    alice.verify(q2)
    alice.undo()  # q2
    alice.undo()  # q1
    bob.reject(q1)  # after alice's undo: redoing her verify would overwrite bob

    redone = alice.redo()
    assert redone.entity_ids == (q2,) and status(alice, q2) == "verified"
    assert redone.skipped == (f"verified on quote {q1}: changed since by bob",)
    assert status(alice, q1) == "rejected"
    with pytest.raises(NothingToUndo, match="nothing to redo: skipped verified on quote"):
        alice.redo()


def test_a_skipped_group_is_left_whole(database: Database) -> None:
    """A bulk action with one row changed by someone else is skipped entirely, never half
    undone, and nothing of the attempt reaches the audit log."""
    data = seed(database)
    q1, q2, q3, _ = data.quotes
    alice, bob = CurationService(database, "alice"), CurationService(database, "bob")
    alice.verify(q3)
    alice.bulk_decide([q1, q2], "verified")
    bob.reject(q2)
    result = alice.undo()
    assert result.entity_ids == (q3,)
    assert [status(alice, q) for q in (q1, q2, q3)] == ["verified", "rejected", "unverified"]
    with database.sessions() as s:
        undo_rows = s.scalars(select(Edit).where(Edit.action == "undo")).all()
    assert [(e.entity_id, e.after["status"]) for e in undo_rows] == [(q3, "unverified")]


def test_undo_works_again_once_the_other_change_is_gone(database: Database) -> None:
    data = seed(database)
    q1 = data.quotes[0]
    alice, bob = CurationService(database, "alice"), CurationService(database, "bob")
    alice.verify(q1)
    bob.reject(q1)
    bob.undo()  # bob takes his decision back: alice's verify is hers to undo again
    result = alice.undo()
    assert result.entity_ids == (q1,) and result.skipped == ()
    assert status(alice, q1) == "unverified"


def test_a_change_made_outside_the_workbench_is_named_so(database: Database) -> None:
    from quotes.store.models import Quote

    data = seed(database)
    q1 = data.quotes[0]
    alice = CurationService(database, "alice")
    alice.set_type(q1, "mixed")
    with database.sessions.begin() as s:  # e.g. a script, not a curator action
        quote = s.get(Quote, q1)
        assert quote is not None
        quote.type = "direct"
    with pytest.raises(NothingToUndo, match="changed since outside the workbench"):
        alice.undo()
