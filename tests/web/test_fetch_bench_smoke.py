"""bench/fetch_speed.py runs on a tiny input, so it keeps working (it never asserts on time)."""

from __future__ import annotations

import pytest

from bench import fetch_speed


def test_fetch_speed_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert fetch_speed.main(["--articles", "2", "--entries", "10"]) == 0
    out = capsys.readouterr().out
    assert "| quotes watch (local HTTP) | 2 |" in out
    assert "| quotes extract (files) | 2 |" in out
    assert "10 feed entries: 10 stored" in out
    assert "resident memory grew" in out
