"""Snapshot of the queue showing a hostile quote (issue 13): markup as typed, escapes visible.

The SVG is the reviewed picture: `[bold red]Attack[/]` in plain letters in the table and
the card, `\\x1b[31m` and `\\x1b]0;pwned\\x07` spelled out, the bidi override as `\\u202e`.
"""

from __future__ import annotations

from quotes.store.database import Database
from tests.security.hostile_rows import COLOUR, TITLE, add_hostile
from tests.tui.conftest import SIZE, make_app
from tests.tui.test_snapshots import SnapCompare, keys


def test_hostile_quote_in_the_queue(snap_compare: SnapCompare, sqlite_database: Database) -> None:
    add_hostile(sqlite_database, f"{COLOUR}red{TITLE} \u202eevil", 0, history=False)
    assert snap_compare(make_app(sqlite_database), terminal_size=SIZE, run_before=keys())
