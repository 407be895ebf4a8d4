"""`--out` writes where it is asked (issue 13, item 5): stdout aliases stream, symlinks are
followed, FIFOs and devices are written in place, only regular files are replaced atomically."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.destination import fd_alias, is_stdout
from quotes.export import ExportFilter, export_to_path
from tests.conftest import REPO
from tests.export.conftest import Sample

runner = CliRunner()


def cli(sample: Sample, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["export", "--db", sample.url, *args])
    return result.exit_code, result.stderr


def expected_csv(sample: Sample, tmp_path: Path) -> bytes:
    reference = tmp_path / "reference.csv"
    export_to_path(sample.db.engine, None, reference, "csv")
    return reference.read_bytes()


def quotes_process(
    sample: Sample, *args: str, stdout: int | IO[bytes] = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    """The real CLI in a child, so its fd 1 is what the test gives it (CliRunner's is not)."""
    return subprocess.run(
        [sys.executable, "-m", "quotes", "export", "--db", sample.url, *args],
        cwd=REPO,
        check=False,
        stdout=stdout,
        stderr=subprocess.PIPE,
    )


# --- regular files: atomic -------------------------------------------------------------------


def test_failure_midway_leaves_the_old_file_whole(sample: Sample, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "q.csv"
    target.write_bytes(b"the last good export\r\n")

    def fail_after_first_batch(count: int) -> None:
        raise RuntimeError(f"disk pulled after {count} rows")

    with pytest.raises(RuntimeError, match="disk pulled after 1 rows"):
        export_to_path(
            sample.db.engine, None, target, "csv", batch_size=1, progress=fail_after_first_batch
        )
    assert target.read_bytes() == b"the last good export\r\n"
    assert sorted(p.name for p in folder.iterdir()) == ["q.csv"]  # no .part left


def test_replacing_a_file_keeps_its_permissions(sample: Sample, tmp_path: Path) -> None:
    target = tmp_path / "private.csv"
    target.write_text("old")
    target.chmod(0o600)
    export_to_path(sample.db.engine, None, target, "csv")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes() == expected_csv(sample, tmp_path)


def test_a_directory_is_refused_in_one_line(sample: Sample, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    link = tmp_path / "to-folder.csv"
    link.symlink_to(folder)
    code, err = cli(sample, "--out", str(link), "--format", "csv")
    assert code != 0 and "Traceback" not in err
    assert folder.is_dir() and link.is_symlink() and not any(folder.iterdir())


# --- symlinks: followed ----------------------------------------------------------------------


def test_symlink_is_followed_and_stays_a_link(sample: Sample, tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    target = real_dir / "data.csv"
    target.write_text("old contents")
    link = tmp_path / "link.csv"
    link.symlink_to(os.path.relpath(target, tmp_path))  # relative, as `ln -s` usually makes
    chain = tmp_path / "chain.csv"
    chain.symlink_to(link)

    code, err = cli(sample, "--out", str(chain))
    assert code == 0, err
    assert chain.is_symlink() and link.is_symlink()
    assert os.readlink(link) == os.path.relpath(target, tmp_path)
    assert target.read_bytes() == expected_csv(sample, tmp_path)
    assert sorted(p.name for p in real_dir.iterdir()) == ["data.csv"]  # no .part left


def test_dangling_symlink_creates_its_target(sample: Sample, tmp_path: Path) -> None:
    target = tmp_path / "later.csv"
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    export_to_path(sample.db.engine, ExportFilter(), link, "csv")
    assert link.is_symlink() and target.read_bytes() == expected_csv(sample, tmp_path)


# --- FIFOs and character devices: in place ----------------------------------------------------


def test_fifo_is_written_in_place(sample: Sample, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read_all() -> None:
        with open(fifo, "rb") as fh:  # blocks until the export opens the write end
            received.append(fh.read())

    reader = threading.Thread(target=read_all, daemon=True)
    reader.start()
    code, err = cli(sample, "--out", str(fifo))
    assert code == 0, err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode), "the FIFO was replaced by a regular file"
    reader.join(timeout=120)  # a safety net only: the export closing the pipe ends the read
    assert not reader.is_alive()
    assert received == [expected_csv(sample, tmp_path)]


def _private_device(tmp_path: Path, name: str, minor: int) -> Path:
    """A node like /dev/null (minor 3) or /dev/full (minor 7) in tmp_path when the test may
    make one, so a regression cannot replace the machine's own (tests often run as root)."""
    node = tmp_path / name
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, minor))
        with open(node, "wb"):
            pass
    except OSError:
        node.unlink(missing_ok=True)
        if os.geteuid() == 0:
            pytest.skip("cannot make a device node, and /dev itself is writable as root")
        return Path("/dev") / name
    return node


def test_dev_null_is_written_in_place(sample: Sample, tmp_path: Path) -> None:
    null = _private_device(tmp_path, "null", 3)
    code, err = cli(sample, "--out", str(null), "--format", "csv")
    assert code == 0, err
    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_full_device_fails_in_one_line(sample: Sample, tmp_path: Path) -> None:
    full = _private_device(tmp_path, "full", 7)
    code, err = cli(sample, "--out", str(full), "--format", "csv")
    assert code == 1
    assert "cannot write" in err and "No space left" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert stat.S_ISCHR(os.stat(full).st_mode)


# --- stdout and its aliases: the process's own descriptor ---------------------------------


@pytest.mark.parametrize(
    "alias", ["-", "/dev/stdout", "/proc/self/fd/1", "/dev/fd/1", "link-to-stdout.csv"]
)
def test_stdout_aliases_stream_to_stdout(sample: Sample, tmp_path: Path, alias: str) -> None:
    was_link = os.path.islink("/dev/stdout")
    if alias == "link-to-stdout.csv":
        link = tmp_path / alias
        link.symlink_to("/dev/stdout")
        alias = str(link)
    done = quotes_process(sample, "--out", alias)
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected_csv(sample, tmp_path)
    assert b"Traceback" not in done.stderr
    assert os.path.islink("/dev/stdout") == was_link  # the node itself untouched


def test_dev_stdout_appends_where_the_shell_appends(sample: Sample, tmp_path: Path) -> None:
    """`quotes export --out /dev/stdout >> log`: written through fd 1, so nothing is lost."""
    log = tmp_path / "log.csv"
    log.write_bytes(b"earlier line\r\n")
    with open(log, "ab") as fh:
        done = quotes_process(sample, "--out", "/dev/stdout", stdout=fh)
    assert done.returncode == 0, done.stderr
    assert log.read_bytes() == b"earlier line\r\n" + expected_csv(sample, tmp_path)


def test_proc_self_fd_on_a_socket(sample: Sample, tmp_path: Path) -> None:
    """Opening /proc/self/fd/1 again fails on a socket (ENXIO); writing to fd 1 does not."""
    ours, theirs = socket.socketpair()
    with ours, theirs:
        done = quotes_process(sample, "--out", "/proc/self/fd/1", stdout=theirs.fileno())
        theirs.close()
        received = b""
        while chunk := ours.recv(1 << 16):
            received += chunk
    assert done.returncode == 0, done.stderr
    assert received == expected_csv(sample, tmp_path)


def test_fd_alias_names() -> None:
    assert fd_alias("-") is None  # the CLI's stdout; to the library a file named "-"
    assert fd_alias("/dev/stdout") == 1
    assert fd_alias("/dev/stderr") == 2
    assert fd_alias("/dev//fd/./3") == 3
    assert fd_alias(f"/proc/{os.getpid()}/fd/1") == 1
    assert fd_alias("/proc/1/fd/1") is None or os.getpid() == 1
    assert fd_alias("out.csv") is None
    assert is_stdout("/dev/stdout") and not is_stdout("/dev/stderr")
    assert fd_alias("/dev/null") is None
