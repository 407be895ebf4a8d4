"""A database that cannot be used is one line that names the file and says what to do.

Corrupted files are real (random bytes; a real database with its pages overwritten). A
read-only folder is real when the tests run as a normal user; as root every folder is
writable, so the message mapping is also checked with the SQLite error injected.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.store.database import open_database
from quotes.store.errors import explain_database_error
from tests.factories import seed

runner = CliRunner()
COMMANDS = [
    ["stats"],
    ["export", "--status", "any"],
    ["speakers", "list"],
    ["topics", "list"],
    ["db", "current"],
]


def _one_line(output: str) -> str:
    lines = output.strip().splitlines()
    assert len(lines) == 1, output
    assert "Traceback" not in output
    assert "Background on this error" not in output
    return lines[0]


def _seeded(path: Path) -> None:
    database = open_database(str(path))
    seed(database)
    database.engine.dispose()


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_random_bytes(tmp_path: Path, args: list[str]) -> None:
    bad = tmp_path / "quotes.db"
    bad.write_bytes(random.Random(7).randbytes(64 * 1024))
    result = runner.invoke(app, [*args, "--db", str(bad)])
    assert result.exit_code == 1
    line = _one_line(result.output)
    assert str(bad) in " ".join(result.output.split()) or "quotes.db" in line
    assert "not a readable quotes database" in line


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_overwritten_pages(tmp_path: Path, args: list[str]) -> None:
    """The header survives, the pages do not: SQLite opens it and fails while reading."""
    bad = tmp_path / "quotes.db"
    _seeded(bad)
    data = bytearray(bad.read_bytes())
    noise = random.Random(11).randbytes(len(data) - 100)
    data[100:] = noise
    bad.write_bytes(bytes(data))
    result = runner.invoke(app, [*args, "--db", str(bad)])
    assert result.exit_code == 1
    line = _one_line(result.output)
    assert "quotes.db" in line
    assert "damaged" in line


NOBODY = 65534


@pytest.fixture
def read_only_folder() -> Iterator[Path]:
    """A WAL database (writable file) in a folder its reader may not write to.

    Made outside pytest's own temporary tree, whose root-only parents an unprivileged
    process could not even traverse.
    """
    folder = Path(tempfile.mkdtemp(prefix="quotes-ro-"))
    database = folder / "quotes.db"
    try:
        _seeded(database)
        assert sorted(p.name for p in folder.iterdir()) == ["quotes.db"]  # no -wal, no -shm
        database.chmod(0o666)
        folder.chmod(0o555)
        yield database
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def _run_unprivileged(args: list[str]) -> subprocess.CompletedProcess[str]:
    """The real CLI, as a user who cannot write the folder: root can write anywhere, so as
    root it drops to `nobody` (setpriv) instead of skipping."""
    command = [sys.executable, "-m", "quotes", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot make a folder read-only")
        command = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
    env = {**os.environ, "COLUMNS": "400", "HOME": "/tmp"}
    env.pop("QUOTES_DB", None)
    # The timeout only guards against a hang; nothing is asserted about time.
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)


@pytest.mark.parametrize("args", [["stats"], ["export", "--status", "any"]])
def test_wal_database_in_a_read_only_folder(read_only_folder: Path, args: list[str]) -> None:
    done = _run_unprivileged([*args, "--db", str(read_only_folder)])
    assert done.returncode == 1, done.stderr
    line = _one_line(done.stderr)
    assert f"the folder {read_only_folder.parent} is not writable" in line
    assert "quotes.db-wal" in line


def test_read_only_folder_message_with_the_error_injected(tmp_path: Path) -> None:
    path = tmp_path / "quotes.db"
    path.write_bytes(b"")
    error = sqlite3.OperationalError("unable to open database file")
    line = explain_database_error(error, str(path), path, writable=lambda _folder: False)
    assert line.startswith(str(path))
    assert f"the folder {tmp_path} is not writable" in line
    assert "quotes.db-wal and quotes.db-shm" in line
    assert "copy the database to a writable folder" in line
    # The same SQLite words with a writable folder are not blamed on the folder.
    other = explain_database_error(error, str(path), path, writable=lambda _folder: True)
    assert "not writable" not in other


def test_missing_folder_message_with_the_error_injected(tmp_path: Path) -> None:
    path = tmp_path / "gone" / "quotes.db"
    error = sqlite3.OperationalError("unable to open database file")
    assert "does not exist" in explain_database_error(error, str(path), path)


def test_driver_messages_become_one_line_with_the_password_masked() -> None:
    from sqlalchemy.exc import OperationalError

    orig = Exception(
        'connection to server at "db" failed: password=pw-61f0 rejected\n\tIs the server up?'
    )
    error = OperationalError("SELECT 1", {}, orig)
    line = explain_database_error(error, "postgresql://app:***@db/q")
    assert "\n" not in line
    assert "pw-61f0" not in line
    assert line.startswith("postgresql://app:***@db/q: connection to server")


def test_a_folder_given_as_the_database(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", "--db", str(tmp_path)])
    assert result.exit_code == 1
    assert "is a folder, not a database file" in _one_line(result.output)
