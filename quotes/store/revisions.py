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
from pathlib import Path


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
