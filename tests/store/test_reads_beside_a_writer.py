"""Reading commands never wait for another process's write transaction (SQLite, WAL).

Another connection holds the write lock (BEGIN IMMEDIATE, with an uncommitted row) while
the commands run. The busy timeout is cut to 50 ms, so a command that asked for the write
lock, even only to check the schema version, would fail with "database is locked" instead
of passing after a wait: the assertion is on the outcome, never on elapsed time.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.store import engine as engine_module
from quotes.store import migrate
from quotes.store.database import open_database
from tests.factories import seed

runner = CliRunner()


@pytest.fixture
def locked_db(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    database = open_database(str(db_path))
    seed(database)  # two speakers, four quotes (two verified)
    database.engine.dispose()
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 50)
    writer = sqlite3.connect(db_path, isolation_level=None, timeout=0.05)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO topics (name, created_at) VALUES ('uncommitted', '2026-01-01')")
    try:
        yield db_path
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        engine_module.get_engine(str(db_path)).dispose()


def test_the_lock_is_really_held(locked_db: Path) -> None:
    """The fixture works: a second writer cannot get in within the busy timeout."""
    other = sqlite3.connect(locked_db, isolation_level=None, timeout=0.05)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        other.execute("BEGIN IMMEDIATE")
    other.close()


def test_schema_check_reads_beside_the_writer(locked_db: Path) -> None:
    db = open_database(str(locked_db), create=False)
    assert migrate.current_revision(db.engine) == migrate.head_revision(db.engine)


@pytest.mark.parametrize(
    "args",
    [
        ["stats", "--json"],
        ["export", "--status", "any", "--format", "jsonl"],
        ["speakers", "list", "--json"],
        ["topics", "list", "--json"],
        ["db", "current"],
        ["schema", "--json"],
    ],
)
def test_reading_commands_run_beside_the_writer(locked_db: Path, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--db", str(locked_db)])
    assert result.exit_code == 0, result.output
    assert "locked" not in result.output


def test_stats_sees_committed_rows_only(locked_db: Path) -> None:
    result = runner.invoke(app, ["stats", "--json", "--db", str(locked_db)])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)
    assert counts["speakers"] == 2
    assert counts["topics"] == 0  # the writer's row is not committed


def test_an_upgrade_does_take_the_write_lock(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other side: a database that needs migrating waits for the writer (here: fails
    at once with the short timeout), so two processes never migrate one file together."""
    engine = engine_module.make_engine(str(db_path))
    migrate.upgrade(engine, "0001")
    engine.dispose()
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 50)
    writer = sqlite3.connect(db_path, isolation_level=None, timeout=0.05)
    writer.execute("BEGIN IMMEDIATE")
    try:
        result = runner.invoke(app, ["stats", "--db", str(db_path)])
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert result.exit_code == 1
    assert "locked" in result.output
    assert len(result.output.strip().splitlines()) == 1
