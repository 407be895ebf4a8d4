"""The export benchmark still runs (at a size that takes seconds, not minutes)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from tests.conftest import REPO


def test_bench_runs_small(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "export_speed", REPO / "bench" / "export_speed.py"
    )
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules["export_speed"] = bench
    spec.loader.exec_module(bench)
    report = bench.main(["--n", "2000", "--keep", str(tmp_path), "--json"])
    assert report["exported_rows"] == 2000
    assert report["export_seconds"] > 0
    assert report["rss_peak_export_mib"] >= report["rss_before_export_mib"] > 0
    lines = (tmp_path / "ours.csv").read_bytes().count(b"\r\n")
    assert lines >= 2001  # header + rows (quotes may hold CRLF-free newlines only in quotes)
