"""`quotes extract --workers N` killed with SIGKILL takes its parser processes with it.

The run stops itself after its first commit (so its workers are certainly up), the test
finds them through the run's session id, kills the run, and waits, on observed process
state with a generous bound, until they are gone.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.reliability.corpus import seed_variants
from tests.reliability.processes import (
    QUOTES,
    kill,
    session_members,
    start,
    wait_until_gone,
    wait_until_stopped,
)


def test_workers_die_with_a_killed_extract(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    seed_variants(folder, copies=2)
    db = tmp_path / "q.db"
    args = [*QUOTES, "extract", str(folder), "--db", str(db), "--workers", "2"]
    run = start([*args, "--batch-size", "2"], stop_after_commit=1)
    try:
        wait_until_stopped(run)
        workers = session_members(run.pid) - {run.pid}
        assert len(workers) == 2, workers
    finally:
        kill(run)
    assert wait_until_gone(workers) == set()


WATCHDOG_ONLY = """
import multiprocessing, signal, time
from quotes.ingest.workers import die_with_parent
die_with_parent(use_prctl=False)
child = multiprocessing.get_context("fork").Process(target=time.sleep, args=(3600,))
child.start()
print(child.pid, flush=True)
signal.pause()
"""


def test_the_watchdog_alone_ends_an_orphaned_worker() -> None:
    """Where the kernel cannot be asked (not Linux), the worker watches its parent itself."""
    parent = start([sys.executable, "-c", WATCHDOG_ONLY])
    assert parent.stdout is not None
    worker = int(parent.stdout.readline())
    assert worker in session_members(parent.pid)
    kill(parent)
    assert wait_until_gone({worker}) == set()
