"""`quotes db downgrade` drops tables with their rows, so it asks first.

At a terminal it asks and only "y" goes on; without a terminal (a script, CI) it refuses
unless `--yes` is given. Refusing or cancelling changes nothing.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import func, select
from typer.testing import CliRunner

from quotes.cli import app, common
from quotes.store import migrate
from quotes.store.database import open_database
from quotes.store.models import Quote
from tests.factories import seed

runner = CliRunner()


@pytest.fixture
def seeded(db_path: Path) -> Path:
    database = open_database(str(db_path))
    seed(database)
    database.engine.dispose()
    return db_path


def _quotes(path: Path) -> int:
    database = open_database(str(path))
    with database.readers() as session:
        return session.scalar(select(func.count()).select_from(Quote)) or 0


def _quotes_left(path: Path) -> int | None:
    """The quote count without migrating anything; None once the table is gone."""
    with closing(sqlite3.connect(path)) as conn:
        try:
            count: int = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
        except sqlite3.OperationalError:
            return None
    return count


def _revision(path: Path) -> str | None:
    return migrate.current_revision(open_database(str(path), migrate=False).engine)


def _all_revisions(path: Path) -> list[str]:
    """Every revision, newest first (the head is whatever the code's newest migration is)."""
    engine = open_database(str(path), migrate=False).engine
    script = ScriptDirectory.from_config(migrate.alembic_config(engine))
    return [r.revision for r in script.walk_revisions()]


def test_without_a_terminal_it_refuses_and_keeps_the_data(seeded: Path) -> None:
    result = runner.invoke(app, ["db", "downgrade", "base", "--db", str(seeded)])
    assert result.exit_code == 1
    assert "--yes" in result.output
    assert ", ".join(_all_revisions(seeded)) in " ".join(result.output.split())
    head = _all_revisions(seeded)[0]
    assert _revision(seeded) == head
    assert _quotes(seeded) == 4


def test_yes_downgrades_without_asking(seeded: Path) -> None:
    result = runner.invoke(app, ["db", "downgrade", "--yes", "--db", str(seeded), "--", "-1"])
    assert result.exit_code == 0, result.output
    assert _revision(seeded) == _all_revisions(seeded)[1]


@pytest.mark.parametrize(("answer", "goes_on"), [("n\n", False), ("\n", False), ("y\n", True)])
def test_at_a_terminal_it_asks(
    seeded: Path, monkeypatch: pytest.MonkeyPatch, answer: str, goes_on: bool
) -> None:
    head = _all_revisions(seeded)[0]
    monkeypatch.setattr(common, "interactive", lambda: True)
    result = runner.invoke(app, ["db", "downgrade", "base", "--db", str(seeded)], input=answer)
    assert "dropped with every row" in result.output
    assert result.exit_code == (0 if goes_on else 1), result.output
    assert _revision(seeded) == (None if goes_on else head)
    assert _quotes_left(seeded) == (None if goes_on else 4)


def test_nothing_to_undo_does_not_ask(seeded: Path) -> None:
    head = _all_revisions(seeded)[0]
    result = runner.invoke(app, ["db", "downgrade", head, "--db", str(seeded)])
    assert result.exit_code == 0, result.output
    assert "nothing to downgrade" in result.output
    assert _revision(seeded) == head


def test_downgrade_steps(seeded: Path) -> None:
    engine = open_database(str(seeded), migrate=False).engine
    revisions = _all_revisions(seeded)
    assert migrate.downgrade_steps(engine, "base") == revisions
    assert migrate.downgrade_steps(engine, "-1") == revisions[:1]
    assert migrate.downgrade_steps(engine, revisions[-1]) == revisions[:-1]
    assert migrate.downgrade_steps(engine, "head") == []
