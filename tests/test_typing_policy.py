"""The typing policy `make lint` relies on, checked in the fast suite.

mypy itself runs in `make lint`; these tests catch the ways its verdict can be hollowed out
without mypy noticing: strictness switched off, our own modules silenced by an override, or
an ignore comment that names no error or gives no reason.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "quotes"
# `# type: ignore[code]  # why`: the code narrows what is silenced, the reason justifies it.
_IGNORE = re.compile(r"#\s*type:\s*ignore(?P<codes>\[[^\]]*\])?(?P<rest>.*)$")


def _mypy_config() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        config: dict[str, Any] = tomllib.load(f)["tool"]["mypy"]
    return config


def test_mypy_is_strict_on_the_package() -> None:
    config = _mypy_config()
    assert config.get("strict") is True
    assert "quotes" in config.get("files", [])
    assert not config.get("ignore_missing_imports"), "only per-module overrides may ignore"
    assert not config.get("ignore_errors")


def test_overrides_only_quiet_third_party_imports() -> None:
    for override in _mypy_config().get("overrides", []):
        modules = override["module"]
        modules = [modules] if isinstance(modules, str) else modules
        assert not [m for m in modules if m == "quotes" or m.startswith("quotes.")], override
        assert set(override) <= {"module", "ignore_missing_imports"}, override


def _ignore_is_justified(line: str) -> bool | None:
    """None when the line has no ignore; else whether it names its error codes and a reason."""
    match = _IGNORE.search(line)
    if match is None:
        return None
    codes = match["codes"] or "[]"
    return codes != "[]" and re.match(r"\s*#\s*\S", match["rest"]) is not None


def test_every_type_ignore_names_its_error_and_says_why() -> None:
    bad = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _ignore_is_justified(line) is False
    ]
    assert bad == []


def test_the_ignore_check_flags_bare_and_unexplained_ignores() -> None:
    """The policy test above can fail: each kind of bad comment is caught."""
    assert _ignore_is_justified("x = f()") is None
    assert _ignore_is_justified("x = f()  # type: ignore") is False
    assert _ignore_is_justified("x = f()  # type: ignore[]  # why") is False
    assert _ignore_is_justified("x = f()  # type: ignore[arg-type]") is False
    assert _ignore_is_justified("x = f()  # type:ignore[arg-type]  #") is False
    assert _ignore_is_justified("x = f()  # type: ignore[arg-type]  # spaCy is untyped") is True
