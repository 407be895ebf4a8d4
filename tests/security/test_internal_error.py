"""An unexpected exception still reaches the user masked, escaped, and with a non-zero exit."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = r"""
import sys
from quotes.cli import app, main

@app.command("boom")
def boom() -> None:
    raise RuntimeError("cannot reach postgresql://app:S3cretPW@db.example/x \x1b[2J now")

sys.argv = ["quotes", "boom"]
main()
"""


def test_a_bug_exits_non_zero_with_the_password_masked_and_escapes_visible() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=False
    )
    assert done.returncode == 70
    assert "S3cretPW" not in done.stderr + done.stdout
    assert "\x1b" not in done.stderr
    assert "\\x1b[2J" in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("error: internal error")
    assert "RuntimeError" in last
