"""Where an export's bytes go: the path the user named, written the way that path needs.

`--out` is a promise to write *there*, and not every path is a plain file:

- `/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N` (or a symlink to one) name a descriptor
  this process already holds. Writing goes through that descriptor (a duplicate of it), so
  a pipe, a socket, a terminal or the shell's `>>` append all behave as for any other
  command; opening the path again would truncate the shell's file, or fail on a socket.
  (`-` is the CLI's spelling of stdout; here it is a file named `-`, so a workbench user
  who types it gets a file, not CSV over the screen.)
- A symlink is followed, and what it points to is written: the link stays a link.
- A FIFO or a character device (`/dev/null`, a terminal) is opened and written in place; it
  cannot be "replaced", and replacing the node with a regular file is what broke it before.
- A regular file, or a path that does not exist yet, is written atomically: a temporary
  file in the same folder, fsync, then `os.replace` over the target and an fsync of the
  folder. A failed or interrupted export leaves the previous file exactly as it was, and
  never a half-written one. An existing file keeps its permission bits, so a private
  (0600) export does not become world-readable by being refreshed.

Anything else (a directory, a socket path, a block device) is refused with an OSError that
names it, which the CLI turns into one line.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

__all__ = ["STDOUT_FD", "fd_alias", "is_stdout", "open_destination", "process_umask"]

STDOUT_FD = 1
_BUFFER = 1 << 20
# Paths that are another name for one of this process's descriptors.
_FD_PATH = re.compile(
    r"/(?:dev/fd|proc/(?:self|thread-self|(?P<pid>\d+)(?:/task/\d+)?)/fd)/(?P<fd>\d+)"
)
_MAX_LINKS = 40  # as the kernel's own limit on a chain of symlinks
_STD_NAMES = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}


def fd_alias(path: str | os.PathLike[str]) -> int | None:
    """The descriptor number `path` stands for, or None for an ordinary path.

    Judged on the name as given, before any symlink is read: `/proc/self/fd/1` resolves to
    `pipe:[1234]` or `socket:[…]`, which are not paths at all.
    """
    name = os.path.normpath(os.fspath(path))
    if name in _STD_NAMES:
        return _STD_NAMES[name]
    match = _FD_PATH.fullmatch(name)
    if match is None:
        return None
    pid = match.group("pid")
    if pid is not None and int(pid) != os.getpid():
        return None  # another process's descriptor: an ordinary path as far as we can tell
    return int(match.group("fd"))


def is_stdout(path: str | os.PathLike[str]) -> bool:
    """True when writing to `path` means writing to this process's stdout (`/dev/stdout`, a
    symlink to it, `/proc/self/fd/1`), so a caller can stream there as with no path at all."""
    try:
        return _resolve(path)[0] == STDOUT_FD
    except OSError:
        return False  # a symlink loop: open_destination reports it


@contextlib.contextmanager
def open_destination(
    path: str | os.PathLike[str], *, encoding: str = "utf-8", newline: str = ""
) -> Iterator[IO[str]]:
    """A text stream that writes to `path` as the module docstring describes.

    On a normal exit the data is in place (and, for a regular file, durable); if the body
    raises, a regular-file target is left untouched and the exception propagates.
    """
    fd, target = _resolve(path)
    if fd is not None:
        with _open_descriptor(fd, encoding=encoding, newline=newline) as fh:
            yield fh
        return
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None and (stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)):
        with _open_in_place(target, encoding=encoding, newline=newline) as fh:
            yield fh
        return
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise _not_writable(info.st_mode, path)
    with _open_atomic(target, info, encoding=encoding, newline=newline) as fh:
        yield fh


def _resolve(path: str | os.PathLike[str]) -> tuple[int | None, Path]:
    """Follow the symlinks from `path` one at a time: the descriptor it ends at (a link to
    /dev/stdout ends at fd 1) or the final path. `os.path.realpath` cannot do this, since
    /proc/self/fd/1 reads as `pipe:[1234]`, which is no path."""
    current = os.path.abspath(os.fspath(path))
    for _ in range(_MAX_LINKS):
        fd = fd_alias(current)
        if fd is None:
            folder, name = os.path.split(current)
            current = os.path.join(os.path.realpath(folder), name)
            fd = fd_alias(current)
        if fd is not None:
            return fd, Path(current)
        if not os.path.islink(current):
            return None, Path(current)
        # No normpath: `..` after a symlinked folder must be resolved by realpath above.
        current = os.path.join(os.path.dirname(current), os.readlink(current))
    raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), os.fspath(path))


def _not_writable(mode: int, path: str | os.PathLike[str]) -> OSError:
    if stat.S_ISDIR(mode):
        return IsADirectoryError(errno.EISDIR, "is a directory", os.fspath(path))
    return OSError(errno.EINVAL, "not a file, FIFO or character device", os.fspath(path))


@contextlib.contextmanager
def _open_descriptor(fd: int, *, encoding: str, newline: str) -> Iterator[IO[str]]:
    """Write through a duplicate of `fd`, so closing the stream leaves `fd` itself open."""
    if fd == STDOUT_FD:
        sys.stdout.flush()  # anything already printed comes first
    elif fd == 2:
        sys.stderr.flush()
    fh = os.fdopen(os.dup(fd), "w", encoding=encoding, newline=newline, buffering=_BUFFER)
    with fh:
        yield fh


@contextlib.contextmanager
def _open_in_place(target: Path, *, encoding: str, newline: str) -> Iterator[IO[str]]:
    """A FIFO or device: no O_CREAT, no O_TRUNC. If the node was swapped for a regular file
    between the check and the open, refuse rather than write into it unprotected."""
    fd = os.open(target, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
            raise OSError(errno.EAGAIN, "changed while opening; try again", str(target))
        fh = os.fdopen(fd, "w", encoding=encoding, newline=newline, buffering=_BUFFER)
    except BaseException:
        os.close(fd)
        raise
    with fh:
        yield fh


@contextlib.contextmanager
def _open_atomic(
    target: Path, existing: os.stat_result | None, *, encoding: str, newline: str
) -> Iterator[IO[str]]:
    target.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp: O_EXCL in the target's own folder, so os.replace is a same-filesystem rename.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline=newline, buffering=_BUFFER) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); an export is an ordinary file (umask
        # applies), unless it replaces one whose permissions someone chose.
        mode = existing.st_mode & 0o777 if existing else 0o666 & ~process_umask()
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable; some filesystems cannot fsync a folder, which is fine."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def process_umask() -> int:
    """The process umask without setting it (os.umask would race with other threads)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022
