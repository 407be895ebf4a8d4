"""Errors the service layer raises; each message is fit to show a curator as it is."""

from __future__ import annotations


class CurationError(Exception):
    """Base for every refusal of a curator action."""


class NotFound(CurationError):
    pass


class Conflict(CurationError):
    """The row changed underneath the curator (another curator, or the extractor)."""


class InvalidEdit(CurationError):
    pass


class NothingToUndo(CurationError):
    pass
