"""`quotes stats` read through the stdlib driver gives exactly what the SQLAlchemy path gives,
and hands every case it cannot answer alike back to the usual path (issue 19: start-up).

The stdlib path runs `stats_queries()` compiled ahead of time (`quotes.store.stats_sqlite`);
these tests fail when that copy drifts from a fresh compile, when the two paths count a
database differently, or when the fast path answers where opening the database would have
upgraded it or refused it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import update
from typer.testing import CliRunner

from quotes.cli import app
from quotes.curation import CurationService
from quotes.store import migrate, stats_sqlite
from quotes.store.database import Database, open_database
from quotes.store.engine import make_engine
from quotes.store.models import QUOTE_STATUSES, QuoteTopic, Speaker, Topic
from quotes.store.revisions import linear_head
from quotes.store.stats import (
    collect_stats,
    compile_sqlite_counts,
    compile_sqlite_queries,
    read_sqlite_stats,
    stats_queries,
)
from tests.factories import seed
from tests.statements.helpers import ingest

runner = CliRunner()
LINE = "We stand ready to defend every inch of allied territory, and we will do so together."


def busy_database(path: Path) -> Database:
    """Something in every count: statuses, types, speakers (one verified, one merged away),
    curator topics and suggestions, edits, a statement in two copies naming two speakers."""
    database = open_database(str(path))
    data = seed(database)
    svc = CurationService(database, "alice")
    svc.tag(data.quotes[0], "Talks")
    svc.verify(data.quotes[0])
    svc.reject(data.quotes[1])
    with database.sessions.begin() as s:
        s.execute(update(Speaker).where(Speaker.id == data.lavrov).values(verified=True))
    ingest(database, f'"{LINE}" Jens Stoltenberg said.', [(LINE, "direct", "Jens Stoltenberg")])
    ingest(database, f"“{LINE}” Sergey Lavrov said.", [(LINE, "direct", "Sergey Lavrov")])
    with database.sessions.begin() as s:
        s.add(Speaker(name="S. Lavrov", normalized_name="s lavrov", merged_into_id=data.lavrov))
        arms = Topic(name="Arms")
        s.add(arms)
        s.flush()
        s.add(QuoteTopic(quote_id=data.quotes[2], topic_id=arms.id, origin="suggested"))
    return database


def test_the_compiled_sql_is_what_the_queries_compile_to_today() -> None:
    # On failure: `python -m quotes.store.stats` rewrites quotes/store/stats_sqlite.py.
    assert compile_sqlite_queries() == stats_sqlite.SQLITE_STATS_SQL
    assert compile_sqlite_counts() == stats_sqlite.SQLITE_COUNTS_SQL
    assert set(stats_sqlite.SQLITE_STATS_SQL) == set(stats_queries())
    assert stats_sqlite.QUOTE_STATUSES == QUOTE_STATUSES


def test_both_paths_count_a_busy_database_alike(db_path: Path) -> None:
    database = busy_database(db_path)
    with database.readers() as session:
        through_sqlalchemy = collect_stats(session)
    database.engine.dispose()
    found = read_sqlite_stats(str(db_path))
    assert found is not None
    assert found.stats == through_sqlalchemy
    assert found.label == str(db_path)
    # Not vacuous: every kind of count is there to get wrong.
    s = found.stats
    assert s.quotes_by_status == {"unverified": 4, "verified": 1, "rejected": 1}
    assert (s.speakers, s.verified_speakers, s.topics) == (2, 1, 2)
    assert (s.curator_topics, s.suggested_topics) == (1, 1)
    assert s.quotes_by_type == {"direct": 4, "indirect": 2}
    assert (s.shared_statements, s.statement_conflicts) == (1, 1)
    assert s.edits > 0


def test_the_command_prints_the_same_through_either_path(db_path: Path) -> None:
    busy_database(db_path).engine.dispose()
    fast = runner.invoke(app, ["stats", "--json", "--db", str(db_path)])
    usual = runner.invoke(app, ["stats", "--json", "--db", f"sqlite:///{db_path}"])
    assert fast.exit_code == usual.exit_code == 0, fast.output + usual.output
    assert json.loads(fast.stdout) == json.loads(usual.stdout)
    assert json.loads(fast.stdout)["quotes"] == 6


def test_a_url_a_missing_file_and_memory_take_the_usual_path(db_path: Path) -> None:
    open_database(str(db_path)).engine.dispose()
    assert read_sqlite_stats(str(db_path)) is not None
    assert read_sqlite_stats(f"sqlite:///{db_path}") is None
    assert read_sqlite_stats(str(db_path.with_name("missing.db"))) is None
    assert read_sqlite_stats(":memory:") is None
    result = runner.invoke(app, ["stats", "--db", str(db_path.with_name("missing.db"))])
    assert result.exit_code == 1
    assert "no database at" in result.output
    assert not db_path.with_name("missing.db").exists()


def test_an_old_schema_is_upgraded_by_the_usual_path(db_path: Path) -> None:
    engine = make_engine(str(db_path))
    migrate.upgrade(engine, "0001")
    engine.dispose()
    assert read_sqlite_stats(str(db_path)) is None  # not at head: not answered here
    result = runner.invoke(app, ["stats", "--json", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db_path) as raw:
        [(revision,)] = raw.execute("SELECT version_num FROM alembic_version").fetchall()
    assert revision == linear_head()


def test_a_newer_schema_is_refused_as_before(db_path: Path) -> None:
    open_database(str(db_path)).engine.dispose()
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    assert read_sqlite_stats(str(db_path)) is None
    result = runner.invoke(app, ["stats", "--db", str(db_path)])
    assert result.exit_code == 1
    assert "newer than this version of quotes knows" in result.output


def test_a_file_that_is_not_a_database_is_explained_by_the_usual_path(db_path: Path) -> None:
    db_path.write_bytes(b"not a database, but long enough to look like a header" * 20)
    assert read_sqlite_stats(str(db_path)) is None
    result = runner.invoke(app, ["stats", "--db", str(db_path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_the_fast_path_never_writes(db_path: Path) -> None:
    open_database(str(db_path)).engine.dispose()
    before = db_path.read_bytes()
    assert read_sqlite_stats(str(db_path)) is not None
    assert db_path.read_bytes() == before
    # A read-only connection to a WAL database may leave SQLite's shared-memory index and
    # an empty log beside it (as `quotes sql` does); never a page of data.
    extra = {p.name: p for p in db_path.parent.iterdir() if p != db_path}
    assert set(extra) <= {"quotes.db-wal", "quotes.db-shm"}
    if "quotes.db-wal" in extra:
        assert extra["quotes.db-wal"].stat().st_size == 0


def test_a_hostile_file_name_is_shown_not_obeyed(tmp_path: Path) -> None:
    path = tmp_path / "[bold]x\x1b[31m.db"
    open_database(str(path)).engine.dispose()
    result = runner.invoke(app, ["stats", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "\x1b[31m" not in result.stdout
    assert "[bold]x\\x1b[31m.db" in result.stdout


@pytest.mark.parametrize("name", ["by_status_and_type", "by_origin", "verified_speakers"])
def test_the_compiled_queries_still_read_a_covering_index(db_path: Path, name: str) -> None:
    open_database(str(db_path)).engine.dispose()
    with sqlite3.connect(db_path) as raw:
        plan = raw.execute(f"EXPLAIN QUERY PLAN {stats_sqlite.SQLITE_STATS_SQL[name]}").fetchall()
    shown = "\n".join(str(row[-1]) for row in plan)
    assert "COVERING INDEX" in shown
    assert "TEMP B-TREE" not in shown
