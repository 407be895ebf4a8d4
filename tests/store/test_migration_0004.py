"""Revision 0004 (unnamed and group speakers, surname index, candidates) on data written before it.

The CHECK on speakers.kind changes without rebuilding `speakers`: a rebuild drops the old
table, and with foreign keys on that would un-attribute every quote and delete every alias.
These tests hold exactly that, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from quotes.store import migrate
from quotes.store.engine import make_engine

NOW = "2026-01-01 00:00:00"


def _seed_at_0003(engine: Engine) -> None:
    migrate.upgrade(engine, "0003")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO articles (id, content_hash, source, language, text, ingested_at) "
                "VALUES (1, 'h', 'a.txt', 'en', 'Ann Lee said we stand ready.', :now)"
            ),
            {"now": NOW},
        )
        for sid, name, key, kind in (
            (1, "Ann Lee", "ann lee", "person"),
            (2, "Harbour Board", "harbour board", "organization"),
        ):
            conn.execute(
                text(
                    "INSERT INTO speakers (id, name, normalized_name, kind, verified, version, "
                    "created_at, updated_at) VALUES (:id, :name, :key, :kind, :v, 1, :now, :now)"
                ),
                {"id": sid, "name": name, "key": key, "kind": kind, "v": False, "now": NOW},
            )
        conn.execute(
            text(
                "INSERT INTO speaker_aliases (id, speaker_id, alias, normalized, origin) "
                "VALUES (1, 1, 'Dr Ann Lee', 'dr ann lee', 'curator')"
            )
        )
        conn.execute(
            text(
                'INSERT INTO quotes (id, article_id, text, start, "end", type, speaker_id, '
                "confidence, status, version, created_at, updated_at) VALUES (7, 1, "
                "'we stand ready', 13, 27, 'indirect', 1, 0.9, 'verified', 1, :now, :now)"
            ),
            {"now": NOW},
        )


def _insert_kind(engine: Engine, sid: int, kind: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO speakers (id, name, normalized_name, kind, verified, version, "
                "created_at, updated_at) VALUES (:id, 'experts', 'experts', :kind, :v, 1, "
                ":now, :now)"
            ),
            {"id": sid, "kind": kind, "v": False, "now": NOW},
        )


def test_upgrade_keeps_attributions_and_aliases(db_url: str) -> None:
    engine = make_engine(db_url)
    _seed_at_0003(engine)
    migrate.upgrade(engine, "0004")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT speaker_id FROM quotes WHERE id = 7")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM speaker_aliases")).scalar() == 1
        rows = conn.execute(text("SELECT id, surname, ambiguous FROM speakers ORDER BY id")).all()
    # People get their surname; organizations none; nothing is ambiguous yet.
    assert [(r[0], r[1], bool(r[2])) for r in rows] == [(1, "lee", False), (2, None, False)]
    _insert_kind(engine, 3, "group")
    _insert_kind(engine, 4, "unnamed")
    with pytest.raises(IntegrityError):
        _insert_kind(engine, 5, "crowd")


def test_downgrade_keeps_unnamed_sources_as_other(db_url: str) -> None:
    engine = make_engine(db_url)
    _seed_at_0003(engine)
    migrate.upgrade(engine, "0004")
    _insert_kind(engine, 3, "group")
    with engine.begin() as conn:
        conn.execute(text("UPDATE quotes SET speaker_id = 3 WHERE id = 7"))
    migrate.downgrade(engine, "0003")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT kind FROM speakers WHERE id = 3")).scalar() == "other"
        assert conn.execute(text("SELECT speaker_id FROM quotes WHERE id = 7")).scalar() == 3
        assert conn.execute(text("SELECT count(*) FROM speaker_aliases")).scalar() == 1
    with pytest.raises(IntegrityError):
        _insert_kind(engine, 4, "unnamed")
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision(engine)


def test_verified_quotes_view_still_works_after_0004(db_url: str) -> None:
    engine = make_engine(db_url)
    _seed_at_0003(engine)
    migrate.upgrade(engine)
    with engine.connect() as conn:
        speaker = conn.execute(text("SELECT speaker FROM verified_quotes")).scalar()
    assert speaker == "Ann Lee"
