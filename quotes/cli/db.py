"""`quotes init`, `quotes stats` and `quotes db upgrade|downgrade|current`."""

from __future__ import annotations

from typing import Annotated

import typer

from quotes.cli.common import (
    DbOption,
    confirm_or_exit,
    database_errors,
    err,
    open_db,
    out,
)

# `quotes.store.migrate` loads SQLAlchemy and Alembic, `.stats` SQLAlchemy unless it can read
# a SQLite file through the stdlib driver: imported by the commands that run (issue 19).

db_app = typer.Typer(
    help="Schema migrations (Alembic). Every command also upgrades an old database by itself.",
    no_args_is_help=True,
)


def init(db: DbOption = None) -> None:
    """Create the database (or upgrade an existing one) to the current schema."""
    from quotes.store import migrate

    database = open_db(db, create=True)
    with database_errors(database.label):
        rev = migrate.current_revision(database.engine)
    err.print(f"[green]ready:[/] {database.label} at schema revision {rev}")


def stats(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Counts of articles, quotes by status and type, speakers, topics and edits."""
    from quotes.cli.stats_view import print_stats
    from quotes.store.stats import LabelledStats, collect_stats, read_sqlite_stats

    # A SQLite file at the code's schema is read without SQLAlchemy (issue 19: start-up);
    # anything else (a URL, a schema to upgrade, an error to explain) opens it as usual.
    found = read_sqlite_stats(db)
    if found is None:
        database = open_db(db)
        with database_errors(database.label), database.readers() as session:
            found = LabelledStats(database.label, collect_stats(session))
    print_stats(found, as_json=as_json)


@db_app.command("upgrade")
def db_upgrade(
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
    db: DbOption = None,
) -> None:
    """Upgrade the schema (to the newest revision by default)."""
    from quotes.store import migrate

    database = open_db(db, migrate=False)
    with database_errors(database.label):
        migrate.upgrade(database.engine, revision)
        err.print(f"at revision {migrate.current_revision(database.engine)}")


@db_app.command("downgrade")
def db_downgrade(
    revision: Annotated[str, typer.Argument(help="Target revision, e.g. -1 or base.")],
    db: DbOption = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask before dropping data (for scripts).")
    ] = False,
) -> None:
    """Downgrade the schema to an earlier revision (data in dropped tables is lost).

    Asks first at a terminal; without one it refuses unless --yes is given.
    """
    from quotes.store import migrate

    database = open_db(db, migrate=False)
    with database_errors(database.label):
        steps = migrate.downgrade_steps(database.engine, revision)
    if not steps:
        err.print(f"nothing to downgrade: {database.label} is at or below {revision}")
        return
    confirm_or_exit(
        f"Downgrading {database.label} undoes revision{'s' * (len(steps) > 1)} "
        f"{', '.join(steps)}: the tables they created are dropped with every row in them.",
        yes=yes,
    )
    with database_errors(database.label):
        migrate.downgrade(database.engine, revision)
        err.print(f"at revision {migrate.current_revision(database.engine)}")


@db_app.command("current")
def db_current(db: DbOption = None) -> None:
    """Print the database's schema revision and the code's head revision."""
    from quotes.store import migrate

    database = open_db(db, migrate=False)
    with database_errors(database.label):
        current = migrate.current_revision(database.engine)
        head = migrate.head_revision(database.engine)
    out.print(f"{current or '(empty)'}" + (" (head)" if current == head else f" (head is {head})"))
