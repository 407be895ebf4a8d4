"""Persistence: models, engine and pragmas, Alembic glue, search. No UI code here.

Names load on first use (PEP 562): `quotes.store.redact`, which every diagnostic passes
through, must not pay for SQLAlchemy and Alembic when `quotes --help` imports it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quotes.store.engine import get_engine, make_engine, resolve_url, session_factory
    from quotes.store.migrate import DatabaseTooNew, ensure_current

_EXPORTS = {
    "DatabaseTooNew": "migrate",
    "ensure_current": "migrate",
    "get_engine": "engine",
    "make_engine": "engine",
    "resolve_url": "engine",
    "session_factory": "engine",
}

__all__ = [
    "DatabaseTooNew",
    "ensure_current",
    "get_engine",
    "make_engine",
    "resolve_url",
    "session_factory",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'quotes.store' has no attribute {name!r}")
    return getattr(import_module(f"quotes.store.{module}"), name)
