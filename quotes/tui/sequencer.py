"""Run the curator's changes in the order the keys were pressed.

Each change runs in its own thread worker (so a slow write never freezes the screen), but
"verify, then undo" must undo the verify, not whatever happened to commit first. A ticket
taken on the UI thread at key press fixes the order; each worker waits for its turn.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class WriteSequencer:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._issued = 0
        self._serving = 0

    def take(self) -> int:
        """A ticket; call on the UI thread when the key is pressed."""
        with self._cond:
            ticket = self._issued
            self._issued += 1
            return ticket

    @contextmanager
    def turn(self, ticket: int) -> Iterator[None]:
        """Block until every earlier ticket is done, then hold the turn while the body runs."""
        with self._cond:
            while self._serving < ticket:
                self._cond.wait(0.5)
        try:
            yield
        finally:
            with self._cond:
                self._serving = max(self._serving, ticket + 1)
                self._cond.notify_all()

    @property
    def pending(self) -> int:
        with self._cond:
            return self._issued - self._serving
