"""The review queue, driven with the real keys; every assertion is on the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from quotes.curation import CurationService, QueueFilter
from quotes.store.database import Database
from quotes.tui.app import WorkbenchApp
from quotes.tui.confirm import ConfirmScreen
from quotes.tui.help import HelpScreen, keys_table
from quotes.tui.queue import QueueScreen
from tests.factories import Seeded
from tests.tui.conftest import SIZE, card, make_app, settle, type_text

# Default order is lowest confidence first: quotes[2] (0.5), [3] (0.7), [1] (0.8), [0] (0.9).


async def test_opens_on_unverified_lowest_confidence_first(
    database: Database, seeded: Seeded
) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        q = seeded.quotes
        assert screen.order == [q[2], q[3], q[1], q[0]]
        assert screen.card is not None and screen.card.id == q[2]
        assert app.focused is screen.table


async def test_verify_and_advance(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("v")
        await settle(app, pilot)
        assert app.screen.current_row().id == seeded.quotes[3]
        progress = app.screen.progress
        assert (progress.verified, progress.unverified) == (1, 3)
    got = card(database, seeded.quotes[2])
    assert (got.status, got.verified_by) == ("verified", "tester")


async def test_reject_skip_and_move(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("x", "s", "j", "k", "x")
        await settle(app, pilot)
    q = seeded.quotes
    assert card(database, q[2]).status == "rejected"
    assert card(database, q[3]).status == "unverified"  # skipped
    assert card(database, q[1]).status == "rejected"
    assert card(database, q[0]).status == "unverified"


async def test_undo_and_redo_keys(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("v", "u")
        await settle(app, pilot)
        assert card(database, seeded.quotes[2]).status == "unverified"
        assert app.screen.current_row().id == seeded.quotes[2]  # back on the undone quote
        await pilot.press("U")
        await settle(app, pilot)
    assert card(database, seeded.quotes[2]).status == "verified"


async def test_undo_survives_a_restart(database: Database, seeded: Seeded) -> None:
    first = make_app(database)
    async with first.run_test(size=SIZE) as pilot:
        await settle(first, pilot)
        await pilot.press("v")
        await settle(first, pilot)
    assert card(database, seeded.quotes[2]).status == "verified"
    second = make_app(database)
    async with second.run_test(size=SIZE) as pilot:
        await settle(second, pilot)
        assert seeded.quotes[2] not in second.screen.order  # verified: not in the queue
        await pilot.press("u")
        await settle(second, pilot)
        # Back in the queue, under the cursor, to be decided again.
        assert second.screen.current_row().id == seeded.quotes[2]
    assert card(database, seeded.quotes[2]).status == "unverified"


async def test_bulk_verify_asks_with_the_count(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("space", "space", "v")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "2 selected" in app.screen.question
        await pilot.press("y")
        await settle(app, pilot)
        assert app.screen.selection == set()
    q = seeded.quotes
    assert [card(database, i).status for i in (q[2], q[3], q[1])] == [
        "verified",
        "verified",
        "unverified",
    ]
    # One undo step for the whole selection.
    CurationService(database, "tester").undo()
    assert card(database, q[2]).status == card(database, q[3]).status == "unverified"


async def test_bulk_cancel_changes_nothing(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("space", "x", "n")
        await settle(app, pilot)
    assert card(database, seeded.quotes[2]).status == "unverified"


async def test_conflict_is_refused_and_the_row_reloaded(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        # Another curator rejects the quote after the workbench loaded it.
        CurationService(database, "bob").reject(seeded.quotes[2])
        await pilot.press("v")
        await settle(app, pilot)
        messages = [n.message for n in app._notifications]
        assert any("changed since you loaded it" in m for m in messages), messages
        assert app.screen.rows[seeded.quotes[2]].status == "rejected"
    got = card(database, seeded.quotes[2])
    assert (got.status, got.verified_by) == ("rejected", "bob")


async def test_search_filters_the_queue(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        await type_text(pilot, "guarant")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen.order == [seeded.quotes[3]]
        assert app.focused is app.screen.table
        await pilot.press("c")
        await settle(app, pilot)
        assert len(app.screen.order) == 4


async def test_keys_typed_into_search_are_text_not_actions(
    database: Database, seeded: Seeded
) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        await type_text(pilot, "vxsurtq ?")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
        assert app.screen.query_one("#search", Input).value == "vxsurtq ?"
    progress = CurationService(database, "x").progress(QueueFilter())
    assert (progress.verified, progress.rejected) == (0, 0)


async def test_status_filter_cycles(database: Database, seeded: Seeded) -> None:
    CurationService(database, "tester").verify(seeded.quotes[0])
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f")
        await settle(app, pilot)
        assert app.screen.filter.status == "verified"
        assert app.screen.order == [seeded.quotes[0]]


async def test_pages_are_loaded_as_the_cursor_moves(database: Database, seeded: Seeded) -> None:
    app = make_app(database, page_size=2)
    limits: list[int] = []
    original = app.service.queue_page

    def spy(f, after=None, limit=100):  # type: ignore[no-untyped-def]
        limits.append(limit)
        return original(f, after=after, limit=limit)

    app.service.queue_page = spy  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "j", "j")
        await settle(app, pilot)
        assert len(app.screen.order) == 4
        assert app.screen.next_key is None
    assert limits and max(limits) == 2


async def test_export_writes_a_csv(database: Database, seeded: Seeded, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("E")
        await pilot.pause()
        field = app.screen.query_one(Input)
        assert field.value == "./quotes-export.csv"
        field.value = str(target)
        await pilot.press("enter")
        await settle(app, pilot)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("quote_id,quote")
    assert len(lines) == 1 + 4  # every unverified quote


async def test_help_screen_lists_every_key(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_an_unexpected_error_is_shown_not_raised(database: Database, seeded: Seeded) -> None:
    app = make_app(database)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    app.service.decide = broken  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("v")
        await settle(app, pilot)
        notes = [(n.message, n.severity) for n in app._notifications]
        assert ("RuntimeError: disk on fire", "error") in notes
        # The optimistic "verified" was put back from the database.
        assert app.screen.rows[seeded.quotes[2]].status == "unverified"
        assert app.screen.current_row().id == seeded.quotes[2]
    assert card(database, seeded.quotes[2]).status == "unverified"


async def test_a_refused_edit_explains_itself(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "M")  # Lavrov has no later quote to merge with
        await settle(app, pilot)
        notes = [(n.message, n.severity) for n in app._notifications]
        assert any("no later quote" in m and s == "warning" for m, s in notes), notes


async def test_keys_can_be_remapped_by_binding_id(
    database: Database, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUOTES_KEYMAP", "queue.verify=ctrl+y; no.such=z")
    app = WorkbenchApp(database, "tester", blink=False)
    assert app.keymap == {"queue.verify": "ctrl+y"}
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("v")  # no longer bound
        await settle(app, pilot)
        assert card(database, seeded.quotes[2]).status == "unverified"
        await pilot.press("ctrl+y")
        await settle(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert "ctrl+y" in str(keys_table("queue", app.keymap).columns[0]._cells)
    assert card(database, seeded.quotes[2]).status == "verified"
