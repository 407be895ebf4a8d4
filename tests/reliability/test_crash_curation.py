"""A curator process killed (SIGKILL) mid-change leaves the old state, never half a change.

The child makes a fixed, seeded sequence of curator changes. Killed by the fault hook inside
its k-th write transaction (rows flushed, commit not yet), the file must hold exactly what
the same sequence holds right after its (k-1)-th commit, observed by stopping a twin run
there, and every quote must agree with its last audit row. No sleeps, no random kill times.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from quotes.store.database import open_database
from quotes.store.models import Edit, Quote
from tests.factories import seed
from tests.reliability.processes import kill, start, wait_killed_by_hook, wait_until_stopped

CHILD = """
import random, sys
from quotes.curation import CurationService, NothingToUndo
from quotes.store.database import open_database
db = open_database(sys.argv[1])
svc = CurationService(db, "crashy")
ids = [int(i) for i in sys.argv[2].split(",")]
rng = random.Random(7)
while True:
    qid = rng.choice(ids)
    action = rng.random()
    if action < 0.4:
        svc.verify(qid)
    elif action < 0.7:
        svc.reject(qid)
    elif action < 0.85:
        svc.bulk_decide(ids, rng.choice(["verified", "unverified"]))
    else:
        try:
            svc.undo()
        except NothingToUndo:
            pass
"""


def seeded_file(path: Path) -> list[int]:
    database = open_database(str(path))
    data = seed(database)
    database.engine.dispose()
    return list(data.quotes)


def command(path: Path, ids: list[int]) -> list[str]:
    return [sys.executable, "-c", CHILD, str(path), ",".join(map(str, ids))]


def state(path: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every quote's decision and version, and the audit log, minus timestamps and ids."""
    database = open_database(str(path))
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    with database.readers() as s:
        quotes = [(q.id, q.status, q.version) for q in s.scalars(select(Quote).order_by(Quote.id))]
        edits = [
            (
                e.entity,
                e.entity_id,
                e.action,
                e.curator,
                (e.before or {}).get("status"),
                (e.after or {}).get("status"),
                (e.after or {}).get("version"),
                e.undone_at is None,
            )
            for e in s.scalars(select(Edit).order_by(Edit.id))
        ]
    database.engine.dispose()
    return quotes, edits


def agrees_with_audit_log(path: Path) -> None:
    database = open_database(str(path))
    with database.readers() as s:
        last_after: dict[int, dict[str, Any]] = {}
        for e in s.scalars(select(Edit).where(Edit.entity == "quote").order_by(Edit.id)):
            last_after[e.entity_id] = e.after or {}
        for quote in s.scalars(select(Quote)):
            expected = last_after.get(quote.id, {})
            assert quote.status == expected.get("status", "unverified"), quote.id
            assert quote.version == expected.get("version", 1), quote.id
    database.engine.dispose()


@pytest.mark.parametrize("k", [1, 2, 7, 25])
def test_killed_curator_leaves_the_state_before_the_change(tmp_path: Path, k: int) -> None:
    killed = tmp_path / "killed.db"
    ids = seeded_file(killed)
    wait_killed_by_hook(start(command(killed, ids), kill_in_write=k))

    before = tmp_path / "before.db"
    assert seeded_file(before) == ids
    if k > 1:  # the same sequence, stopped right after the commit before the killed one
        twin = start(command(before, ids), stop_after_commit=k - 1)
        try:
            wait_until_stopped(twin)
        finally:
            kill(twin)

    assert state(killed) == state(before)
    agrees_with_audit_log(killed)
    if k > 1:
        assert state(killed)[1], "the changes before the killed one are all there"
