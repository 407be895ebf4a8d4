"""Errors the service layer raises; each message is fit to show a curator as it is.

`CurationError` and its subclasses are refusals: the service decided not to do something.
`DatabaseError` is the database failing underneath it (disk full, locked past the busy
timeout, connection lost); `DatabaseUnavailable` is the part of those where the database
could not be used at all. They are SQLAlchemy's own classes under the service's names, so
the workbench and the CLI catch them without importing SQLAlchemy themselves.
"""

from __future__ import annotations

from sqlalchemy.exc import OperationalError, SQLAlchemyError

DatabaseError = SQLAlchemyError
DatabaseUnavailable = OperationalError


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
