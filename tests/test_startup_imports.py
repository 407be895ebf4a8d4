"""`import quotes.cli` must not load the heavy libraries only some commands use (issue 19).

Start-up time is what users feel on every small command, but a test must not assert a time;
what makes start-up slow is importing spaCy, Textual and the rest for commands that never use
them, and that shows up in `sys.modules`, deterministically, in a fresh interpreter.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = (
    "spacy",
    "textual",
    "trafilatura",
    "httpx",
    "feedparser",
    "numpy",
    "rapidfuzz",
    "alembic",
    # The store loads when a command opens a database, never for `quotes --help`.
    "sqlalchemy",
)

_PROBE = """
import json, sys
import {module}
print(json.dumps(sorted({{name.split(".")[0] for name in sys.modules}})))
"""


def loaded_after(module: str) -> set[str]:
    run = subprocess.run(
        [sys.executable, "-c", _PROBE.format(module=module)],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(run.stdout))


@pytest.mark.parametrize("heavy", HEAVY)
def test_importing_the_cli_leaves_heavy_libraries_unloaded(heavy: str) -> None:
    assert heavy not in loaded_after("quotes.cli")


def test_the_probe_sees_a_heavy_import_when_there_is_one() -> None:
    # Guards the test above against passing vacuously (a probe that never sees anything).
    assert "numpy" in loaded_after("quotes.extract.calibration")
