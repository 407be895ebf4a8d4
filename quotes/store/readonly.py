"""Running someone's own SQL against the database without letting it change anything.

`quotes sql` hands arbitrary text to the database, so the guarantees are layered rather than
trusted to one mechanism (Datasette's approach):

SQLite
- the file is opened through a `file:...?mode=ro` URI, so SQLite itself refuses to write;
- `PRAGMA query_only=ON`, in case a future change opens it some other way;
- an authorizer denies ATTACH/DETACH (which could open a *writable* second file), every write
  action, and pragmas that set something; the denial is recorded so the error can say what
  was refused instead of SQLite's bare "not authorized";
- a progress handler aborts the statement once the time limit has passed (a recursive CTE
  can run forever);
- at most `limit` rows are fetched; one more is peeked at to know whether there were more.
Nothing is migrated or created: a missing file is an error, not a new database.

Other databases (PostgreSQL): a SQLAlchemy connection whose transaction is `SET TRANSACTION
READ ONLY` with a local `statement_timeout`, always rolled back.

No UI code: the CLI formats `QueryResult` and the exceptions' messages.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL

from quotes.store.engine import resolve_url

DEFAULT_TIMEOUT = 10.0
DEFAULT_LIMIT = 1000
# How many SQLite VM instructions between two looks at the clock: cheap, and fine-grained
# enough that the limit is overshot by well under a millisecond.
_PROGRESS_STEPS = 1000


class ReadOnlyQueryError(Exception):
    """The query could not run; the message is one line meant for the user."""


class ReadOnlyViolation(ReadOnlyQueryError):
    """The query tried to write, attach a database or change a setting."""


class QueryTimeout(ReadOnlyQueryError):
    """The query ran past its time limit and was stopped."""


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]
    # True when the query had more rows than the limit and only `limit` were kept.
    truncated: bool
    limit: int | None
    seconds: float


# Action codes that only read. Everything else (INSERT, UPDATE, DELETE, CREATE_*, DROP_*,
# ALTER_TABLE, REINDEX, ANALYZE, ATTACH, DETACH, CREATE_VTABLE, ...) is denied.
_ALLOWED_ACTIONS = {
    sqlite3.SQLITE_SELECT,
    sqlite3.SQLITE_READ,
    sqlite3.SQLITE_FUNCTION,
    sqlite3.SQLITE_RECURSIVE,
}
# Pragmas whose argument names a table or index rather than setting a value.
_INTROSPECTION_PRAGMAS = {
    "table_info",
    "table_xinfo",
    "table_list",
    "index_list",
    "index_info",
    "index_xinfo",
    "foreign_key_list",
    "foreign_key_check",
    "integrity_check",
    "quick_check",
}
# The authorizer's action codes share numbers with SQLite's error codes in the sqlite3 module
# namespace (SQLITE_INSERT == SQLITE_TOOBIG), so the names are listed, not discovered.
_ACTION_NAMES = {
    getattr(sqlite3, f"SQLITE_{name}"): name.replace("_", " ")
    for name in [
        "CREATE_INDEX",
        "CREATE_TABLE",
        "CREATE_TEMP_INDEX",
        "CREATE_TEMP_TABLE",
        "CREATE_TEMP_TRIGGER",
        "CREATE_TEMP_VIEW",
        "CREATE_TRIGGER",
        "CREATE_VIEW",
        "DELETE",
        "DROP_INDEX",
        "DROP_TABLE",
        "DROP_TEMP_INDEX",
        "DROP_TEMP_TABLE",
        "DROP_TEMP_TRIGGER",
        "DROP_TEMP_VIEW",
        "DROP_TRIGGER",
        "DROP_VIEW",
        "INSERT",
        "PRAGMA",
        "UPDATE",
        "ATTACH",
        "DETACH",
        "ALTER_TABLE",
        "REINDEX",
        "ANALYZE",
        "CREATE_VTABLE",
        "DROP_VTABLE",
    ]
    if hasattr(sqlite3, f"SQLITE_{name}")
}
_SCHEMA_TABLES = {"sqlite_master", "sqlite_temp_master", "sqlite_schema", "sqlite_temp_schema"}


class _Authorizer:
    """Allows reads only, and remembers what it refused for the error message."""

    def __init__(self) -> None:
        self.refused: list[str] = []

    @property
    def denied(self) -> str | None:
        """The first refused action: SQLite stops at the first denial anyway."""
        if not self.refused:
            return None
        return self.refused[0]

    def __call__(
        self, action: int, arg1: str | None, arg2: str | None, _db: str | None, _src: str | None
    ) -> int:
        if action in _ALLOWED_ACTIONS:
            return sqlite3.SQLITE_OK
        if action in (sqlite3.SQLITE_TRANSACTION, sqlite3.SQLITE_SAVEPOINT):
            return sqlite3.SQLITE_OK  # BEGIN/COMMIT on a read-only connection change nothing
        if action == sqlite3.SQLITE_UPDATE and arg1 in _SCHEMA_TABLES:
            # FTS5 asks for this when it opens quotes_fts for a plain MATCH. Allowed here,
            # because mode=ro and query_only still refuse the write if one were ever tried.
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_PRAGMA and (
            arg2 is None or (arg1 or "").lower() in _INTROSPECTION_PRAGMAS
        ):
            return sqlite3.SQLITE_OK
        what = _ACTION_NAMES.get(action, f"action {action}")
        if action == sqlite3.SQLITE_PRAGMA:
            what = f"PRAGMA {arg1} = {arg2}"
        elif action == sqlite3.SQLITE_ATTACH:
            what = "ATTACH"
        elif action == sqlite3.SQLITE_DETACH:
            what = "DETACH"
        elif action == sqlite3.SQLITE_ALTER_TABLE:
            what = f"ALTER TABLE {arg2}"
        elif arg1 in _SCHEMA_TABLES:
            what = "changing the schema"
        elif arg1:
            what = f"{what} {arg1}"
        if len(self.refused) < 20:
            self.refused.append(what)
        return sqlite3.SQLITE_DENY


def run_readonly_query(
    sql: str,
    db: str | URL | None = None,
    *,
    params: Sequence[Any] | dict[str, Any] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    limit: int | None = DEFAULT_LIMIT,
) -> QueryResult:
    """Run one statement read-only against `db` (a path or URL, as `--db` takes it).

    `limit` None or 0 fetches every row. Raises ReadOnlyViolation, QueryTimeout or
    ReadOnlyQueryError with a one-line message.
    """
    url = db if isinstance(db, URL) else resolve_url(db)
    cap = limit if limit and limit > 0 else None
    if url.get_backend_name() == "sqlite":
        return _run_sqlite(sql, url, params or (), timeout, cap)
    return _run_sqlalchemy(sql, url, params or {}, timeout, cap)


def readonly_connect(path: str | Path) -> tuple[sqlite3.Connection, _Authorizer]:
    """A read-only sqlite3 connection with the authorizer installed (no time limit yet)."""
    file = Path(path).expanduser().resolve()
    if not file.is_file():
        raise ReadOnlyQueryError(f"no database at {file}")
    conn = sqlite3.connect(f"{file.as_uri()}?mode=ro", uri=True, timeout=5.0)
    conn.execute("PRAGMA query_only=ON")
    authorizer = _Authorizer()
    conn.set_authorizer(authorizer)
    return conn, authorizer


def _run_sqlite(
    sql: str,
    url: URL,
    params: Sequence[Any] | dict[str, Any],
    timeout: float,
    limit: int | None,
) -> QueryResult:
    if not url.database or url.database == ":memory:":
        raise ReadOnlyQueryError("quotes sql needs a database file, not an in-memory database")
    try:
        conn, authorizer = readonly_connect(url.database)
    except sqlite3.Error as exc:
        raise ReadOnlyQueryError(f"{url.database}: {exc}") from None
    started = time.monotonic()
    deadline = started + timeout
    timed_out = False

    def past_deadline() -> int:
        nonlocal timed_out
        if time.monotonic() > deadline:
            timed_out = True
            return 1  # non-zero aborts the statement with "interrupted"
        return 0

    conn.set_progress_handler(past_deadline, _PROGRESS_STEPS)
    try:
        cursor = conn.execute(sql, params)
        columns = [d[0] for d in cursor.description or ()]
        if limit is None:
            rows = cursor.fetchall()
            truncated = False
        else:
            rows = cursor.fetchmany(limit + 1)
            truncated = len(rows) > limit
            rows = rows[:limit]
        cursor.close()
    except sqlite3.Error as exc:
        if timed_out:
            raise QueryTimeout(f"timed out after {timeout:g}s: query stopped") from None
        if authorizer.denied:
            raise ReadOnlyViolation(
                f"read-only: {authorizer.denied} is not allowed in quotes sql"
            ) from None
        message = str(exc)
        if any(w in message for w in ("readonly", "read-only", "may not be modified")):
            raise ReadOnlyViolation(f"read-only: {message}") from None
        raise ReadOnlyQueryError(f"{type(exc).__name__}: {message}") from None
    except sqlite3.Warning as exc:  # e.g. "You can only execute one statement at a time."
        raise ReadOnlyQueryError(str(exc)) from None
    finally:
        conn.close()
    return QueryResult(
        columns=columns,
        rows=[tuple(r) for r in rows],
        truncated=truncated,
        limit=limit,
        seconds=time.monotonic() - started,
    )


def _run_sqlalchemy(
    sql: str,
    url: URL,
    params: Sequence[Any] | dict[str, Any],
    timeout: float,
    limit: int | None,
) -> QueryResult:
    """PostgreSQL (and any server database): read-only transaction, server-side time limit."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    engine = create_engine(url, pool_pre_ping=True)
    started = time.monotonic()
    try:
        with engine.connect() as conn:
            try:
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
                if conn.dialect.name == "postgresql":
                    conn.exec_driver_sql(f"SET LOCAL statement_timeout = {int(timeout * 1000)}")
                result = conn.exec_driver_sql(sql, params or None)  # type: ignore[arg-type]
                columns = list(result.keys()) if result.returns_rows else []
                if not result.returns_rows:
                    rows, truncated = [], False
                elif limit is None:
                    rows, truncated = [tuple(r) for r in result.fetchall()], False
                else:
                    fetched = result.fetchmany(limit + 1)
                    truncated = len(fetched) > limit
                    rows = [tuple(r) for r in fetched[:limit]]
                result.close()
            finally:
                conn.rollback()
    except DBAPIError as exc:
        code = getattr(exc.orig, "pgcode", None) or getattr(exc.orig, "sqlstate", None)
        if code == "57014" or "statement timeout" in str(exc.orig):
            raise QueryTimeout(f"timed out after {timeout:g}s: query stopped") from None
        if code == "25006" or "read-only transaction" in str(exc.orig):
            raise ReadOnlyViolation(f"read-only: {exc.orig}".strip()) from None
        raise ReadOnlyQueryError(f"{type(exc.orig).__name__}: {exc.orig}".strip()) from None
    except SQLAlchemyError as exc:
        raise ReadOnlyQueryError(f"{type(exc).__name__}: {exc}") from None
    finally:
        engine.dispose()
    return QueryResult(
        columns=columns,
        rows=rows,
        truncated=truncated,
        limit=limit,
        seconds=time.monotonic() - started,
    )
