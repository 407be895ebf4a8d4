"""Driving a child process to a known point and looking at it, without any timing.

The fault hooks of `quotes.faults` stop or kill a child at a chosen write; these helpers
start children with a hook armed, wait for the observed outcome, and find a child's
descendants through its session id (they keep it after their parent dies).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from quotes.faults import KILL_IN_WRITE, STOP_AFTER_COMMIT

REPO = Path(__file__).resolve().parents[2]
QUOTES = [sys.executable, "-m", "quotes"]
# Not a timing assumption: only how long to wait before calling a hung process a failure.
GENEROUS = 120.0


def start(args: list[str], **faults: int) -> subprocess.Popen[bytes]:
    """`args` in a new session (so its descendants can be found) with fault hooks armed:
    `start(cmd, kill_in_write=3)` or `start(cmd, stop_after_commit=2)`."""
    names = {"kill_in_write": KILL_IN_WRITE, "stop_after_commit": STOP_AFTER_COMMIT}
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for key in names.values():
        env.pop(key, None)
    env.update({names[key]: str(n) for key, n in faults.items()})
    return subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )


def wait_until_stopped(child: subprocess.Popen[bytes]) -> None:
    """Wait until the child has stopped itself (SIGSTOP); fail if it exited instead."""
    deadline = time.monotonic() + GENEROUS
    while time.monotonic() < deadline:
        pid, status = os.waitpid(child.pid, os.WUNTRACED | os.WNOHANG)
        if pid == 0:
            time.sleep(0.02)
            continue
        if os.WIFSTOPPED(status):
            return
        code = os.waitstatus_to_exitcode(status)
        child.returncode = code  # reaped here: keep Popen from waiting on it again
        raise AssertionError(f"the child exited ({code}) before its armed commit")
    kill(child)
    raise AssertionError("the child never reached its armed commit")


def kill(child: subprocess.Popen[bytes]) -> None:
    """SIGKILL a child that is still there (stopped or running) and reap it."""
    if child.returncode is None:
        child.send_signal(signal.SIGKILL)
        assert child.wait() == -signal.SIGKILL


def wait_killed_by_hook(child: subprocess.Popen[bytes]) -> None:
    """Wait for the child to kill itself at its armed write; fail if it never does."""
    try:
        _, stderr = child.communicate(timeout=GENEROUS)
    except subprocess.TimeoutExpired:
        kill(child)
        raise AssertionError("the child never reached its armed write") from None
    assert child.returncode == -signal.SIGKILL, stderr.decode(errors="replace")


def committed_articles(db: Path) -> int:
    """Articles committed, seen through a plain read-only connection (not the app's code)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


def _stat(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name (state first), or None if gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw.rsplit(")", 1)[1].split()


def session_members(sid: int) -> set[int]:
    """Live (not zombie) processes of session `sid`."""
    members = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat(int(entry))
            if fields is not None and fields[0] != "Z" and int(fields[3]) == sid:
                members.add(int(entry))
    return members


def alive(pid: int) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


def wait_until_gone(pids: set[int]) -> set[int]:
    """Wait (on observed state) until none of `pids` lives; returns those still alive after a
    generous bound, so a failing test names them instead of hanging."""
    deadline = time.monotonic() + GENEROUS
    living = {pid for pid in pids if alive(pid)}
    while living and time.monotonic() < deadline:
        time.sleep(0.05)
        living = {pid for pid in living if alive(pid)}
    return living
