"""Every benchmark runs on a tiny input, so they keep working (they never assert on time)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bench import accuracy, run_all, scale, shard_speed
from bench.synth import Shape, build
from quotes.store.stats import read_sqlite_stats
from tests.conftest import REPO, SHARED


def test_synth_builds_consistent_data(tmp_path: Path) -> None:
    path = build(tmp_path / "s.db", Shape.for_quotes(500))
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM quotes").fetchone() == (500,)
    assert conn.execute("SELECT count(*) FROM speakers").fetchone() == (25,)
    assert conn.execute("SELECT count(*) FROM articles").fetchone() == (100,)
    bad = conn.execute(
        "SELECT count(*) FROM quotes q JOIN articles a ON a.id = q.article_id "
        'WHERE substr(a.text, q.start + 1, q."end" - q.start) != q.text'
    ).fetchone()
    assert bad == (0,)
    # The FTS index and its triggers are back after the bulk load.
    assert (
        conn.execute(
            "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'security'"
        ).fetchone()[0]
        > 0
    )
    assert (
        len(
            conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'quotes_fts%'"
            ).fetchall()
        )
        == 3
    )
    # The counters of `quotes stats` counted the bulk load.
    stats = read_sqlite_stats(str(path))
    assert stats is not None
    assert (stats.stats.quotes, stats.stats.articles, stats.stats.speakers) == (500, 100, 25)


def test_scale_measures_every_operation(tmp_path: Path) -> None:
    path = build(tmp_path / "s.db", Shape.for_quotes(400))
    ops = [name for name, *_ in scale.measure(path)]
    assert ops == [
        "first screen (page + progress)",
        "filter by speaker",
        "search, common word, first page (vs prefix MATCH ... LIMIT 50)",
        "search, common word, next page (vs prefix MATCH ... LIMIT 50)",
        "search, common word, counts (vs capped MATCH count)",
        "full-text search",
        "stats (in process)",
        "`quotes stats` command vs sqlite3 shell",
        "verify and advance",
        "export verified (CSV)",
    ]


def test_shard_speed_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert shard_speed.main(["--copies", "1"]) == 0
    assert "| 2 (--shard 1/2, 2/2) | 5 |" in capsys.readouterr().out


def test_accuracy_scores_our_extractor_without_textacy() -> None:
    gold = SHARED / "eval" / "seeds_gold.jsonl"
    if not gold.exists():
        pytest.skip(f"{gold} not present (the shared evaluation folder is not beside the repo)")
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))}
    rows, _, failures = accuracy.ours(texts)
    result = accuracy.score(gold, rows, REPO / "seeds")
    assert failures == 0 and result["end_to_end"]["f"] > 0.5


def test_run_all_names_scripts_that_exist() -> None:
    for _, cmd in run_all.benchmarks(sys.executable, sys.executable, quick=True):
        assert (REPO / cmd[1]).exists(), cmd


def test_synth_cli(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "bench/synth.py", str(tmp_path / "c.db"), "--quotes", "100"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "100 quotes, 10 speakers, 20 articles" in out.stdout


def test_extract_speed_runs(capsys: pytest.CaptureFixture[str]) -> None:
    from bench import extract_speed

    assert extract_speed.main(["--mb", "0.02"]) == 0
    out = capsys.readouterr().out
    for line in ("bare pipeline", "with quotes", "component cost", "quotes extract", "textacy"):
        assert line in out, out


def test_accuracy_counts_an_article_stored_once_for_each_file_that_holds_it(
    tmp_path: Path,
) -> None:
    # the database keeps one copy of a text found in two files; the gold has it under both
    (tmp_path / "a.txt").write_text("Same story.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Same story.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Another story.", encoding="utf-8")
    assert accuracy._twins(tmp_path) == {"a.txt": ["b.txt"], "b.txt": ["a.txt"]}
