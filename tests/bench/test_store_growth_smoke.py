"""bench/store_growth.py runs end to end on a tiny corpus and a tiny grouped database, and
times storing inside the real ingest run (it never asserts on time)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench import store_growth


def test_runs_and_reports_every_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = store_growth.main(
        ["--mb", "0.01", "--sizes", "200", "--rounds", "1", "--cache", str(tmp_path)]
    )
    assert code == 0
    printed = capsys.readouterr().out
    rows = [line for line in printed.splitlines() if line.startswith("| ")][1:]
    assert [row.split("|")[1].strip() for row in rows] == ["empty", "200"]
    for row in rows:
        store = float(re.findall(r"\| ([\d.]+) s \(", row)[1])
        assert store > 0  # the clock really wrapped the write transactions
    assert (tmp_path / "grouped-200.db").is_file()  # built once, reused next time
