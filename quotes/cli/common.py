"""Options and error handling shared by every command.

Diagnostics and progress go to stderr; stdout is for data, so `quotes export > f.csv` and
`quotes sql ... | jq` stay clean.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from quotes.store.database import Database, open_database

if TYPE_CHECKING:
    from quotes.curation import CurationService
from quotes.store.migrate import DatabaseTooNew

err = Console(stderr=True, highlight=False)
out = Console(highlight=False)

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
    err.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    raise typer.Exit(code)


@contextmanager
def database_errors(label: str) -> Iterator[None]:
    """Turn database failures into one line naming the database, not a traceback."""
    try:
        yield
    except DatabaseTooNew as exc:
        fail(str(exc))
    except OperationalError as exc:
        fail(f"{label}: {exc.orig}")
    except SQLAlchemyError as exc:
        fail(f"{label}: {exc.__class__.__name__}: {exc}")


@contextmanager
def curation_errors() -> Iterator[None]:
    """A refused curator action (conflict, unknown name, invalid edit) is one line, exit 1."""
    from quotes.curation.errors import CurationError

    try:
        yield
    except CurationError as exc:
        fail(str(exc))


def service(db: str | None, curator: str | None = None) -> CurationService:
    """The service layer on the command's database, acting as the command's curator."""
    from quotes.curation import CurationService

    return CurationService(open_db(db), curator_name(curator))


def open_db(db: str | None, *, migrate: bool = True) -> Database:
    with database_errors(db or os.environ.get("QUOTES_DB") or "quotes.db"):
        return open_database(db, migrate=migrate)
