"""`quotes tui`: open the curators' workbench.

Textual is imported inside the command only, so every other command starts without it.
"""

from __future__ import annotations

import typer

from quotes.cli.common import CuratorOption, DbOption, curator_name, open_db


def tui(db: DbOption = None, curator: CuratorOption = None) -> None:
    """Open the workbench: review, fix and verify extracted quotes (press ? for keys)."""
    database = open_db(db)
    from quotes.tui import run_workbench

    code = run_workbench(database, curator_name(curator))
    if code:
        raise typer.Exit(code)
