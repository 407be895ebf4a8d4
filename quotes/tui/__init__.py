"""The curators' workbench (Textual). Imported only by `quotes tui`, never by the headless CLI."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quotes.store.database import Database


def run_workbench(
    database: Database, curator: str, *, headless: bool = False, claim_slice: int | None = None
) -> int:
    """Open the workbench on `database`, writing `curator` into the audit log.

    Returns the exit status: Textual prints the traceback of an exception that killed the
    app and then returns normally, so without this a crash would look like a clean quit.
    """
    from quotes.curation import DatabaseError
    from quotes.curation.claims import DEFAULT_SLICE
    from quotes.tui.app import WorkbenchApp

    size = DEFAULT_SLICE if claim_slice is None else claim_slice
    app = WorkbenchApp(database, curator, claim_slice=size)
    try:
        app.run(headless=headless)
    finally:
        # Also after a crash: the curator's slice goes back to the team at once (if the
        # database is what failed, the leases run out instead).
        with contextlib.suppress(DatabaseError):
            app.service.release_claims()
    return app.return_code or 0


__all__ = ["run_workbench"]
