"""Fixing attributions, spans, types and topics from the workbench, checked in the database."""

from __future__ import annotations

from sqlalchemy import select
from textual.widgets import Input

from quotes.curation import CurationService
from quotes.store.database import Database
from quotes.store.models import QuoteTopic, Speaker, Topic
from quotes.tui.article import ArticleScreen
from quotes.tui.confirm import ConfirmScreen
from quotes.tui.queue import QueueScreen
from quotes.tui.span_editor import SpanEditor, default_split, move_edge
from quotes.tui.speaker_form import SpeakerForm
from quotes.tui.speaker_picker import SpeakerPicker
from quotes.tui.speakers import SpeakersScreen
from quotes.tui.topic_picker import TopicPicker
from tests.factories import ARTICLE, Seeded
from tests.tui.conftest import SIZE, card, make_app, settle, type_text


async def test_reassign_with_the_picker(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, SpeakerPicker)
        field = app.screen.query_one(Input)
        assert field.value == "Jens Stoltenberg"  # the extractor's guess, pre-filled
        await pilot.press("ctrl+u")
        await type_text(pilot, "lavr")
        await pilot.pause(0.3)
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
        assert app.screen.rows[seeded.quotes[2]].speaker == "Sergey Lavrov"
    assert card(database, seeded.quotes[2]).speaker.id == seeded.lavrov


