"""The foundation commands against a new file and against $QUOTES_DB."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import app

runner = CliRunner()


def test_help_lists_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("init", "stats", "db"):
        assert command in result.output


def test_init_stats_current_on_new_file(db_path: Path) -> None:
    assert runner.invoke(app, ["init", "--db", str(db_path)]).exit_code == 0
    assert db_path.exists()
    result = runner.invoke(app, ["stats", "--db", str(db_path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["quotes"] == 0
    result = runner.invoke(app, ["db", "current", "--db", str(db_path)])
    assert result.exit_code == 0
    assert "(head)" in result.stdout


def test_env_database(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTES_DB", str(db_path))
    assert runner.invoke(app, ["init"]).exit_code == 0
    assert db_path.exists()
    result = runner.invoke(app, ["stats", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"] == 0


def test_downgrade_then_commands_upgrade_again(db_path: Path) -> None:
    assert runner.invoke(app, ["init", "--db", str(db_path)]).exit_code == 0
    result = runner.invoke(app, ["db", "downgrade", "base", "--yes", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "(head)" not in runner.invoke(app, ["db", "current", "--db", str(db_path)]).stdout
    assert runner.invoke(app, ["stats", "--db", str(db_path)]).exit_code == 0
    assert "(head)" in runner.invoke(app, ["db", "current", "--db", str(db_path)]).stdout


def test_unusable_database_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    result = runner.invoke(app, ["stats", "--db", str(bad)])
    assert result.exit_code != 0
    assert "not-a-db.db" in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
