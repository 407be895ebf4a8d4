"""Options and error handling shared by every command.

Diagnostics and progress go to stderr; stdout is for data, so `quotes export > f.csv` and
`quotes sql ... | jq` stay clean.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from quotes.cli.console import err as err
from quotes.cli.console import out as out
from quotes.cli.console import safe_text as safe_text
from quotes.store.redact import mask_url

# The store (SQLAlchemy, the models) is imported inside the functions that open a database:
# `quotes --help` and a command's own --help never need it (issue 19: start-up).
if TYPE_CHECKING:
    from quotes.curation import CurationService
    from quotes.store.database import Database


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database: a file path or a SQLAlchemy URL. Default: $QUOTES_DB, else ./quotes.db.",
        show_default=False,
        rich_help_panel="Database",
    ),
]
CuratorOption = Annotated[
    str | None,
    typer.Option(
        "--curator",
        help="Name written to the audit log. Default: $QUOTES_CURATOR, else the OS user.",
        show_default=False,
    ),
]


def curator_name(curator: str | None) -> str:
    if curator:
        return curator
    env = os.environ.get("QUOTES_CURATOR")
    if env:
        return env
    try:
        return getpass.getuser()
    except Exception:  # no user name on some containers
        return "curator"


def fail(message: str, code: int = 1) -> NoReturn:
    """One clear line on stderr, then a non-zero exit."""
    err.print(f"[bold red]error:[/] {safe_text(message)}", soft_wrap=True)
    raise typer.Exit(code)


def _sqlite_path(label: str) -> Path | None:
    # Labels are what `Database.label` and `database_label` give: a file path for SQLite.
    return None if "://" in label or label == ":memory:" else Path(label)


@contextmanager
def database_errors(label: str) -> Iterator[None]:
    """Turn database failures into one line naming the database, not a traceback."""
    from quotes.curation.errors import DatabaseError
    from quotes.store.database import DatabaseMissing
    from quotes.store.errors import explain_database_error
    from quotes.store.migrate import DatabaseTooNew

    try:
        yield
    except (DatabaseTooNew, DatabaseMissing) as exc:
        fail(str(exc))
    # Raw driver errors too: export streams through the sqlite3 connection itself.
    except (DatabaseError, sqlite3.Error) as exc:
        fail(explain_database_error(exc, mask_url(label), _sqlite_path(label)))


@contextmanager
def curation_errors() -> Iterator[None]:
    """A refused curator action (conflict, unknown name, invalid edit) is one line, exit 1."""
    from quotes.curation.errors import CurationError

    try:
        yield
    except CurationError as exc:
        fail(str(exc))


def service(db: str | None, curator: str | None = None, *, create: bool = False) -> CurationService:
    """The service layer on the command's database, acting as the command's curator."""
    from quotes.curation import CurationService

    return CurationService(open_db(db, create=create), curator_name(curator))


def _label(db: str | None) -> str:
    from quotes.curation.errors import DatabaseError
    from quotes.store.engine import database_label, resolve_url

    try:
        return database_label(resolve_url(db))
    except DatabaseError:  # an unparsable URL: the error itself says so, masked
        return mask_url(db or os.environ.get("QUOTES_DB") or "quotes.db")


def open_db(db: str | None, *, migrate: bool = True, create: bool = False) -> Database:
    """The command's database. Reading commands keep `create=False`: a missing SQLite file
    is an error naming it and nothing is created; `init`, `extract` and `topics import`
    pass `create=True`."""
    from quotes.store.database import open_database

    with database_errors(_label(db)):
        return open_database(db, migrate=migrate, create=create)


def interactive() -> bool:
    """Whether a person can answer a question (stdin and stderr are terminals)."""
    return sys.stdin.isatty() and err.is_terminal


def confirm_or_exit(question: str, *, yes: bool) -> None:
    """Go on after `--yes` or a "y" typed at a terminal; otherwise stop, changing nothing."""
    if yes:
        return
    if not interactive():
        fail(f"{question} Refused: no terminal to ask; pass --yes to confirm.")
    err.print(f"[yellow]{safe_text(question)}[/]")
    if not typer.confirm("Continue?", default=False, err=True):
        fail("cancelled; nothing was changed")
