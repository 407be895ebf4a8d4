"""`quotes stats` answered before Typer loads prints what the Typer command prints, for the
forms it answers, and leaves every other form to Typer (issue 19: start-up).

The fast path parses its own arguments, so these tests pin it to the command's: the stats
command must have exactly the options the fast path knows (a new option fails here until
the fast path learns it), and for generated argument lists the fast path's reading equals
Click's own parse of the same list, or the fast path declines.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.exceptions import TyperException

from quotes.cli.fast_stats import answer_stats, stats_arguments
from tests.cli.test_startup_commands import run_quotes
from tests.cli.test_startup_stats import busy_database

_TYPER_PATH = """
import sys
sys.argv = ["quotes", *sys.argv[1:]]
from quotes.cli.typer_app import app
app(prog_name="quotes")
"""


def stats_command() -> Any:
    """The stats command as Typer builds it (Typer 0.29 ships its own copy of Click)."""
    from quotes.cli import app

    return typer.main.get_command(app).commands["stats"]  # type: ignore[attr-defined]


def click_reading(argv: list[str]) -> tuple[str | None, bool] | None:
    """What the real command would be called with for `quotes ARGV`; None if Click refuses."""
    command = stats_command()
    try:
        ctx = command.make_context("stats", list(argv[1:]), resilient_parsing=False)
    except (TyperException, typer.Exit):  # a usage error, or --help
        return None
    return ctx.params["db"], ctx.params["as_json"]


def test_the_fast_path_knows_every_option_of_the_command() -> None:
    names = {p.name for p in stats_command().params if p.name != "help"}
    assert names == {"db", "as_json"}


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["stats"], (None, False)),
        (["stats", "--json"], (None, True)),
        (["stats", "--db", "x.db"], ("x.db", False)),
        (["stats", "--db=x.db", "--json"], ("x.db", True)),
        (["stats", "--json", "--db", "x.db"], ("x.db", True)),
        (["stats", "--help"], None),
        (["stats", "-h"], None),
        (["stats", "--db"], None),
        (["stats", "--db", "--json"], None),
        (["stats", "--db", ""], None),
        (["stats", "--json", "--json"], None),
        (["stats", "--db", "a", "--db", "b"], None),
        (["stats", "extra"], None),
        (["stats", "--jso"], None),
        (["sql", "SELECT 1"], None),
        ([], None),
        (["--help"], None),
    ],
)
def test_which_forms_the_fast_path_reads(
    argv: list[str], expected: tuple[str | None, bool] | None
) -> None:
    assert stats_arguments(argv) == expected


_ARGS = st.lists(
    st.sampled_from(["--json", "--db", "--db=q.db", "q.db", "-", "", "--help", "x", "--db="])
    | st.text(max_size=6),
    max_size=5,
)


@settings(max_examples=300, deadline=None)
@given(rest=_ARGS)
def test_the_fast_path_reads_what_click_reads_or_declines(rest: list[str]) -> None:
    argv = ["stats", *rest]
    fast = stats_arguments(argv)
    if fast is not None:
        assert click_reading(argv) == fast


def test_declines_what_only_opening_the_database_can_answer(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    assert answer_stats(["stats", "--db", str(missing)]) is False
    assert not missing.exists()
    assert answer_stats(["stats", "--db", f"sqlite:///{tmp_path / 'q.db'}"]) is False


@pytest.mark.parametrize("fmt", [[], ["--json"]])
def test_prints_exactly_what_the_typer_command_prints(tmp_path: Path, fmt: list[str]) -> None:
    path = tmp_path / "busy.db"
    busy_database(path).engine.dispose()
    args = ["stats", "--db", str(path), *fmt]
    fast, loaded = run_quotes(tmp_path, *args)
    typer_run = subprocess.run(
        [sys.executable, "-c", _TYPER_PATH, *args], capture_output=True, text=True, timeout=300
    )
    assert fast.returncode == typer_run.returncode == 0, fast.stderr + typer_run.stderr
    assert fast.stdout == typer_run.stdout
    assert "conflicting attributions" in fast.stdout or '"statement_conflicts": 1' in fast.stdout
    assert "typer" not in loaded  # it was the fast path that answered
