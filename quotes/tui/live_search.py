"""Which typed text a picker's list belongs to, so Enter never acts on an older list.

A picker searches in a worker a moment after each keystroke, so for a while the list on
screen shows the results of what was typed before. Enter in that window used to take the
stale highlight ("Sanctions" typed, "Military exercises" tagged). Here each answer carries
the text it was asked for; a key that acts on the list (Enter, dismiss) on a list that is
not the current text's waits, and acts as soon as the current text's answer arrives.
"""

from __future__ import annotations

from collections.abc import Callable


class LiveSearch:
    def __init__(self, name: str) -> None:
        self._name = name
        self._asked = 0
        self._latest: tuple[str, str] | None = None  # (key, text) of the newest request
        self.shown_for: str | None = None  # the text the list on screen was computed for
        # A key waiting for this text's results, and what it does then.
        self._waiting: tuple[str, Callable[[], None]] | None = None

    def ask(self, text: str) -> str:
        """The key of a new request for `text`; answers to older keys will be dropped."""
        self._asked += 1
        key = f"{self._name}:{self._asked}"
        self._latest = (key, text)
        return key

    def answered(self, key: str) -> bool:
        """Whether the answer under `key` is the newest request's (then it is shown)."""
        if self._latest is None or self._latest[0] != key:
            return False
        self.shown_for = self._latest[1]
        return True

    def is_current(self, text: str) -> bool:
        return self.shown_for == text

    def asked_for(self, text: str) -> bool:
        """Whether the newest request is already for `text` (no need to ask again)."""
        return self._latest is not None and self._latest[1] == text

    def when_current(self, text: str, act: Callable[[], None]) -> bool:
        """Run `act` now if the list is `text`'s, else once `text`'s results are shown.
        Returns whether it ran now; the caller asks for `text`'s results if not yet asked."""
        if self.is_current(text):
            act()
            return True
        self._waiting = (text, act)
        return False

    def typed(self) -> None:
        """New text cancels a key still waiting for the old text's results."""
        self._waiting = None

    def shown(self) -> None:
        """Call after putting an answer on screen: runs a key that was waiting for it."""
        if self._waiting is not None and self._waiting[0] == self.shown_for:
            act = self._waiting[1]
            self._waiting = None
            act()
