"""Pickers act on exactly the text typed, in the ranking's order (issue 15, items 1 and 2).

Each test types and presses Enter with no pause. The pickers' refresh-while-typing delay is
set to an hour, so the list on screen is always the previous text's when Enter comes: the
tests cannot pass by a lucky timer, only by Enter waiting for the current text's results.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from quotes.curation import CurationService
from quotes.store.database import Database
from quotes.store.models import QuoteTopic, Speaker, Topic
from quotes.store.names import normalize_name
from quotes.tui.queue import QueueScreen
from quotes.tui.speaker_picker import SpeakerPicker
from quotes.tui.topic_picker import TopicPicker
from tests.factories import Seeded
from tests.tui.conftest import SIZE, card, make_app, settle, type_text


@pytest.fixture(autouse=True)
def _no_refresh_while_typing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SpeakerPicker, "search_delay", 3600.0)
    monkeypatch.setattr(TopicPicker, "search_delay", 3600.0)


def _topics(database: Database, seeded: Seeded) -> None:
    """The seed taxonomy's names, and a suggestion the picker lists (and highlights) first."""
    with database.sessions.begin() as s:
        for name in ("Military exercises and deployments", "Sanctions", "NATO-Russia dialogue"):
            s.add(Topic(name=name))
        s.flush()
        military = s.scalar(select(Topic.id).where(Topic.name.startswith("Military")))
        assert military is not None
        s.add(QuoteTopic(quote_id=seeded.quotes[2], topic_id=military, origin="suggested"))


def _treaty(database: Database, seeded: Seeded) -> None:
    """A non-person "speaker" whose letters contain s-t-o-l-t, with more quotes than anyone."""
    with database.sessions.begin() as s:
        name = "post-Cold War treaty"
        s.add(Speaker(name=name, normalized_name=normalize_name(name), kind="other"))
    svc = CurationService(database, "setup")
    treaty = svc.find_speaker("post-Cold War treaty")
    for q in seeded.quotes[:2]:
        svc.reassign(q, treaty.id)


async def test_topic_enter_at_once_takes_the_typed_topic(
    database: Database, seeded: Seeded
) -> None:
    _topics(database, seeded)
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("t")
        await settle(app, pilot)
        picker = app.screen
        assert isinstance(picker, TopicPicker)
        assert picker.names[0] == "Military exercises and deployments"  # highlighted now
        await type_text(pilot, "Sanctions")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
    tags = {t.name: t.origin for t in card(database, seeded.quotes[2]).topics}
    assert tags == {"Military exercises and deployments": "suggested", "Sanctions": "curator"}


async def test_topic_prefix_ranks_existing_above_create(database: Database, seeded: Seeded) -> None:
    _topics(database, seeded)
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("t")
        await settle(app, pilot)
        await type_text(pilot, "NATO-Russia")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
    tags = {t.name: t.origin for t in card(database, seeded.quotes[2]).topics}
    assert tags["NATO-Russia dialogue"] == "curator"
    with database.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Topic)) == 3  # nothing created


async def test_topic_new_name_still_creates(database: Database, seeded: Seeded) -> None:
    _topics(database, seeded)
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("t")
        await settle(app, pilot)
        await type_text(pilot, "Arctic")
        await pilot.press("enter")
        await settle(app, pilot)
    assert "Arctic" in {t.name for t in card(database, seeded.quotes[2]).topics}


async def test_speaker_enter_at_once_after_clearing(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, SpeakerPicker)
        await pilot.press("ctrl+u")
        await type_text(pilot, "Lavrov")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
    speaker = card(database, seeded.quotes[2]).speaker
    assert speaker is not None and speaker.id == seeded.lavrov


async def test_speaker_word_prefix_beats_fuzzy(database: Database, seeded: Seeded) -> None:
    _treaty(database, seeded)
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        await pilot.press("j")  # confidence order: quotes[2], then Lavrov's quotes[3]
        await settle(app, pilot)
        current = screen.current_row()
        assert current is not None and current.id == seeded.quotes[3]
        await pilot.press("r")
        await settle(app, pilot)
        await pilot.press("ctrl+u")
        await type_text(pilot, "stolt")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
    speaker = card(database, seeded.quotes[3]).speaker
    assert speaker is not None and speaker.id == seeded.stoltenberg


async def test_enter_on_a_current_list_takes_the_moved_highlight(
    database: Database, seeded: Seeded
) -> None:
    """Once the list is the current text's, arrows and Enter work on it as shown."""
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("r")  # pre-filled "Jens Stoltenberg", searched at once
        await settle(app, pilot)
        picker = app.screen
        assert isinstance(picker, SpeakerPicker)
        assert [s.name for s in picker.results] == ["Jens Stoltenberg"]
        await pilot.press("down", "enter")  # the only line: down stays on it
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
    speaker = card(database, seeded.quotes[2]).speaker
    assert speaker is not None and speaker.id == seeded.stoltenberg


async def test_topic_dismiss_at_once_takes_the_typed_topic(
    database: Database, seeded: Seeded
) -> None:
    _topics(database, seeded)
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("t")
        await settle(app, pilot)
        await type_text(pilot, "sanctions")
        await pilot.press("ctrl+d")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
    tags = {t.name: t.origin for t in card(database, seeded.quotes[2]).topics}
    assert tags == {"Military exercises and deployments": "suggested", "Sanctions": "dismissed"}
