"""Drive the real workbench on a real migrated SQLite file seeded with tests/factories.seed."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from quotes.curation import CurationService
from quotes.curation.views import QuoteCard
from quotes.store.database import Database, open_database
from quotes.tui.app import WorkbenchApp
from tests.factories import Seeded, seed

SIZE = (120, 36)


@pytest.fixture
def seeded(database: Database) -> Seeded:
    return seed(database)


@pytest.fixture
def sqlite_database(db_path: Path) -> Iterator[Database]:
    """One backend is enough for layout snapshots (and keeps one snapshot per test)."""
    db = open_database(str(db_path))
    yield db
    db.engine.dispose()


def make_app(database: Database, curator: str = "tester", **kwargs: Any) -> WorkbenchApp:
    """The app as a curator runs it, minus the cursor blink and any personal $QUOTES_KEYMAP."""
    kwargs.setdefault("keymap", {})
    return WorkbenchApp(database, curator, blink=False, **kwargs)


async def settle(app: WorkbenchApp, pilot: Pilot[None], rounds: int = 3) -> None:
    """Let workers finish and their answers (which may start more workers) land.

    Not `workers.wait_for_complete()`: it raises for a worker that was cancelled by a newer
    exclusive one, which is the workbench working as intended.
    """
    for _ in range(rounds):
        for _ in range(1000):
            if all(w.is_finished for w in app.workers):
                break
            await asyncio.sleep(0.01)
        await pilot.pause()


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(c, c) for c in text])


def card(database: Database, quote_id: int) -> QuoteCard:
    return CurationService(database, "reader").quote_card(quote_id)
