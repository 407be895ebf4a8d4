"""`quotes tui` is registered, fails loudly when the app dies, and the headless CLI never
imports Textual; the screenshot tool runs from scripts/."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.store.database import open_database


def test_tui_command_is_registered() -> None:
    result = CliRunner().invoke(app, ["tui", "--help"])
    assert result.exit_code == 0
    assert "--curator" in result.output and "--db" in result.output


def test_cli_does_not_import_textual() -> None:
    code = "import sys, quotes.cli; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _screenshot_tool() -> ModuleType:
    """scripts/screenshot.py, a developer tool outside the package, loaded by its path."""
    path = Path(__file__).resolve().parents[2] / "scripts" / "screenshot.py"
    spec = importlib.util.spec_from_file_location("screenshot_tool", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_screenshot_tool_is_not_in_the_package() -> None:
    assert importlib.util.find_spec("quotes.tui.screenshot") is None


def test_screenshot_writes_an_svg(tmp_path: Path) -> None:
    main = _screenshot_tool().main
    target = tmp_path / "shot.svg"
    db = tmp_path / "quotes.db"  # a new, empty database
    assert main([str(target), "--db", str(db), "--seeds", str(tmp_path / "none")]) == 0
    svg = target.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "No&#160;quotes" in svg


def test_tui_exits_non_zero_when_the_app_dies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual prints the traceback of a crash and returns normally: `quotes tui` must not
    report that as success. The fault is injected at mount, deterministically."""
    from quotes.tui.app import WorkbenchApp

    mounted: list[str] = []

    def crash(self: WorkbenchApp) -> None:
        mounted.append(self.curator)
        raise RuntimeError("injected fault")

    run = WorkbenchApp.run
    monkeypatch.setattr(WorkbenchApp, "on_mount", crash)
    monkeypatch.setattr(WorkbenchApp, "run", lambda self, **kw: run(self, headless=True))
    result = CliRunner().invoke(app, ["tui", "--db", _new_database(tmp_path), "--curator", "t"])
    assert mounted == ["t"]  # the app really ran, and died
    assert result.exit_code == 1


def test_tui_exits_zero_after_a_normal_quit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quotes.tui.app import WorkbenchApp

    mounted: list[str] = []

    def quit_at_once(self: WorkbenchApp) -> None:
        mounted.append(self.curator)
        self.exit()

    run = WorkbenchApp.run
    monkeypatch.setattr(WorkbenchApp, "on_mount", quit_at_once)
    monkeypatch.setattr(WorkbenchApp, "run", lambda self, **kw: run(self, headless=True))
    result = CliRunner().invoke(app, ["tui", "--db", _new_database(tmp_path), "--curator", "t"])
    assert mounted == ["t"]
    assert result.exit_code == 0, result.output


def _new_database(tmp_path: Path) -> str:
    path = tmp_path / "q.db"
    open_database(str(path)).engine.dispose()
    return str(path)
