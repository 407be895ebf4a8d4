"""Work split between curators: slices of the queue under leases that expire (issue 15).

Every test runs on a real migrated database (SQLite, and PostgreSQL under `make test-pg`),
with the lease clock injected: time moves because a test moves it, never by sleeping.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from quotes.curation import Conflict, CurationService, QueueFilter
from quotes.store.database import Database
from quotes.store.models import Claim, Edit
from tests.curation.team_data import Clock, many_quotes

REPO = Path(__file__).resolve().parents[2]


def team(database: Database, clock: Clock, *names: str) -> list[CurationService]:
    return [CurationService(database, name, clock=clock) for name in names]


def queue_ids(svc: CurationService, f: QueueFilter | None = None) -> list[int]:
    return [r.id for r in svc.queue_page(f or QueueFilter(), limit=1000).rows]


def test_two_curators_get_disjoint_slices_and_never_see_each_others(database: Database) -> None:
    ids = many_quotes(database, 10)
    clock = Clock()
    alice, bob = team(database, clock, "alice", "bob")
    a = alice.claim_next(QueueFilter(), size=4)
    b = bob.claim_next(QueueFilter(), size=4)
    assert list(a.quote_ids) == ids[:4]  # the top of the queue, in queue order
    assert list(b.quote_ids) == ids[4:8]
    assert queue_ids(alice) == ids[:4] + ids[8:]  # own and unclaimed, never bob's
    assert queue_ids(bob) == ids[4:]
    assert queue_ids(CurationService(database, "carol", clock=clock)) == ids[8:]
    everything = alice.queue_page(QueueFilter(), limit=1000, include_claimed=True)
    assert [r.id for r in everything.rows] == ids


def test_a_held_quote_cannot_be_decided_by_someone_else(database: Database) -> None:
    ids = many_quotes(database, 3)
    clock = Clock()
    alice, bob = team(database, clock, "alice", "bob")
    alice.claim_next(QueueFilter(), size=1)
    with pytest.raises(Conflict, match="being reviewed by alice"):
        bob.verify(ids[0])
    with pytest.raises(Conflict, match="being reviewed by alice"):
        bob.bulk_decide(ids, "rejected")
    assert alice.quote_card(ids[0]).status == "unverified"
    alice.verify(ids[0])  # the holder decides it
    bob.verify(ids[1])  # a quote nobody holds is anyone's
    with database.sessions() as s:
        assert [(e.curator, e.entity_id) for e in s.scalars(select(Edit))] == [
            ("alice", ids[0]),
            ("bob", ids[1]),
        ]


def test_an_expired_lease_can_be_taken_over_a_live_one_cannot(database: Database) -> None:
    ids = many_quotes(database, 6)
    clock = Clock()
    alice, bob = team(database, clock, "alice", "bob")
    alice.claim_next(QueueFilter(), size=3)
    with pytest.raises(Conflict, match="alice still holds quotes until 09:30"):
        bob.take_over("alice")
    clock.advance(minutes=29)
    assert ids[0] not in queue_ids(bob)
    clock.advance(minutes=2)  # alice's lease has run out
    assert queue_ids(bob) == ids
    [held] = bob.claim_holders()
    assert (held.curator, held.quotes, held.open, held.expired) == ("alice", 3, 3, True)
    taken = bob.take_over("alice")
    assert taken.quote_ids == tuple(ids[:3]) and taken.taken_from == (("alice", 3),)
    assert queue_ids(alice) == ids[3:]
    bob.verify(ids[0])
    [held] = alice.claim_holders()
    assert (held.curator, held.quotes, held.open, held.expired) == ("bob", 3, 2, False)


def test_claiming_the_next_slice_takes_expired_leases_and_names_whose(database: Database) -> None:
    ids = many_quotes(database, 4)
    clock = Clock()
    alice, bob = team(database, clock, "alice", "bob")
    alice.claim_next(QueueFilter(), size=2)
    clock.advance(hours=1)
    got = bob.claim_next(QueueFilter(), size=3)
    assert got.quote_ids == tuple(ids[:3]) and got.taken_from == (("alice", 2),)


def test_renewing_keeps_a_lease_alive_and_release_gives_the_quotes_back(
    database: Database,
) -> None:
    ids = many_quotes(database, 4)
    clock = Clock()
    alice, bob = team(database, clock, "alice", "bob")
    alice.claim_next(QueueFilter(), size=2)
    clock.advance(minutes=20)
    assert alice.renew_claims() == 2
    clock.advance(minutes=20)  # 40 minutes after the claim, 20 after the renewal
    assert queue_ids(bob) == ids[2:]
    assert alice.release_claims() == 2
    assert queue_ids(bob) == ids
    assert bob.claim_holders() == []


def test_claiming_follows_the_filter(database: Database) -> None:
    ids = many_quotes(database, 6)
    clock = Clock()
    [alice] = team(database, clock, "alice")
    got = alice.claim_next(QueueFilter(min_confidence=0.5), size=10)
    assert got.quote_ids == tuple(ids[3:])
    assert alice.claim_next(QueueFilter(min_confidence=0.5)).quote_ids == ()


def test_a_deleted_quote_takes_its_claim_with_it(database: Database) -> None:
    ids = many_quotes(database, 2)
    clock = Clock()
    [alice] = team(database, clock, "alice")
    alice.claim_next(QueueFilter(), size=2)
    alice.merge_quotes(ids[0], ids[1])
    with database.sessions() as s:
        assert list(s.scalars(select(Claim.quote_id))) == [ids[0]]


def test_two_services_in_two_threads_split_the_queue(database: Database) -> None:
    ids = many_quotes(database, 40)
    clock = Clock()
    barrier = threading.Barrier(2)
    got: dict[str, list[int]] = {}
    errors: list[BaseException] = []

    def work(curator: str) -> None:
        svc = CurationService(database, curator, clock=clock)
        mine: list[int] = []
        try:
            barrier.wait()
            while claimed := svc.claim_next(QueueFilter(), size=3).quote_ids:
                for qid in claimed:
                    svc.verify(qid)
                mine.extend(claimed)
        except BaseException as exc:  # surfaced by the assertion below
            errors.append(exc)
        got[curator] = mine

    threads = [threading.Thread(target=work, args=(c,)) for c in ("alice", "bob")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    assert not set(got["alice"]) & set(got["bob"])
    assert sorted(got["alice"] + got["bob"]) == ids
    with database.sessions() as s:
        verified_by = {e.entity_id: e.curator for e in s.scalars(select(Edit))}
    assert len(verified_by) == len(ids)  # each quote decided exactly once
    assert all(verified_by[q] == c for c, qs in got.items() for q in qs)


def test_two_processes_split_the_queue(database: Database, db_url: str) -> None:
    ids = many_quotes(database, 40)
    args = [sys.executable, "-m", "tests.curation.claim_worker", db_url]
    children = [
        subprocess.Popen(
            [*args, curator, "3"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        for curator in ("alice", "bob")
    ]
    try:
        for child in children:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "ready"
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        outputs = [child.communicate(timeout=120) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    assert [c.returncode for c in children] == [0, 0], [err for _, err in outputs]
    alice, bob = (json.loads(out) for out, _ in outputs)
    assert not set(alice) & set(bob)
    assert sorted(alice + bob) == ids
    with database.sessions() as s:
        assert list(s.scalars(select(Claim))) == []  # both released on exit


def test_a_bulk_decision_larger_than_a_statement_may_bind_is_checked(database: Database) -> None:
    ids = many_quotes(database, 3)
    clock = Clock()
    alice, bob = team(database, clock, "alice", "bob")
    alice.claim_next(QueueFilter(), size=1)
    # Ids past SQLite's 32,766 bound parameters; the missing ones are never reached.
    many = [*range(10**6, 10**6 + 40_000), ids[0]]
    with pytest.raises(Conflict, match="being reviewed by alice"):
        bob.bulk_decide(many, "verified")
