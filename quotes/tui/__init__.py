"""The curators' workbench (Textual). Imported only by `quotes tui`, never by the headless CLI."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quotes.store.database import Database


def run_workbench(database: Database, curator: str) -> None:
    """Open the workbench on `database`, writing `curator` into the audit log."""
    from quotes.tui.app import WorkbenchApp

    WorkbenchApp(database, curator).run()


__all__ = ["run_workbench"]
