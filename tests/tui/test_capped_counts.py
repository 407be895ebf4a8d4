"""The status line of a common word's search: "10,000+ matching" until F5 counts them all
(issue 19), so the workbench never reads every match just to show a number."""

from __future__ import annotations

from dataclasses import replace

import pytest

from quotes.curation import reads
from quotes.curation.views import Count, Progress
from quotes.store.database import Database
from quotes.tui.queue import QueueScreen
from quotes.tui.queue_status import QueueState, moved_between_counts, progress_line
from tests.factories import Seeded
from tests.tui.conftest import SIZE, make_app, settle

STATE = QueueState(loaded=100, more=True, selected=0, saving=0, fetching=False)
CAPPED = Progress(verified=0, rejected=0, unverified=0, matching=Count(10_000, capped=True))


def test_a_capped_count_reads_as_at_least_and_says_how_to_count_all() -> None:
    line = progress_line(CAPPED, STATE).plain
    assert "10,000+ matching" in line
    assert "F5 counts them all" in line
    assert "verified" not in line and "remaining" not in line  # not known: not shown as 0
    exact = progress_line(Progress(verified=3, rejected=1, unverified=12_345), STATE).plain
    assert "12,345 remaining" in exact and "of 12,349" in exact and "+ matching" not in exact


def test_a_decision_leaves_a_capped_count_alone() -> None:
    assert moved_between_counts(CAPPED, "unverified", "verified") is CAPPED
    moved = moved_between_counts(Progress(1, 0, 2), "unverified", "verified")
    assert moved == Progress(verified=2, rejected=0, unverified=1)


async def test_f5_counts_every_match_of_the_search(
    database: Database, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reads, "COUNT_CAP", 1)  # "ready" is in two of the seeded quotes
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        assert screen.progress == Progress(verified=0, rejected=0, unverified=4)  # no search
        screen.set_filter(replace(screen.filter, search="ready"))
        await settle(app, pilot)
        assert screen.progress is not None
        assert screen.progress.matching == Count(1, capped=True)
        await pilot.press("f5")
        await settle(app, pilot)
        assert screen.progress == Progress(verified=0, rejected=0, unverified=2)
        await pilot.press("v")  # exact counts move with a decision at once
        await settle(app, pilot)
        assert screen.progress == Progress(verified=1, rejected=0, unverified=1)
        screen.set_filter(replace(screen.filter, search="read"))  # another filter: capped again
        await settle(app, pilot)
        assert screen.progress is not None and screen.progress.matching is not None
