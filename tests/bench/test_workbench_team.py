"""bench/workbench_team.py keeps working on a tiny database (it never asserts on time)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bench import run_all, workbench_team
from bench.synth import Shape, build

OPERATIONS = [
    *(f'speaker picker, typed "{t}"' for t in workbench_team.SPEAKER_TYPED),
    *(f'speaker picker, typed "{t}", vs tiers in SQL' for t in workbench_team.SPEAKER_TIERS_TYPED),
    *(f'topic picker, typed "{t}"' for t in workbench_team.TOPIC_TYPED),
    "Enter in the speaker picker (reassign)",
    "Enter in the topic picker (tag)",
    f"claim the next slice ({workbench_team.SLICE} quotes)",
    "help (`?`) until the keys are on screen",
]


def _state(db: Path) -> tuple[object, ...]:
    """What the measures change: claims, quote versions and speakers, curator topics."""
    con = sqlite3.connect(db)
    try:
        return (
            con.execute("SELECT count(*) FROM claims").fetchone(),
            con.execute("SELECT total(version), total(speaker_id) FROM quotes").fetchone(),
            con.execute("SELECT count(*) FROM quote_topics WHERE origin = 'curator'").fetchone(),
        )
    finally:
        con.close()


def test_prints_every_row_and_leaves_the_database_as_built(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = build(tmp_path / "team.db", Shape.for_quotes(1200))
    before = _state(db)
    argv = ["--db", str(db), "--rounds", "2", "--help-rounds", "1"]
    assert workbench_team.main(argv) == 0
    out = capsys.readouterr().out
    table = [line for line in out.splitlines() if line.startswith("| ") and "ms |" in line]
    assert [line.split(" | ")[0].removeprefix("| ") for line in table] == OPERATIONS
    assert all(line.endswith("| 1,200 quotes |") for line in table)
    assert "Machine load" in out
    # The measures ran on a copy, so --db is reused as built, run after run.
    assert _state(db) == before
    assert list(tmp_path.iterdir()) == [db]


def test_builds_the_database_it_is_given_when_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "new" / "team.db"
    argv = ["--db", str(db), "--quotes", "600", "--rounds", "1", "--help-rounds", "0"]
    assert workbench_team.main(argv) == 0
    assert db.exists()
    assert "| 600 quotes |" in capsys.readouterr().out


def test_a_baseline_that_does_less_work_stops_the_run() -> None:
    with pytest.raises(RuntimeError, match="not comparable"):
        workbench_team._same_work("plain claim", 3, workbench_team.SLICE)


def test_make_bench_runs_it() -> None:
    commands = [cmd for _, cmd in run_all.benchmarks("py", "bench-py", quick=True)]
    assert any("bench/workbench_team.py" in cmd for cmd in commands)
