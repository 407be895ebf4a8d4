"""A curator process killed (SIGKILL) mid-change leaves the old or the new state, never half.

The child process decides quotes as fast as it can; the test kills it at a random moment
and checks that the file is intact and that every quote agrees with its last audit row.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from quotes.store.database import open_database
from quotes.store.models import Edit, Quote
from tests.factories import seed

CHILD = """
import random, sys
from quotes.curation import CurationService, Conflict
from quotes.store.database import open_database
db = open_database(sys.argv[1])
svc = CurationService(db, "crashy")
ids = [int(i) for i in sys.argv[2].split(",")]
print("ready", flush=True)
while True:
    qid = random.choice(ids)
    action = random.random()
    if action < 0.4:
        svc.verify(qid)
    elif action < 0.7:
        svc.reject(qid)
    elif action < 0.85:
        svc.bulk_decide(ids, random.choice(["verified", "unverified"]))
    else:
        try:
            svc.undo()
        except Exception:
            pass
"""


@pytest.mark.parametrize("run", range(3))
def test_killed_curator_leaves_consistent_state(tmp_path: Path, run: int) -> None:
    path = tmp_path / "crash.db"
    database = open_database(str(path))
    data = seed(database)
    database.engine.dispose()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), ",".join(map(str, data.quotes))],
        stdout=subprocess.PIPE,
        env=env,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == b"ready"
    time.sleep(random.Random(run).uniform(0.3, 1.5))
    child.send_signal(signal.SIGKILL)
    child.wait()

    database = open_database(str(path))
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    with database.sessions() as s:
        edits = s.scalars(select(Edit).where(Edit.entity == "quote").order_by(Edit.id)).all()
        assert edits, "the child made no change before it was killed; kill later"
        last_after: dict[int, dict] = {}
        for e in edits:
            last_after[e.entity_id] = e.after or {}
        for quote in s.scalars(select(Quote)):
            expected = last_after.get(quote.id, {}).get("status", "unverified")
            assert quote.status == expected, f"quote {quote.id} disagrees with its audit log"
            assert quote.version == last_after.get(quote.id, {}).get("version", 1)
