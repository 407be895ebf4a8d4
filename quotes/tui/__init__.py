"""The curators' workbench (Textual). Imported only by `quotes tui`, never by the headless CLI."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quotes.curation.first_page import FirstScreen
    from quotes.store.database import Database


def run_workbench(
    database: Database | Callable[[], Database],
    curator: str,
    *,
    headless: bool = False,
    claim_slice: int | None = None,
    first_screen: FirstScreen | None = None,
) -> int:
    """Open the workbench on `database`, writing `curator` into the audit log.

    Returns the exit status: Textual prints the traceback of an exception that killed the
    app and then returns normally, so without this a crash would look like a clean quit.
    """
    from quotes.curation.claim_terms import DEFAULT_SLICE
    from quotes.tui.app import WorkbenchApp

    size = DEFAULT_SLICE if claim_slice is None else claim_slice
    app = WorkbenchApp(database, curator, claim_slice=size, first_screen=first_screen)
    try:
        app.run(headless=headless)
    finally:
        # Also after a crash: the curator's slice goes back to the team at once (if the
        # database is what failed, the leases run out instead). Without the service loaded
        # (a quit before it was needed), nothing was claimed.
        if app.service_loaded:
            from quotes.curation import DatabaseError

            with contextlib.suppress(DatabaseError):
                app.service.release_claims()
    return app.return_code or 0


__all__ = ["run_workbench"]
