"""`quotes tui`: open the curators' workbench.

Textual is imported inside the command only, so every other command starts without it. On
a SQLite file at the code's schema the first page is read without SQLAlchemy and the
database opened after it is painted (issue 19: start-up); anything else opens the database
first, as every command does, which upgrades it or says why it cannot.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import typer

from quotes.cli.common import CuratorOption, DbOption, curator_name, open_db

if TYPE_CHECKING:
    from quotes.curation.first_page import FirstScreen
    from quotes.store.database import Database


def tui(db: DbOption = None, curator: CuratorOption = None) -> None:
    """Open the workbench: review, fix and verify extracted quotes (press ? for keys)."""
    name = curator_name(curator)
    database, first = workbench_database(db, name)
    from quotes.tui import run_workbench

    code = run_workbench(database, name, first_screen=first)
    if code:
        raise typer.Exit(code)


def workbench_database(
    db: str | None, curator: str
) -> tuple[Database | Callable[[], Database], FirstScreen | None]:
    """The database the workbench opens, now or (with its first screen already read) later."""
    from quotes.curation.first_page import read_first_screen
    from quotes.tui.app import PAGE_SIZE

    first = read_first_screen(db, curator, limit=PAGE_SIZE)
    if first is None:
        return open_db(db), None
    return partial(_open_later, db), first


def _open_later(db: str | None) -> Database:
    """Opened in a worker thread: an error (the file went away since the first page) is
    the workbench's to report, not the command line's."""
    from quotes.store.database import open_database

    return open_database(db, create=False)
