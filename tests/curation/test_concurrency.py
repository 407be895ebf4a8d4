"""Two curators on one quote at the same moment: one wins, the other is told, nothing lost."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from quotes.curation import Conflict, CurationService
from quotes.store.database import Database
from quotes.store.models import Edit, Quote
from tests.factories import seed


def test_two_sessions_racing_on_one_row(database: Database) -> None:
    """The ORM guard under the service: a stale UPDATE matches no row and is refused."""
    if database.engine.dialect.name == "sqlite":
        pytest.skip(
            "SQLite writers cannot interleave: BEGIN IMMEDIATE queues the second until the "
            "first commits (test_simultaneous_decisions_one_wins covers that path)"
        )
    data = seed(database)
    qid = data.quotes[0]
    first, second = database.sessions(), database.sessions()
    try:
        mine = first.get(Quote, qid)
        theirs = second.get(Quote, qid)
        assert mine is not None and theirs is not None
        theirs.status = "rejected"
        second.commit()
        mine.status = "verified"
        with pytest.raises(Exception, match="expected to update 1 row"):
            first.commit()
    finally:
        first.close()
        second.close()
    with database.sessions() as s:
        assert s.get(Quote, qid).status == "rejected"  # type: ignore[union-attr]


def test_simultaneous_decisions_one_wins(database: Database) -> None:
    data = seed(database)
    qid = data.quotes[0]
    seen = CurationService(database, "x").queue_rows([qid])[0].version
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def decide(curator: str, decision: str) -> None:
        svc = CurationService(database, curator)
        barrier.wait()
        try:
            svc.decide(qid, decision, expected_version=seen)  # type: ignore[arg-type]
            outcomes[curator] = "won"
        except Conflict as exc:
            outcomes[curator] = f"conflict: {exc}"

    threads = [
        threading.Thread(target=decide, args=("alice", "verified")),
        threading.Thread(target=decide, args=("bob", "rejected")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(o.split(":")[0] for o in outcomes.values()) == ["conflict", "won"]
    winner = next(c for c, o in outcomes.items() if o == "won")
    loser = next(c for c, o in outcomes.items() if o != "won")
    card = CurationService(database, loser).quote_card(qid)
    # The loser sees the fresh row: the winner's decision, with the winner's name on it.
    assert card.verified_by == winner
    assert card.status == {"alice": "verified", "bob": "rejected"}[winner]
    assert card.version == seen + 1
    with database.sessions() as s:
        assert [e.curator for e in s.scalars(select(Edit))] == [winner]
