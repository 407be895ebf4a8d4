"""`quotes tui` is registered, and the headless CLI never imports Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from quotes.cli import app


def test_tui_command_is_registered() -> None:
    result = CliRunner().invoke(app, ["tui", "--help"])
    assert result.exit_code == 0
    assert "--curator" in result.output and "--db" in result.output


def test_cli_does_not_import_textual() -> None:
    code = "import sys, quotes.cli; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_screenshot_writes_an_svg(tmp_path: Path) -> None:
    from quotes.tui.screenshot import main

    target = tmp_path / "shot.svg"
    db = tmp_path / "quotes.db"  # a new, empty database
    assert main([str(target), "--db", str(db), "--seeds", str(tmp_path / "none")]) == 0
    svg = target.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "No&#160;quotes" in svg
