"""Why someone's query did not run; each message is one line meant for the user."""

from __future__ import annotations


class ReadOnlyQueryError(Exception):
    """The query could not run; the message is one line meant for the user."""

    def __init__(self, message: str) -> None:
        # Database messages span lines ("LINE 1: ... ^"); a diagnostic is one line.
        super().__init__(" ".join(message.split()))


class ReadOnlyViolation(ReadOnlyQueryError):
    """The query tried to write, run more than one statement, or used a forbidden role."""


class QueryTimeout(ReadOnlyQueryError):
    """The query (or printing its rows) ran past its time limit and was stopped."""


class ValueTooBig(ReadOnlyQueryError):
    """The query built a value over the size limit (SQLite's length limit)."""
