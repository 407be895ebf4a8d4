"""Alembic glue: the CLI keeps every database at the code's head revision.

A database stamped with a revision this code does not know is newer than the code; it is
refused instead of being touched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"

# Full-text search lives in objects the models do not describe (SQLite's FTS5 table and its
# shadow tables, PostgreSQL's expression index); autogenerate must neither drop nor add them.
FTS_TABLE_PREFIX = "quotes_fts"
FTS_INDEXES = frozenset({"ix_quotes_text_fts"})


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    if type_ == "table" and name and name.startswith(FTS_TABLE_PREFIX):
        return False
    return not (type_ == "index" and name in FTS_INDEXES)


class DatabaseTooNew(RuntimeError):
    """The database was migrated by a newer version of quotes."""


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option(
        "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
    )
    return cfg


def head_revision(engine: Engine) -> str:
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    assert head is not None, "migrations/ has no revisions"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _run(engine: Engine, fn_name: str, revision: str) -> None:
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, fn_name)(cfg, revision)


def upgrade(engine: Engine, revision: str = "head") -> None:
    check_not_newer(engine)
    _run(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    _run(engine, "downgrade", revision)


def check_not_newer(engine: Engine) -> None:
    current = current_revision(engine)
    if current is None:
        return
    script = ScriptDirectory.from_config(alembic_config(engine))
    known = {rev.revision for rev in script.walk_revisions()}
    if current not in known:
        raise DatabaseTooNew(
            f"{engine.url.database or engine.url}: schema revision {current} is newer than this "
            "version of quotes knows; upgrade quotes instead of opening it"
        )


def ensure_current(engine: Engine) -> None:
    """Upgrade a new or old database to head; cheap when it already is."""
    if current_revision(engine) != head_revision(engine):
        upgrade(engine)
