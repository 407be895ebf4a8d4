"""The one place that turns a database location into an engine and sessions.

Every connection to SQLite gets the same pragmas, whoever opens it (CLI, workbench worker,
test), because WAL and the busy timeout are what let a curator and an extraction run write
to one file at the same time without "database is locked".
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

# Which file `--db` names is decided in `location`, which the stdlib-sqlite3 fast paths of
# `quotes stats` and `quotes sql` share; the names are kept here for existing callers.
from quotes.store.location import BUSY_TIMEOUT_MS as BUSY_TIMEOUT_MS
from quotes.store.location import DEFAULT_DB as DEFAULT_DB
from quotes.store.location import ENV_DB as ENV_DB
from quotes.store.location import is_url, raw_location
from quotes.store.redact import mask_url, remember_secret


def resolve_url(db: str | None = None) -> URL:
    """`--db` (a path or a SQLAlchemy URL), else `$QUOTES_DB`, else `./quotes.db`."""
    raw = raw_location(db)
    if is_url(raw):
        url = make_url(raw)
        # Known before anything can fail, so every later message can mask it.
        remember_secret(url.password)
        return url
    return URL.create("sqlite", database=str(Path(raw).expanduser()))


def sqlite_file(url: URL) -> Path | None:
    """The file behind a SQLite URL; None for other backends and in-memory databases."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def database_label(url: URL) -> str:
    """How messages name a database: the file path, or the URL with its password masked."""
    path = sqlite_file(url)
    if path is not None:
        return str(path)
    if url.get_backend_name() == "sqlite":
        return ":memory:"
    return mask_url(url)


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL must be switched on outside a transaction; the driver is in autocommit here.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
    # pysqlite's own transaction handling is turned off so that BEGIN (IMMEDIATE) is ours.
    dbapi_connection.isolation_level = None


READ_ONLY_OPTION = "quotes_read_only"
BATCH_WRITE_OPTION = "quotes_batch_write"

# An extraction batch is thousands of one-row statements into the indexes of what may be a
# million-quote file. Each statement that fires a trigger keeps the pages it changes in a
# statement journal, which SQLite spills to a temporary file once past 64 KiB and then
# writes to for every later statement of the transaction (at 1M quotes, 9,400 page writes
# per 90 articles, none on an empty file); and the transaction dirties more pages than the
# default 2 MB cache holds, so it spills them to the WAL and reads them back. Both are set
# at BEGIN (SQLite fixes where the statement journal lives there) for batch writes only:
# a journal in memory is bounded by one small statement there, while elsewhere a single
# UPDATE or sort could be as large as the table.
_BATCH_PRAGMAS = {"temp_store": "MEMORY", "cache_size": str(-16 * 1024)}
_RESTORE_KEY = "quotes_pragmas_before_batch"


def _switch_batch_pragmas(conn: Any, batch: bool) -> None:
    info = conn.connection.info
    before: dict[str, str] | None = info.get(_RESTORE_KEY)
    if batch and before is None:
        info[_RESTORE_KEY] = {
            name: str(conn.exec_driver_sql(f"PRAGMA {name}").scalar()) for name in _BATCH_PRAGMAS
        }
        for name, value in _BATCH_PRAGMAS.items():
            conn.exec_driver_sql(f"PRAGMA {name}={value}")
    elif not batch and before is not None:
        for name, value in before.items():
            conn.exec_driver_sql(f"PRAGMA {name}={value}")
        del info[_RESTORE_KEY]


def _begin(conn: Any) -> None:
    options = conn.get_execution_options()
    _switch_batch_pragmas(conn, bool(options.get(BATCH_WRITE_OPTION)))
    # Writers take the write lock at BEGIN, not at their first write: a deferred transaction
    # that reads and then writes can fail at once with SQLITE_BUSY, bypassing busy_timeout.
    # Readers (marked by `reader_engine`) begin deferred, so WAL lets them run beside a writer.
    if options.get(READ_ONLY_OPTION):
        conn.exec_driver_sql("BEGIN")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


# JSON columns without the spaces `json.dumps` puts after separators: every quote has a
# features object of about 60 keys, and the spaces are a tenth of its bytes. One encoder
# for all (`json.dumps` with options builds a new one per call).
_compact_json = json.JSONEncoder(separators=(",", ":")).encode


def make_engine(db: str | URL | None = None, *, echo: bool = False) -> Engine:
    url = db if isinstance(db, URL) else resolve_url(db)
    if url.get_backend_name() == "sqlite":
        path = sqlite_file(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            echo=echo,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
            json_serializer=_compact_json,
        )
        event.listen(engine, "connect", _set_sqlite_pragmas)

        event.listen(engine, "begin", _begin)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True, json_serializer=_compact_json)


@lru_cache(maxsize=16)
def _cached_engine(url: str) -> Engine:
    return make_engine(make_url(url))


def get_engine(db: str | URL | None = None) -> Engine:
    """A shared engine per URL, so a process does not open a pool per command or worker."""
    url = db if isinstance(db, URL) else resolve_url(db)
    return _cached_engine(url.render_as_string(hide_password=False))


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def reader_engine(engine: Engine) -> Engine:
    """The same engine and pool, for sessions that only read (no write lock on SQLite)."""
    return engine.execution_options(**{READ_ONLY_OPTION: True})


def batch_writer_engine(engine: Engine) -> Engine:
    """The same engine and pool, for extraction's batch writes (see `_BATCH_PRAGMAS`)."""
    return engine.execution_options(**{BATCH_WRITE_OPTION: True})
