"""The speakers screen shows what the database holds and keeps the cursor on its speaker
(issue 15, item 6): after a refused change, on F5, when re-entered, and past 500 rows."""

from __future__ import annotations

from textual.widgets import Input

from quotes.curation import CurationService
from quotes.store.database import Database
from quotes.store.models import Speaker
from quotes.store.names import normalize_name
from quotes.tui.actions import ACTIONS
from quotes.tui.queue import QueueScreen
from quotes.tui.speaker_form import SpeakerForm
from quotes.tui.speakers import SpeakersScreen
from tests.factories import Seeded
from tests.tui.conftest import SIZE, make_app, settle

# The keys as the registry has them (they have moved before: `2` became a topic key).
SPEAKERS_KEY = next(a.keys.split(",")[0] for a in ACTIONS if a.id == "show_speakers")
QUEUE_KEY = next(a.keys.split(",")[0] for a in ACTIONS if a.id == "show_queue")


def _names_on_screen(screen: SpeakersScreen) -> list[str]:
    return [str(screen.table.get_row_at(i)[1]) for i in range(screen.table.row_count)]


async def test_refused_edit_shows_the_fresh_row_on_the_same_speaker(
    database: Database, seeded: Seeded
) -> None:
    other = CurationService(database, "bob")
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f3")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SpeakersScreen)
        await pilot.press("j")  # Sergey Lavrov (fewer quotes, second)
        current = screen.current()
        assert current is not None and current.id == seeded.lavrov
        await pilot.press("e")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, SpeakerForm)
        other.update_speaker(seeded.lavrov, title="foreign minister")  # meanwhile, bob
        form.query_one("#title", Input).value = "minister"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is screen  # refused: the form closed
        current = screen.current()
        assert current is not None and current.id == seeded.lavrov
        assert current.title == "foreign minister"  # bob's, fresh from the database
        assert "foreign minister" in str(screen.table.get_row_at(screen.table.cursor_row)[3])
        await pilot.press("e")  # the next edit is of the same speaker, at its new version
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, SpeakerForm) and form.speaker is not None
        assert form.speaker.id == seeded.lavrov
        assert form.query_one("#title", Input).value == "foreign minister"


async def test_f5_rereads_and_follows_the_speaker(database: Database, seeded: Seeded) -> None:
    other = CurationService(database, "bob")
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f3")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SpeakersScreen)
        assert _names_on_screen(screen)[:2] == ["Jens Stoltenberg", "Sergey Lavrov"]
        await pilot.press("j")
        # Bob moves Stoltenberg's quotes to Lavrov and renames him: Lavrov is now first.
        for q in seeded.quotes[:3]:
            other.reassign(q, seeded.lavrov)
        other.update_speaker(seeded.lavrov, name="Sergei Lavrov")
        await pilot.press("f5")
        await settle(app, pilot)
        assert _names_on_screen(screen)[:2] == ["Sergei Lavrov", "Jens Stoltenberg"]
        current = screen.current()
        assert current is not None and current.id == seeded.lavrov
        assert screen.table.cursor_row == 0


async def test_reentering_keeps_the_cursor(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f3")
        await settle(app, pilot)
        await pilot.press("j")
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
        await pilot.press("f3")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SpeakersScreen)
        current = screen.current()
        assert current is not None and current.id == seeded.lavrov
        await pilot.press("e")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, SpeakerForm) and form.speaker is not None
        assert form.speaker.id == seeded.lavrov


async def test_the_list_pages_past_500(database: Database, seeded: Seeded) -> None:
    total = 2 + 650
    with database.sessions.begin() as s:
        for i in range(650):
            name = f"Speaker {i:04d}"
            s.add(Speaker(name=name, normalized_name=normalize_name(name)))
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f3")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SpeakersScreen)
        assert len(screen.speakers) < total  # a page, not everything
        for _ in range(10):  # the curator keeps scrolling to the end
            screen.table.move_cursor(row=screen.table.row_count - 1, animate=False)
            await settle(app, pilot)
            if screen.table.row_count == total:
                break
        assert [s.name for s in screen.speakers][-1] == "Speaker 0649"
        assert len({s.id for s in screen.speakers}) == total == screen.table.row_count
