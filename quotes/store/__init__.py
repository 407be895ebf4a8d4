"""Persistence: models, engine and pragmas, Alembic glue, search. No UI code here."""

from quotes.store.engine import get_engine, make_engine, resolve_url, session_factory
from quotes.store.migrate import DatabaseTooNew, ensure_current

__all__ = [
    "DatabaseTooNew",
    "ensure_current",
    "get_engine",
    "make_engine",
    "resolve_url",
    "session_factory",
]