async def test_create_a_speaker_from_the_picker(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("r", "ctrl+u")
        await type_text(pilot, "Mircea Geoana")
        await pilot.pause(0.3)
        await settle(app, pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SpeakerForm)
        assert form.query_one("#name", Input).value == "Mircea Geoana"
        form.query_one("#title", Input).value = "deputy secretary-general"
        form.query_one("#org", Input).value = "NATO"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
    speaker = card(database, seeded.quotes[2]).speaker
    assert speaker is not None
    assert (speaker.name, speaker.title, speaker.organization) == (
        "Mircea Geoana",
        "deputy secretary-general",
        "NATO",
    )


async def test_merge_speakers_and_undo(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f3")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SpeakersScreen)
        assert [s.name for s in screen.speakers] == ["Jens Stoltenberg", "Sergey Lavrov"]
        await pilot.press("j", "m")
        await settle(app, pilot)
        assert isinstance(app.screen, SpeakerPicker)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(app, pilot)
        assert [s.name for s in screen.speakers] == ["Jens Stoltenberg"]
        with database.sessions() as s:
            lavrov = s.get(Speaker, seeded.lavrov)
            assert lavrov is not None and lavrov.merged_into_id == seeded.stoltenberg
        assert card(database, seeded.quotes[3]).speaker.id == seeded.stoltenberg
        await pilot.press("u")
        await settle(app, pilot)
        assert len(screen.speakers) == 2
    assert card(database, seeded.quotes[3]).speaker.id == seeded.lavrov


async def test_speaker_verify_alias_and_edit(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f3")
        await settle(app, pilot)
        await pilot.press("v")
        await settle(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Stoltenberg")
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#org", Input).value = "NATO"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    info = CurationService(database, "x").speaker(seeded.stoltenberg)
    assert info.verified and "Stoltenberg" in info.aliases and info.organization == "NATO"


async def test_tag_creates_and_untags(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TopicPicker)
        await type_text(pilot, "diplomacy")
        await pilot.pause(0.3)
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert [t.name for t in card(database, seeded.quotes[2]).topics] == ["diplomacy"]
        shown = app.screen.card
        assert shown is not None and shown.topics  # the card shows the tag...
        assert [h.action for h in shown.history] == ["tag"]  # ...and its history
        await pilot.press("t")
        await pilot.pause(0.3)
        await settle(app, pilot)
        await pilot.press("enter")  # the quote's own tag is listed first: enter untags
        await settle(app, pilot)
    assert card(database, seeded.quotes[2]).topics == ()


async def test_bulk_tag_a_selection(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("space", "space", "space", "t")
        await pilot.pause()
        await type_text(pilot, "security")
        await pilot.pause(0.3)
        await settle(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "3 selected" in app.screen.question
        await pilot.press("y")
        await settle(app, pilot)
    tagged = [bool(card(database, q).topics) for q in seeded.quotes]
    assert tagged == [False, True, True, True]


async def test_accept_and_dismiss_suggestions(database: Database, seeded: Seeded) -> None:
    with database.sessions.begin() as s:
        for name in ("defence", "russia"):
            topic = Topic(name=name)
            s.add(topic)
            s.flush()
            for q in seeded.quotes[2:]:
                s.add(QuoteTopic(quote_id=q, topic_id=topic.id, origin="suggested", score=0.6))
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a", "j", "d")
        await settle(app, pilot)
    with database.sessions() as s:
        origins = dict(
            s.execute(
                select(QuoteTopic.quote_id, QuoteTopic.origin).where(
                    QuoteTopic.quote_id.in_(seeded.quotes[2:])
                )
            ).all()
        )
    assert origins == {seeded.quotes[2]: "curator", seeded.quotes[3]: "dismissed"}


async def test_set_type(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("y", "3")
        await settle(app, pilot)
    assert card(database, seeded.quotes[2]).type == "mixed"


async def test_edit_span_by_word_and_char(database: Database, seeded: Seeded) -> None:
    before = card(database, seeded.quotes[0])  # "the alliance was ready to talk"
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("G")  # not bound: harmless
        await pilot.press("j", "j", "j", "e")
        await settle(app, pilot)
        assert isinstance(app.screen, SpanEditor)
        # Start one word left (take in "said"), then end one char left (drop the "k").
        await pilot.press("tab", "left", "tab", "shift+left", "enter")
        await settle(app, pilot)
    after = card(database, seeded.quotes[0])
    assert after.text == "said the alliance was ready to tal"
    assert (after.start, after.end) == (before.start - 5, before.end - 1)


async def test_split_and_merge_back(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("S")
        await settle(app, pilot)
        assert isinstance(app.screen, SpanEditor)
        await pilot.press("enter")
        await settle(app, pilot)
        svc = CurationService(database, "x")
        article = svc.article(seeded.article_id)
        assert len(article.quotes) == 5
        first = card(database, seeded.quotes[2])
        assert first.text == "Dialogue is not"
        # Merge it back with the next quote of the same speaker.
        screen = app.screen
        screen.table.move_cursor(row=screen.order.index(seeded.quotes[2]))
        await pilot.press("M")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)  # the merged text, before it is saved
        await pilot.press("y")
        await settle(app, pilot)
    assert card(database, seeded.quotes[2]).text == "Dialogue is not a sign of weakness."
    assert len(CurationService(database, "x").article(seeded.article_id).quotes) == 4


async def test_article_view_walks_the_quotes(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("o")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        # Opened on the queue's quote (the third in reading order).
        assert screen.article.quotes[screen.current].id == seeded.quotes[2]
        await pilot.press("n")
        await settle(app, pilot)
        assert screen.article.quotes[screen.current].id == seeded.quotes[3]
        await pilot.press("p", "p")
        await settle(app, pilot)
        assert screen.article.quotes[screen.current].id == seeded.quotes[1]
        await pilot.press("enter")
        await settle(app, pilot)
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        assert queue.filter.article_id == seeded.article_id
        assert queue.current_row().id == seeded.quotes[1]
        assert len(queue.order) == 4


async def test_palette_offers_workbench_actions(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "reject the quote")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
    assert card(database, seeded.quotes[2]).status == "rejected"


def test_word_and_char_moves() -> None:
    text = ARTICLE
    start = text.index("the alliance")
    assert move_edge(text, start, -1, "word", "start") == text.index("said the")
    assert move_edge(text, start, 1, "word", "start") == text.index("alliance")
    end = text.index(" was ready")
    assert move_edge(text, end, 1, "word", "end") == text.index(" ready")
    assert move_edge(text, end, -1, "char", "end") == end - 1
    quote = "We stand ready. We mean it."
    assert default_split(quote, 0, len(quote)) == quote.index("We mean")


async def test_bulk_reassign_a_selection(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("space", "k", "j", "j", "space", "r")  # quotes[2] and quotes[1]
        await pilot.pause()
        assert isinstance(app.screen, SpeakerPicker)
        await pilot.press("ctrl+u")
        await type_text(pilot, "lavrov")
        await pilot.pause(0.3)
        await settle(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "2 selected" in app.screen.question
        await pilot.press("y")
        await settle(app, pilot)
    speakers = [card(database, q).speaker.id for q in seeded.quotes]
    assert speakers == [seeded.stoltenberg, seeded.lavrov, seeded.lavrov, seeded.lavrov]


async def test_filter_form_by_speaker(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("F")
        await pilot.pause()
        await type_text(pilot, "sergey lavrov")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen.order == [seeded.quotes[3]]


async def test_enter_on_a_speaker_reviews_their_quotes(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f3")
        await settle(app, pilot)
        await pilot.press("j", "enter")
        await settle(app, pilot)
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        assert queue.filter.speaker_id == seeded.lavrov
        assert queue.order == [seeded.quotes[3]]
