"""The code's head schema revision and a SQLite file's stamped one, without Alembic.

Every command keeps its database at the head revision; when it already is (every run but
the first on a new database) that is settled by reading `alembic_version` and the scripts'
own revision lines, which costs a small fraction of importing Alembic (issue 19). The
SQLAlchemy path (`quotes.store.migrate`) and the stdlib-sqlite3 one (`quotes stats`) both
use these, so they cannot disagree about what "at head" means.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from quotes.store.location import connect_readonly, plain_sqlite_file


def _migrations_dir() -> Path:
    """Installed from a wheel, the scripts are `quotes/migrations` (setup.py maps them there);
    in a source checkout (editable install included) they are the top-level `migrations/`."""
    here = Path(__file__).resolve()
    packaged = here.parents[1] / "migrations"
    if (packaged / "env.py").is_file():
        return packaged
    return here.parents[2] / "migrations"


MIGRATIONS_DIR = _migrations_dir()

_REVISION_LINE = re.compile(
    r"""^(revision|down_revision): str(?: \| None)? = (?:["'](\w+)["']|None)$""", re.M
)


def linear_head() -> str | None:
    """The head revision read straight from the scripts, without importing Alembic.

    Only a plain linear chain (every script names its revision and parent on one line, one
    head) gives an answer; anything else returns None and callers ask Alembic.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict((m[0], m[1]) for m in _REVISION_LINE.findall(script.read_text("utf-8")))
        revision = found.get("revision")
        if not revision or "down_revision" not in found or revision in revisions:
            return None
        revisions.add(revision)
        if found["down_revision"]:
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 and parents <= revisions else None


def sqlite_stamped_revision(conn: sqlite3.Connection) -> str | None:
    """The one revision in `alembic_version`; None when there is no such table or not one row."""
    try:
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.OperationalError:
        return None
    return str(rows[0][0]) if len(rows) == 1 else None


T = TypeVar("T")


def read_at_head(
    db: str | None,
    read: Callable[[sqlite3.Connection], T],
    *,
    also_fails: tuple[type[Exception], ...] = (),
) -> tuple[Path, T] | None:
    """What `read` finds in the SQLite file `db` names, through the stdlib driver, read-only,
    in one snapshot with the revision stamped on it (so what is read is the head's schema).

    The fast paths of small commands (`quotes stats`, the workbench's first page) answer
    only where opening the database would answer the same; None otherwise: a URL, a missing
    file, a schema to upgrade or to refuse as too new, a file SQLite cannot read, or an error
    of `also_fails` raised by `read`. The caller then opens the database the usual way, which
    upgrades or explains in its own words; nothing here writes, so nothing is left half done.
    """
    path = plain_sqlite_file(db)
    if path is None or not path.is_file():
        return None
    head = linear_head()
    if head is None:
        return None
    try:
        conn = connect_readonly(path)
    except sqlite3.Error:
        return None
    fails: tuple[type[Exception], ...] = (sqlite3.Error, *also_fails)
    try:
        conn.execute("BEGIN")
        if sqlite_stamped_revision(conn) != head:
            return None
        return path, read(conn)
    except fails:
        return None
    finally:
        conn.close()
