"""The filter form (`F`): the queue's one filter, typed the way curators type (issue 15)."""

from __future__ import annotations

from textual.widgets import Input, Label

from quotes.store.database import Database
from quotes.tui.filter_form import FilterScreen
from quotes.tui.queue import QueueScreen
from tests.factories import Seeded
from tests.tui.conftest import SIZE, make_app, settle, type_text


async def test_surname_and_outlet_in_any_case(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("F")
        await settle(app, pilot)
        await type_text(pilot, "Stoltenberg")
        app.screen.query_one("#f-outlet", Input).value = "wire"  # the outlet is "Wire"
        await pilot.press("enter")
        await settle(app, pilot)
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        assert sorted(queue.order) == sorted(seeded.quotes[:3])
        assert queue.filter.speaker == "Stoltenberg" and queue.filter.outlet == "wire"


async def test_completion_from_the_database(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("F")
        await settle(app, pilot)
        await type_text(pilot, "serg")
        await settle(app, pilot)
        await pilot.press("right")  # accept the completion
        field = app.screen.query_one("#f-speaker", Input)
        assert field.value == "Sergey Lavrov"
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
        assert app.screen.order == [seeded.quotes[3]]


async def test_a_bad_value_is_named_and_nothing_applied(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("F")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, FilterScreen)
        form.query_one("#f-since", Input).value = "2024-13-01"
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is form
        assert "YYYY-MM-DD" in str(form.query_one("#f-error", Label).render())
        form.query_one("#f-since", Input).value = ""
        form.query_one("#f-min", Input).value = "0.75"
        await pilot.press("enter")
        await settle(app, pilot)
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        assert queue.filter.min_confidence == 0.75
        assert sorted(queue.order) == sorted([seeded.quotes[0], seeded.quotes[1]])
