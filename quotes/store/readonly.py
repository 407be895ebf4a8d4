"""Running someone's own SQL against the database without letting it change anything.

`quotes sql` hands arbitrary text to the database, so the guarantees are layered rather than
trusted to one mechanism (Datasette's approach). On every backend, first:
- the text must be exactly one reading statement (`quotes.store.sql_statement` tokenizes it:
  comments, literals, quoted identifiers and dollar quotes cannot hide a second statement);
- rows are fetched in batches and cut to `QueryLimits` (`quotes.store.query_stream`): at most
  `rows` rows, cells cut at `cell_bytes`, the result stopped at `result_bytes`, and the time
  limit covers fetching *and* the caller's printing.

SQLite, then:
- the file is opened through a `file:...?mode=ro` URI, so SQLite itself refuses to write;
- `PRAGMA query_only=ON`, in case a future change opens it some other way;
- an authorizer denies ATTACH/DETACH (which could open a *writable* second file), every write
  action, and pragmas that set something or are not on the reading list; the denial is
  recorded so the error can say what was refused instead of SQLite's bare "not authorized";
- `SQLITE_LIMIT_LENGTH` is the result size limit, so no single string or blob, not even an
  intermediate one inside `replace()` or `zeroblob()`, can grow past it;
- a progress handler aborts the statement once the time limit has passed (a recursive CTE
  can run forever).
Nothing is migrated or created: a missing file is an error, not a new database.

PostgreSQL: see `quotes.store.readonly_pg` (read-only session and transaction, server-side
statement timeout, server-side cursor, superusers refused); `quotes.store.reader_role`
creates a role fit for it.

No UI code: the CLI formats the rows, the counters and the exceptions' messages.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quotes.store.location import plain_sqlite_file
from quotes.store.query_errors import (
    QueryTimeout,
    ReadOnlyQueryError,
    ReadOnlyViolation,
    ValueTooBig,
)
from quotes.store.query_stream import (
    DEFAULT_LIMIT,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CELL_BYTES,
    DEFAULT_TIMEOUT,
    MAX_LIMIT,
    MIN_MAX_BYTES,
    TABLE_MAX_BYTES,
    TABLE_MAX_CELL_BYTES,
    QueryLimits,
    QueryStream,
)
from quotes.store.sql_statement import (
    Dialect,
    StatementRefused,
    StatementUnreadable,
    read_statement,
)

# On a SQLite file given as a path, `quotes sql` needs none of SQLAlchemy (issue 19:
# start-up): URLs, PostgreSQL and the reader role load it when they are used.
if TYPE_CHECKING:
    from sqlalchemy.engine import URL

    from quotes.store.reader_role import ReaderRole, create_reader_role

__all__ = [
    "DEFAULT_LIMIT",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CELL_BYTES",
    "DEFAULT_TIMEOUT",
    "MAX_LIMIT",
    "MIN_MAX_BYTES",
    "TABLE_MAX_BYTES",
    "TABLE_MAX_CELL_BYTES",
    "QueryLimits",
    "QueryResult",
    "QueryStream",
    "QueryTimeout",
    "ReadOnlyQueryError",
    "ReadOnlyViolation",
    "ReaderRole",
    "ValueTooBig",
    "create_reader_role",
    "open_readonly_query",
    "readonly_connect",
    "run_readonly_query",
]

# How many SQLite VM instructions between two looks at the clock: cheap, and fine-grained
# enough that the limit is overshot by well under a millisecond.
_PROGRESS_STEPS = 1000


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]
    # True when the query had more rows than the limit and only `limit` were kept.
    truncated: bool
    limit: int
    seconds: float
    # How many cells were cut at the cell size limit, and whether the result stopped early
    # because it reached the result size limit.
    cells_cut: int = 0
    cut_at_bytes: bool = False


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
# Pragmas that, without an argument, only report something. Others without an argument act
# (`wal_checkpoint`, `optimize`, `incremental_vacuum`, `shrink_memory`) and are refused.
_READING_PRAGMAS = _INTROSPECTION_PRAGMAS | {
    "application_id",
    "collation_list",
    "compile_options",
    "data_version",
    "database_list",
    "encoding",
    "foreign_keys",
    "freelist_count",
    "function_list",
    "journal_mode",
    "module_list",
    "page_count",
    "page_size",
    "pragma_list",
    "schema_version",
    "user_version",
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
        pragma = (arg1 or "").lower()
        if action == sqlite3.SQLITE_PRAGMA and (
            pragma in _INTROSPECTION_PRAGMAS or (arg2 is None and pragma in _READING_PRAGMAS)
        ):
            return sqlite3.SQLITE_OK
        what = _ACTION_NAMES.get(action, f"action {action}")
        if action == sqlite3.SQLITE_PRAGMA:
            what = f"PRAGMA {arg1}" if arg2 is None else f"PRAGMA {arg1} = {arg2}"
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
    limit: int = DEFAULT_LIMIT,
    max_cell_bytes: int = DEFAULT_MAX_CELL_BYTES,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> QueryResult:
    """Run one reading statement against `db` (a path or URL, as `--db` takes it) and keep
    its rows (at most `limit`, 1 to MAX_LIMIT, within `max_bytes`).

    Raises ReadOnlyViolation, QueryTimeout, ValueTooBig or ReadOnlyQueryError, each with a
    one-line message.
    """
    limits = QueryLimits(
        timeout=timeout, rows=limit, cell_bytes=max_cell_bytes, result_bytes=max_bytes
    )
    with open_readonly_query(sql, db, params=params, limits=limits) as stream:
        rows = list(stream)
    return QueryResult(
        columns=stream.columns,
        rows=rows,
        truncated=stream.more_rows,
        limit=limits.rows,
        seconds=stream.seconds,
        cells_cut=stream.cells_cut,
        cut_at_bytes=stream.cut_at_bytes,
    )


@contextmanager
def open_readonly_query(
    sql: str,
    db: str | URL | None = None,
    *,
    params: Sequence[Any] | dict[str, Any] | None = None,
    limits: QueryLimits | None = None,
) -> Iterator[QueryStream]:
    """Run one reading statement and stream its rows, for callers that print as they go
    (memory stays flat, and the time limit includes their printing). Iterate the stream
    inside the `with`; the connection closes when it ends."""
    limits = limits or QueryLimits()
    # A plain path is a SQLite file, with no URL to parse (and no SQLAlchemy to load).
    path = plain_sqlite_file(db) if db is None or isinstance(db, str) else None
    url = None if path is not None else _url(db)
    backend = "sqlite" if url is None else url.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise ReadOnlyQueryError(f"quotes sql runs on SQLite and PostgreSQL, not {backend}")
    dialect: Dialect = "sqlite" if backend == "sqlite" else "postgresql"
    try:
        statement = read_statement(sql, dialect)
    except StatementRefused as exc:
        raise ReadOnlyViolation(f"read-only: {exc}") from None
    except StatementUnreadable as exc:
        raise ReadOnlyQueryError(f"could not read the query: {exc}") from None
    if url is None or dialect == "sqlite":
        database = str(path) if url is None else url.database
        with _open_sqlite_query(statement.text, database, params or (), limits) as stream:
            yield stream
        return
    from quotes.store.readonly_pg import open_pg_query

    with open_pg_query(statement.text, statement.explain, url, params, limits) as stream:
        yield stream


def _url(db: str | URL | None) -> URL:
    from quotes.store.engine import resolve_url

    return resolve_url(db) if db is None or isinstance(db, str) else db


def __getattr__(name: str) -> Any:
    # The reader role (`quotes db reader`) is PostgreSQL's and loads SQLAlchemy: on demand.
    if name in ("ReaderRole", "create_reader_role"):
        from quotes.store import reader_role

        return getattr(reader_role, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def readonly_connect(path: str | Path) -> tuple[sqlite3.Connection, _Authorizer]:
    """A read-only sqlite3 connection with the authorizer installed (no time limit yet)."""
    file = Path(path).expanduser().resolve()
    if not file.is_file():  # the same words as every other reading command
        from quotes.store.database import DatabaseMissing

        raise ReadOnlyQueryError(str(DatabaseMissing(str(file))))
    conn = sqlite3.connect(f"{file.as_uri()}?mode=ro", uri=True, timeout=5.0)
    conn.execute("PRAGMA query_only=ON")
    authorizer = _Authorizer()
    conn.set_authorizer(authorizer)
    return conn, authorizer


def _sqlite_error(
    exc: sqlite3.Error, authorizer: _Authorizer, timed_out: bool, limits: QueryLimits
) -> ReadOnlyQueryError:
    if timed_out:
        return QueryTimeout(f"timed out after {limits.timeout:g}s: query stopped")
    if authorizer.denied:
        return ReadOnlyViolation(f"read-only: {authorizer.denied} is not allowed in quotes sql")
    message = str(exc)
    if getattr(exc, "sqlite_errorname", "") == "SQLITE_TOOBIG":
        return ValueTooBig(
            f"a value in the query grew past {limits.result_bytes} bytes, the result size "
            "limit: query stopped"
        )
    if any(w in message for w in ("readonly", "read-only", "may not be modified")):
        return ReadOnlyViolation(f"read-only: {message}")
    return ReadOnlyQueryError(f"{type(exc).__name__}: {message}")


@contextmanager
def _open_sqlite_query(
    statement: str,
    database: str | None,
    params: Sequence[Any] | dict[str, Any],
    limits: QueryLimits,
) -> Iterator[QueryStream]:
    if not database or database == ":memory:":
        raise ReadOnlyQueryError("quotes sql needs a database file, not an in-memory database")
    try:
        conn, authorizer = readonly_connect(database)
    except sqlite3.Error as exc:
        raise ReadOnlyQueryError(f"{database}: {exc}") from None
    started = time.monotonic()
    deadline = started + limits.timeout
    timed_out = False

    def past_deadline() -> int:
        nonlocal timed_out
        if time.monotonic() > deadline:
            timed_out = True
            return 1  # non-zero aborts the statement with "interrupted"
        return 0

    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, limits.result_bytes)
    conn.set_progress_handler(past_deadline, _PROGRESS_STEPS)
    try:
        try:
            cursor = conn.execute(statement, params)
        except sqlite3.Error as exc:
            raise _sqlite_error(exc, authorizer, timed_out, limits) from None
        columns = [d[0] for d in cursor.description or ()]

        def fetch(n: int) -> list[Any]:
            try:
                return cursor.fetchmany(n)
            except sqlite3.Error as exc:
                raise _sqlite_error(exc, authorizer, timed_out, limits) from None

        # One row per fetch: sqlite3 builds rows one step at a time anyway, and a batch of
        # big rows would be held all at once.
        yield QueryStream(columns, fetch, limits, started=started, batch=1)
    finally:
        conn.close()
