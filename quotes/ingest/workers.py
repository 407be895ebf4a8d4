"""Parser worker processes die with the run that started them.

`quotes extract --workers N` parses in processes that spaCy forks. Killed with SIGKILL, the
run cannot tell them to stop, and they used to live on holding gigabytes. So every process
multiprocessing forks after `die_with_parent()` asks the kernel to SIGKILL it when its parent
dies (Linux's PR_SET_PDEATHSIG), and watches its parent itself as a fallback where that call
does not exist. Workers hold no database state (the parent does every write), so killing them
outright loses nothing.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.connection
import multiprocessing.util
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
# How often the fallback watchdog looks at its parent once the sentinel cannot tell it.
_POLL_SECONDS = 0.5


class _Token:
    """What the after-fork registry holds on to (it keeps weak references only)."""


_TOKEN = _Token()
_installed = False


def die_with_parent(*, use_prctl: bool = True) -> None:
    """From now on, every multiprocessing child of this process dies with it.

    `use_prctl=False` leaves only the watchdog, so a test can prove the fallback alone.
    """
    global _installed
    if _installed:
        return
    _installed = True
    multiprocessing.util.register_after_fork(
        _TOKEN, lambda _token: _guard_this_child(use_prctl=use_prctl)
    )


def _guard_this_child(*, use_prctl: bool) -> None:
    """Runs in the new child, before its target: tie its life to its parent's."""
    parent = multiprocessing.parent_process()
    if parent is None or parent.pid is None:
        return
    if use_prctl:
        _ask_kernel_for_death_signal()
    if os.getppid() != parent.pid:  # the parent died before the request above took effect
        _die()
    threading.Thread(
        target=_watch, args=(parent.pid, parent.sentinel), name="die-with-parent", daemon=True
    ).start()


def _ask_kernel_for_death_signal() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the watchdog still covers it


def _watch(parent_pid: int, sentinel: int | None) -> None:
    """Return never while the parent lives; kill this process once it is gone.

    The sentinel (a pipe the parent holds open) wakes the watchdog the moment the parent
    dies; once it has closed for any reason, only the parent's pid is looked at.
    """
    while os.getppid() == parent_pid:
        if sentinel is None:
            time.sleep(_POLL_SECONDS)
            continue
        try:
            if multiprocessing.connection.wait([sentinel], timeout=_POLL_SECONDS):
                sentinel = None
        except OSError:
            sentinel = None
    _die()


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)
