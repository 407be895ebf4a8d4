"""The schema is owned by Alembic: these tests run the real migrations on real files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text

from quotes.store import migrate
from quotes.store.engine import make_engine
from quotes.store.models import Base, Quote
from quotes.store.search import search_condition


def test_single_head(db_path: Path) -> None:
    engine = make_engine(str(db_path))
    heads = ScriptDirectory.from_config(migrate.alembic_config(engine)).get_heads()
    assert len(heads) == 1


def test_upgrade_downgrade_round_trip(db_url: str) -> None:
    engine = make_engine(db_url)
    migrate.upgrade(engine)
    head = migrate.head_revision(engine)
    assert migrate.current_revision(engine) == head
    migrate.downgrade(engine, "base")
    assert migrate.current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == head
    tables = set(inspect(engine).get_table_names())
    assert {
        "articles",
        "speakers",
        "speaker_aliases",
        "quotes",
        "topics",
        "quote_topics",
        "edits",
    } <= tables
    assert ("quotes_fts" in tables) == (engine.dialect.name == "sqlite")
    assert "verified_quotes" in inspect(engine).get_view_names()


def test_models_match_migrated_schema(db_url: str) -> None:
    """Autogenerate against the migrated database finds nothing to do."""
    engine = make_engine(db_url)
    migrate.upgrade(engine)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"include_object": migrate.include_object, "compare_type": True}
        )
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_fts_indexes_rows_stored_before_the_search_revision(db_url: str) -> None:
    """Data-bearing upgrade: quotes written at revision 0001 are searchable after 0002."""
    engine = make_engine(db_url)
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO articles (id, content_hash, source, language, text, ingested_at) "
                "VALUES (1, 'h', 'a.txt', 'en', 'He said we stand ready.', '2026-01-01')"
            )
        )
        conn.execute(
            text(
                'INSERT INTO quotes (id, article_id, text, start, "end", type, confidence, status, '
                "version, created_at, updated_at) VALUES (7, 1, 'we stand ready', 8, 22, 'direct', "
                "0.9, 'verified', 1, '2026-01-01', '2026-01-01')"
            )
        )
    migrate.upgrade(engine)
    with engine.connect() as conn:
        found = select(Quote.id).where(search_condition(engine.dialect.name, "ready"))
        assert conn.execute(found).scalars().all() == [7]
        assert conn.execute(text("SELECT quote FROM verified_quotes")).scalar() == "we stand ready"
        if engine.dialect.name != "sqlite":
            return
        # Triggers keep the index in step with later updates.
        conn.execute(text("UPDATE quotes SET text = 'we stand firm' WHERE id = 7"))
        assert (
            conn.execute(
                text("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'ready'")
            ).scalar()
            == 0
        )
        assert (
            conn.execute(
                text("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'firm'")
            ).scalar()
            == 7
        )


def test_every_connection_gets_the_pragmas(db_path: Path) -> None:
    engine = make_engine(str(db_path))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_database_newer_than_code_is_refused(db_path: Path) -> None:
    engine = make_engine(str(db_path))
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(migrate.DatabaseTooNew, match="newer"):
        migrate.ensure_current(engine)
    # Refused, not touched.
    raw = sqlite3.connect(db_path)
    assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999_future",)


def test_readers_run_beside_an_open_writer(db_path: Path) -> None:
    """WAL plus deferred reads: the workbench can read while an extraction batch writes.

    Proven by state, not time: the writer provably holds the write lock (another writer is
    refused at once), and the reader runs with busy_timeout 0, so had it needed to wait for
    any lock it would have raised "database is locked" instead of answering.
    """
    from quotes.store.database import open_database
    from quotes.store.engine import BUSY_TIMEOUT_MS
    from quotes.store.models import Article

    db = open_database(str(db_path))
    with db.sessions.begin() as writer:
        writer.add(Article(content_hash="h", source="s", text="t"))
        writer.flush()
        other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")  # the writer's transaction is open and locking
        other.close()
        with db.readers() as reader:
            reader.execute(text("PRAGMA busy_timeout = 0"))
            try:
                assert reader.execute(text("PRAGMA busy_timeout")).scalar() == 0
                assert reader.scalars(select(Article)).all() == []  # not committed yet
            finally:
                reader.execute(text(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}"))
    with db.readers() as reader:
        assert len(reader.scalars(select(Article)).all()) == 1
