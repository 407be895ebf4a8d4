"""The curators' workbench (Textual). Imported only by `quotes tui`, never by the headless CLI."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quotes.store.database import Database


def run_workbench(database: Database, curator: str, *, headless: bool = False) -> int:
    """Open the workbench on `database`, writing `curator` into the audit log.

    Returns the exit status: Textual prints the traceback of an exception that killed the
    app and then returns normally, so without this a crash would look like a clean quit.
    """
    from quotes.tui.app import WorkbenchApp

    app = WorkbenchApp(database, curator)
    app.run(headless=headless)
    return app.return_code or 0


__all__ = ["run_workbench"]
