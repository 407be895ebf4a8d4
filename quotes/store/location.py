"""Which database `--db` names, decided without SQLAlchemy.

`quotes stats` and `quotes sql` read a SQLite file through the stdlib driver, so they start
without paying for SQLAlchemy's import (issue 19: start-up). They and the engine must agree
on which file a `--db` names, so the rule lives here once and `quotes.store.engine` uses it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

DEFAULT_DB = "quotes.db"
ENV_DB = "QUOTES_DB"
BUSY_TIMEOUT_MS = 30_000
MEMORY = ":memory:"


def raw_location(db: str | None = None) -> str:
    """`--db`, else `$QUOTES_DB`, else `./quotes.db`, as the text the user gave."""
    return db or os.environ.get(ENV_DB) or DEFAULT_DB


def is_url(raw: str) -> bool:
    """A SQLAlchemy URL, which only SQLAlchemy parses; anything else is a file path."""
    return "://" in raw


def plain_sqlite_file(db: str | None = None) -> Path | None:
    """The SQLite file a plain path names (`~` expanded, not resolved, as messages show it).

    None for a URL (even a `sqlite:///` one: its rules are SQLAlchemy's, so such a location
    takes the SQLAlchemy path) and for an in-memory database.
    """
    raw = raw_location(db)
    if is_url(raw) or raw == MEMORY:
        return None
    return Path(raw).expanduser()


def connect_readonly(path: Path) -> sqlite3.Connection:
    """The stdlib connection the small commands' fast paths read through (stats, the
    workbench's first page): `mode=ro`, so SQLite itself refuses to write whatever runs on
    it, and no implicit transactions, so a caller's BEGIN makes its reads one snapshot."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
