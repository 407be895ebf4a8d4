"""Extraction's batch writes tune their SQLite connection, and give it back untuned.

A batch write keeps its statement journals in memory and uses a larger page cache (see
`quotes.store.engine._BATCH_PRAGMAS`). Both would be wrong for everything else: an in-memory
temp store also keeps sorts and large statements' journals in memory, which would break the
export's flat memory. The pool hands the same connection to whoever asks next, so the next
transaction must find SQLite's settings as they were.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from sqlalchemy import event, text
from sqlalchemy.orm import Session, sessionmaker

from quotes.ingest.pipeline import ingest_texts
from quotes.store.database import Database, open_database
from quotes.store.engine import session_factory

DEFAULTS = {"temp_store": 0, "cache_size": -2000}  # SQLite's: temp files by default, 2 MB
BATCH = {"temp_store": 2, "cache_size": -16384}  # MEMORY, 16 MiB


def settings(session: Session) -> dict[str, int]:
    return {name: session.execute(text(f"PRAGMA {name}")).scalar_one() for name in DEFAULTS}


def connection_of(session: Session) -> object:
    return session.connection().connection.dbapi_connection


def one_transaction(sessions: sessionmaker[Session]) -> tuple[object, dict[str, int]]:
    with sessions.begin() as session:
        return connection_of(session), settings(session)


def test_batch_writes_tune_the_connection_and_every_other_transaction_restores_it(
    db_path: Path,
) -> None:
    database = open_database(str(db_path))
    first, before = one_transaction(database.sessions)
    assert before == DEFAULTS
    for others in (database.sessions, database.readers):
        batch_connection, during = one_transaction(database.batch_writers)
        assert batch_connection is first  # the pool's one connection, so the checks below bite
        assert during == BATCH
        again, during_again = one_transaction(database.batch_writers)
        assert (again, during_again) == (first, BATCH)
        connection, after = one_transaction(others)
        assert connection is first
        assert after == DEFAULTS
    database.engine.dispose()


def test_extraction_writes_through_batch_writers_and_leaves_defaults(
    db_path: Path, nlp: Language
) -> None:
    """Storing really runs in a batch write, and a curator's next transaction is untouched."""
    database = open_database(str(db_path))
    seen: list[dict[str, int]] = []
    tuned = Database(
        engine=database.engine,
        sessions=database.sessions,
        readers=database.readers,
        batch_writers=_recording(database.batch_writers, seen),
    )
    text_ = 'Anna Berg, the mayor, said: "We will open the bridge next week after the repairs."'
    summary = ingest_texts(tuned, [(text_, None)], nlp=nlp)
    assert summary.articles_new == 1
    assert seen == [BATCH]
    _, after = one_transaction(database.sessions)
    assert after == DEFAULTS
    database.engine.dispose()


def _recording(
    sessions: sessionmaker[Session], seen: list[dict[str, int]]
) -> sessionmaker[Session]:
    """The same sessions, noting the settings each write transaction runs under at commit."""
    factory = session_factory(sessions.kw["bind"])

    @event.listens_for(factory, "before_commit")
    def _note(session: Session) -> None:
        seen.append(settings(session))

    return factory
