"""Opening a database the way every command and the workbench do: migrated, then sessions."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from quotes.store.engine import (
    batch_writer_engine,
    database_label,
    get_engine,
    reader_engine,
    resolve_url,
    session_factory,
    sqlite_file,
)
from quotes.store.migrate import ensure_current


class DatabaseMissing(LookupError):
    """A database was to be read, not created, and there is none at that path.

    Reading commands refuse instead of creating one, so a mistyped `--db` is an error rather
    than an empty database that quietly "exports 0 quotes".
    """

    def __init__(self, label: str) -> None:
        self.label = label
        super().__init__(f"no database at {label} — run `quotes extract` or `quotes init` first")


@dataclass(frozen=True)
class Database:
    engine: Engine
    # For units of work that write (on SQLite they take the write lock at BEGIN).
    sessions: sessionmaker[Session]
    # For pure reads: on SQLite they run beside a writer instead of queueing behind it.
    readers: sessionmaker[Session]
    # For extraction's batch writes: many one-row statements, tuned for that on SQLite.
    batch_writers: sessionmaker[Session]

    @property
    def label(self) -> str:
        return database_label(self.engine.url)


def open_database(db: str | None = None, *, migrate: bool = True, create: bool = True) -> Database:
    """The engine for `db`, upgraded to the code's schema (a newer schema is refused).

    With `create=False` a missing SQLite file raises `DatabaseMissing` and nothing is
    created on disk (no file, no folder). The schema check reads on a deferred transaction,
    so it does not wait for another process's writer; only an upgrade takes the write lock.
    """
    url = resolve_url(db)
    path = sqlite_file(url)
    if not create and path is not None and not path.exists():
        raise DatabaseMissing(database_label(url))
    engine = get_engine(url)
    if migrate:
        ensure_current(engine)
    return Database(
        engine=engine,
        sessions=session_factory(engine),
        readers=session_factory(reader_engine(engine)),
        batch_writers=session_factory(batch_writer_engine(engine)),
    )
