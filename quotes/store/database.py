"""Opening a database the way every command and the workbench do: migrated, then sessions."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from quotes.store.engine import get_engine, reader_engine, session_factory
from quotes.store.migrate import ensure_current


@dataclass(frozen=True)
class Database:
    engine: Engine
    # For units of work that write (on SQLite they take the write lock at BEGIN).
    sessions: sessionmaker[Session]
    # For pure reads: on SQLite they run beside a writer instead of queueing behind it.
    readers: sessionmaker[Session]

    @property
    def label(self) -> str:
        url = self.engine.url
        if url.get_backend_name() == "sqlite":
            return url.database or ":memory:"
        return url.render_as_string(hide_password=True)


def open_database(db: str | None = None, *, migrate: bool = True) -> Database:
    """The engine for `db`, upgraded to the code's schema (a newer schema is refused)."""
    engine = get_engine(db)
    if migrate:
        ensure_current(engine)
    return Database(
        engine=engine,
        sessions=session_factory(engine),
        readers=session_factory(reader_engine(engine)),
    )
