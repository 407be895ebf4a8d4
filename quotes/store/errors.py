"""Turning a failed database operation into one line a person can act on.

SQLite's own words are often the same for very different situations: "unable to open
database file" means a missing folder, a file without permission, or, for a WAL database,
a folder where SQLite may not create the `-wal` and `-shm` files it needs even to read.
This module tells those apart from what it can see on disk, so the CLI never has to, and
masks any password a driver echoes back. No UI code: callers print the string.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from quotes.store.redact import mask_url


def folder_writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


# SQLAlchemy ends its messages with a link to its error catalogue: noise on a one-line error.
_BACKGROUND = re.compile(r"\(Background on this error at: [^)]*\)")


def _one_line(text: str) -> str:
    # Driver messages span lines (psycopg adds hints, SQLAlchemy its SQL and a link).
    return " ".join(_BACKGROUND.sub("", text).split())


def _driver_message(exc: BaseException) -> str:
    orig = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    first = str(orig).strip() or orig.__class__.__name__
    return _one_line(first)


def _sqlite_advice(message: str, path: Path, writable: Callable[[Path], bool]) -> str | None:
    low = message.lower()
    if "file is not a database" in low or "malformed" in low:
        return (
            f"{path} is not a readable quotes database (SQLite: {message}); it is damaged or "
            "another kind of file: restore it from a backup or point --db at another file"
        )
    folder = path.parent
    cannot_open = "unable to open database file" in low
    if not (cannot_open or "readonly database" in low):
        return None
    if not folder.is_dir():
        return f"{path}: the folder {folder} does not exist"
    if path.is_dir():
        return f"{path} is a folder, not a database file"
    if path.exists() and not writable(folder):
        # SQLite says "unable to open" or "readonly database" depending on the step that
        # failed; both come down to the folder when the database uses WAL.
        return (
            f"{path}: the folder {folder} is not writable, and SQLite needs to create "
            f"{path.name}-wal and {path.name}-shm next to the database even to read it "
            "(WAL mode): make the folder writable, or copy the database to a writable folder"
        )
    if path.exists() and not os.access(path, os.R_OK):
        return f"{path}: no permission to read this file"
    if not cannot_open:
        return f"{path}: the file is read-only: make it writable, or work on a copy of the database"
    return None


def explain_database_error(
    exc: BaseException,
    label: str,
    path: Path | None = None,
    *,
    writable: Callable[[Path], bool] = folder_writable,
) -> str:
    """One line naming the database (`label`) and what went wrong, passwords masked.

    `path` is the SQLite file, when it is one; `writable` is how a folder's permission is
    checked (injectable, because a test running as root sees every folder as writable).
    """
    message = _driver_message(exc)
    advice = None
    if path is not None and isinstance(
        exc.orig if isinstance(exc, DBAPIError) else exc, sqlite3.Error
    ):
        advice = _sqlite_advice(message, path, writable)
    return mask_url(advice or f"{label}: {message}")
