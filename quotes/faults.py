"""Deterministic fault injection for the crash tests: test hooks, inert unless armed.

A crash test that kills a process after a random sleep passes or fails with the machine's
load. These hooks let a test stop a process at a known point of its write path instead:

- ``QUOTES_FAULT_KILL_IN_WRITE=N``: the process SIGKILLs itself inside its N-th write
  transaction, after the transaction's rows were flushed to the database and before the
  commit, so the test proves that an interrupted transaction leaves no trace.
- ``QUOTES_FAULT_STOP_AFTER_COMMIT=N``: the process SIGSTOPs itself right after its N-th
  commit; the test sees it stopped (``waitpid`` with ``WUNTRACED``), inspects the database
  at that known point, then kills it.

Both are test hooks only: nothing in the product sets them, and unset (or not a positive
integer) they cost one environment lookup per write transaction.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable

KILL_IN_WRITE = "QUOTES_FAULT_KILL_IN_WRITE"
STOP_AFTER_COMMIT = "QUOTES_FAULT_STOP_AFTER_COMMIT"

# Per process: a forked worker starts from its parent's counts, but workers never write.
_counts = {KILL_IN_WRITE: 0, STOP_AFTER_COMMIT: 0}


def _reached(variable: str) -> bool:
    """Count one more event for `variable` and say whether it is the armed one."""
    raw = os.environ.get(variable, "")
    if not raw.isdigit() or int(raw) < 1:
        return False
    _counts[variable] += 1
    return _counts[variable] == int(raw)


def in_write_transaction(flush: Callable[[], object] | None = None) -> None:
    """Call inside a write transaction, after its work and before its commit."""
    if _reached(KILL_IN_WRITE):
        if flush is not None:
            flush()  # the rows reach the database, so the kill interrupts real writes
        os.kill(os.getpid(), signal.SIGKILL)


def after_commit() -> None:
    """Call right after a write transaction committed."""
    if _reached(STOP_AFTER_COMMIT):
        os.kill(os.getpid(), signal.SIGSTOP)
