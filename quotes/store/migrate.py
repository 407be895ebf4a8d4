"""Alembic glue: the CLI keeps every database at the code's head revision.

A database stamped with a revision this code does not know is newer than the code; it is
refused instead of being touched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from quotes.store.engine import database_label, reader_engine

# The head and the migrations folder are read without Alembic (also by `quotes stats`).
from quotes.store.revisions import MIGRATIONS_DIR
from quotes.store.revisions import linear_head as _linear_head

# Alembic is imported inside the functions that use it: a database already at head (every
# command but the first on a new database) is checked without it, which keeps start-up short.
if TYPE_CHECKING:
    from alembic.config import Config


# Full-text search lives in objects the models do not describe (SQLite's FTS5 table and its
# shadow tables, PostgreSQL's expression index); autogenerate must neither drop nor add them.
FTS_TABLE_PREFIX = "quotes_fts"
FTS_INDEXES = frozenset({"ix_quotes_text_fts"})
# `quotes stats`' counters, kept by triggers on SQLite only (migration 0010): not modelled.
STAT_TABLES = frozenset({"stat_counts", "statement_conflicts"})


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    if type_ == "table" and name and (name.startswith(FTS_TABLE_PREFIX) or name in STAT_TABLES):
        return False
    return not (type_ == "index" and name in FTS_INDEXES)


class DatabaseTooNew(RuntimeError):
    """The database was migrated by a newer version of quotes."""


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option(
        "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
    )
    return cfg


def head_revision(engine: Engine) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    assert head is not None, "migrations/ has no revisions"
    return head


def current_revision(engine: Engine) -> str | None:
    # A reader (deferred BEGIN on SQLite): looking at the version must never queue behind
    # another process's write transaction; only an actual upgrade takes the write lock.
    from alembic.runtime.migration import MigrationContext

    with reader_engine(engine).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _run(engine: Engine, fn_name: str, revision: str) -> None:
    from alembic import command

    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, fn_name)(cfg, revision)


def upgrade(engine: Engine, revision: str = "head") -> None:
    check_not_newer(engine)
    _run(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    _run(engine, "downgrade", revision)


def downgrade_steps(engine: Engine, revision: str) -> list[str]:
    """The revisions a downgrade to `revision` would undo, newest first; empty if none.

    Every migration's downgrade drops what its upgrade created, tables with their rows
    included, so callers treat a non-empty list as "this loses data" and ask first.
    """
    current = current_revision(engine)
    if current is None:
        return []
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(engine))
    # Alembic resolves relative targets ("-1") against `current` and leaves the target out.
    return [step.revision for step in script.iterate_revisions(current, revision)]


def check_not_newer(engine: Engine) -> None:
    current = current_revision(engine)
    if current is None:
        return
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(engine))
    known = {rev.revision for rev in script.walk_revisions()}
    if current not in known:
        raise DatabaseTooNew(
            f"{database_label(engine.url)}: schema revision {current} is newer than this "
            "version of quotes knows; upgrade quotes instead of opening it"
        )


def ensure_current(engine: Engine) -> None:
    """Upgrade a new or old database to head; cheap when it already is."""
    if _stamped_revision(engine) == _linear_head():
        return
    if current_revision(engine) != head_revision(engine):
        upgrade(engine)


def _stamped_revision(engine: Engine) -> str | None:
    """The one revision in `alembic_version`, by plain SQL; None when there is no such table."""
    try:
        with reader_engine(engine).connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except (OperationalError, ProgrammingError):
        return None
    return str(rows[0][0]) if len(rows) == 1 else None
