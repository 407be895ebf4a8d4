"""Small commands load only what they use (issue 19: start-up), checked without timing.

Start-up time is what a user feels on every `quotes stats` or `quotes sql`, but a test must
not assert a time. What made them slow is visible deterministically instead: the modules a
fresh interpreter has loaded when the command ends. Each command runs in its own process
through the real console entry point (`quotes.cli.main`), its output is checked (so the
probe really ran it), and then the list of loaded modules is.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quotes.store.database import open_database
from tests.factories import seed
from tests.test_startup_imports import HEAVY as COMMAND_FREE_HEAVY

# What no small command needs: the NLP stack, the workbench, the web fetchers, the ORM and
# migrations (a SQLite file at head is read through the stdlib driver), and pydantic
# (Typer's validation is skipped for values it would return unchanged).
HEAVY = (*COMMAND_FREE_HEAVY, "pydantic")

_PROBE = """
import atexit, json, sys
out = sys.argv[1]
atexit.register(lambda: open(out, "w").write(json.dumps(sorted(sys.modules))))
sys.argv = ["quotes", *sys.argv[2:]]
from quotes.cli import main
main()
"""


def run_quotes(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run `quotes ARGS` in a new interpreter; its result and the top-level packages loaded."""
    modules = tmp_path / "modules.json"
    run = subprocess.run(
        [sys.executable, "-c", _PROBE, str(modules), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )
    loaded = {name.split(".")[0] for name in json.loads(modules.read_text())}
    return run, loaded


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    path = tmp_path / "quotes.db"
    database = open_database(str(path))
    seed(database)  # four quotes
    database.engine.dispose()
    return path


def test_help_loads_no_heavy_library(tmp_path: Path) -> None:
    run, loaded = run_quotes(tmp_path, "--help")
    assert run.returncode == 0, run.stderr
    assert "stats" in run.stdout
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


@pytest.mark.parametrize("fmt", [[], ["--json"]])
def test_stats_on_a_sqlite_file_loads_no_heavy_library(
    tmp_path: Path, small_db: Path, fmt: list[str]
) -> None:
    run, loaded = run_quotes(tmp_path, "stats", "--db", str(small_db), *fmt)
    assert run.returncode == 0, run.stderr
    if fmt:
        assert json.loads(run.stdout)["quotes"] == 4
    else:
        assert "quotes" in run.stdout and "4" in run.stdout
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


@pytest.mark.parametrize("fmt", [[], ["--json"], ["--csv"]])
def test_sql_on_a_sqlite_file_loads_no_heavy_library(
    tmp_path: Path, small_db: Path, fmt: list[str]
) -> None:
    run, loaded = run_quotes(
        tmp_path, "sql", "--db", str(small_db), *fmt, "SELECT count(*) AS n FROM quotes"
    )
    assert run.returncode == 0, run.stderr
    assert "4" in run.stdout
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


def test_sql_refusals_load_no_heavy_library_either(tmp_path: Path, small_db: Path) -> None:
    run, loaded = run_quotes(tmp_path, "sql", "--db", str(small_db), "DELETE FROM quotes")
    assert run.returncode == 1
    assert "DELETE is not allowed" in run.stderr
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


def test_the_probe_sees_what_a_command_does_load(tmp_path: Path, small_db: Path) -> None:
    """Guards the tests above against passing vacuously: a URL takes the SQLAlchemy path,
    and a number typed on the command line is checked by Typer's pydantic adapter."""
    run, loaded = run_quotes(tmp_path, "stats", "--json", "--db", f"sqlite:///{small_db}")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["quotes"] == 4
    assert "sqlalchemy" in loaded
    run, loaded = run_quotes(tmp_path, "sql", "--db", str(small_db), "--limit", "2", "SELECT 1")
    assert run.returncode == 0, run.stderr
    assert "pydantic" in loaded
    assert "sqlalchemy" not in loaded
