"""The latency benchmark still runs end to end (on a tiny database; it never asserts times)."""

from __future__ import annotations

import pytest

from bench import tui_latency


def test_benchmark_runs_on_a_tiny_database(capsys: pytest.CaptureFixture[str]) -> None:
    assert tui_latency.main(["--sizes", "300"]) == 0
    out = capsys.readouterr().out
    for metric in ("first screen", "search filter", "status filter", "verify (saved)"):
        assert metric in out
