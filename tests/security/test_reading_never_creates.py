"""A mistyped `--db` is an error, not a new empty database.

Reading commands on a missing path say so and exit non-zero, leaving no file and no folder
behind; only `init`, `extract` and `topics import` create a database.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import app

runner = CliRunner()
SEEDS = Path(__file__).resolve().parents[2] / "seeds"

READING = [
    ["stats"],
    ["export", "--status", "any"],
    ["sql", "SELECT 1"],
    ["schema"],
    ["speakers", "list"],
    ["speakers", "show", "Jens Stoltenberg"],
    ["speakers", "verify", "Jens Stoltenberg"],
    ["topics", "list"],
    ["topics", "export"],
    ["tui"],
    ["db", "current"],
    ["db", "upgrade"],
    ["db", "downgrade", "base", "--yes"],
]


@pytest.mark.parametrize("args", READING, ids=lambda a: " ".join(a))
def test_reading_command_on_a_missing_path_creates_nothing(tmp_path: Path, args: list[str]) -> None:
    missing = tmp_path / "typo" / "q.db"
    result = runner.invoke(app, [*args, "--db", str(missing)])
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)
    assert "no database at" in result.output
    assert "q.db" in result.output
    assert not (tmp_path / "typo").exists()


@pytest.mark.parametrize("args", [["stats"], ["export"], ["speakers", "list"]])
def test_missing_path_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    missing = tmp_path / "q.db"
    monkeypatch.setenv("QUOTES_DB", str(missing))
    result = runner.invoke(app, args)
    assert result.exit_code != 0
    assert f"no database at {missing} — run `quotes extract` or `quotes init` first" in (
        " ".join(result.output.split())
    )
    assert list(tmp_path.iterdir()) == []


def test_init_creates_folders_and_the_database(tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder" / "q.db"
    assert runner.invoke(app, ["init", "--db", str(target)]).exit_code == 0
    assert target.is_file()
    assert runner.invoke(app, ["stats", "--db", str(target)]).exit_code == 0


def test_topics_import_creates_the_database(tmp_path: Path) -> None:
    target = tmp_path / "q.db"
    result = runner.invoke(
        app, ["topics", "import", str(SEEDS / "topics.toml"), "--db", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert target.is_file()


def test_extract_creates_the_database(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text('"We stand ready," Jens Stoltenberg said.\n', encoding="utf-8")
    target = tmp_path / "out" / "q.db"
    result = runner.invoke(app, ["extract", str(article), "--db", str(target)])
    assert result.exit_code == 0, result.output
    assert target.is_file()
