"""Layout snapshots of the main screens (SVG, reviewed by eye; update with --snapshot-update).

Deterministic: the same seeded article, a fixed terminal size, no cursor blink, and no
action that would put a timestamp on screen.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot

from quotes.store.database import Database
from tests.factories import seed
from tests.tui.conftest import SIZE, make_app, settle

SnapCompare = Callable[..., bool]


def keys(*pressed: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        app = pilot.app
        await settle(app, pilot)  # type: ignore[arg-type]
        for key in pressed:
            await pilot.press(key)
            await settle(app, pilot)  # type: ignore[arg-type]
        await pilot.pause(0.3)  # let debounced searches land
        await settle(app, pilot)  # type: ignore[arg-type]

    return run


def test_queue_screen(snap_compare: SnapCompare, sqlite_database: Database) -> None:
    seed(sqlite_database)
    assert snap_compare(make_app(sqlite_database), terminal_size=SIZE, run_before=keys())


def test_help_screen(snap_compare: SnapCompare, sqlite_database: Database) -> None:
    seed(sqlite_database)
    assert snap_compare(
        make_app(sqlite_database), terminal_size=SIZE, run_before=keys("question_mark")
    )


def test_speakers_screen(snap_compare: SnapCompare, sqlite_database: Database) -> None:
    seed(sqlite_database)
    assert snap_compare(make_app(sqlite_database), terminal_size=SIZE, run_before=keys("f3"))


def test_article_screen(snap_compare: SnapCompare, sqlite_database: Database) -> None:
    seed(sqlite_database)
    assert snap_compare(make_app(sqlite_database), terminal_size=SIZE, run_before=keys("o", "n"))


def test_speaker_picker(snap_compare: SnapCompare, sqlite_database: Database) -> None:
    seed(sqlite_database)
    assert snap_compare(make_app(sqlite_database), terminal_size=SIZE, run_before=keys("r"))


def test_empty_database(snap_compare: SnapCompare, sqlite_database: Database) -> None:
    assert snap_compare(make_app(sqlite_database), terminal_size=SIZE, run_before=keys())
