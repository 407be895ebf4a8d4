"""Issue 15, part C, in the workbench: `o` opens the article at the quote, `M` previews the
merged text before saving it, and an alias can be removed from the speakers screen."""

from __future__ import annotations

from textual.containers import VerticalScroll

from quotes.curation import CurationService
from quotes.store.database import Database
from quotes.store.models import Article, Quote
from quotes.tui.article import ArticleScreen
from quotes.tui.choice import ChoiceScreen
from quotes.tui.confirm import ConfirmScreen
from quotes.tui.queue import QueueScreen
from quotes.tui.speakers import SpeakersScreen
from tests.factories import Seeded, span
from tests.tui.conftest import SIZE, card, make_app, settle

# Paragraphs that wrap over several lines: until the article is laid out each looks one
# line tall, so a scroll computed too early lands far above the quote.
FILLER = "".join(f"Paragraph {i} says nothing. " * 12 + "\n" for i in range(30))
LONG_ARTICLE = FILLER + 'At last Jens Stoltenberg said: "The door is open."\n' + FILLER


def _long_article_quote(database: Database, speaker: int) -> int:
    """A quote deep in a long article, with the lowest confidence: the queue opens on it."""
    with database.sessions.begin() as s:
        article = Article(content_hash="long", source="long.txt", text=LONG_ARTICLE)
        s.add(article)
        s.flush()
        start, end = span(LONG_ARTICLE, "The door is open.")
        quote = Quote(
            article_id=article.id,
            text="The door is open.",
            start=start,
            end=end,
            type="direct",
            speaker_id=speaker,
            confidence=0.05,
        )
        s.add(quote)
        s.flush()
        return quote.id


async def test_o_opens_the_article_at_the_quote(database: Database, seeded: Seeded) -> None:
    quote = _long_article_quote(database, seeded.stoltenberg)
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
        row = app.screen.current_row()
        assert row is not None and row.id == quote
        await pilot.press("o")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.article is not None
        assert screen.article.quotes[screen.current].id == quote
        box = screen.query_one("#article-text", VerticalScroll)
        para = screen.query_one(f"#para-{screen.current_paragraph()}")
        assert box.scroll_offset.y > 0  # not the top of the article
        assert box.region.contains_region(para.region)  # the quote's paragraph is in view


async def test_m_previews_and_cancel_changes_nothing(database: Database, seeded: Seeded) -> None:
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        screen.table.move_cursor(row=screen.order.index(seeded.quotes[1]))
        await pilot.press("M")
        await settle(app, pilot)
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert "We stand ready, … Dialogue is not a sign of weakness." in confirm.question
        assert "Stoltenberg said" not in confirm.question
        await pilot.press("n")
        await settle(app, pilot)
    assert card(database, seeded.quotes[1]).text == "We stand ready,"
    assert card(database, seeded.quotes[2]).text == "Dialogue is not a sign of weakness."


async def test_remove_an_alias_from_the_speakers_screen(database: Database, seeded: Seeded) -> None:
    svc = CurationService(database, "alice")
    svc.add_alias(seeded.lavrov, "S. Lavrov")
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f3")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SpeakersScreen)
        screen.table.move_cursor(row=[s.id for s in screen.speakers].index(seeded.lavrov))
        await pilot.press("A")
        await settle(app, pilot)
        choice = app.screen
        assert isinstance(choice, ChoiceScreen)
        assert [v for v, _ in choice.options] == ["S. Lavrov"]  # never the name itself
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is screen and isinstance(screen, SpeakersScreen)
        assert "S. Lavrov" not in svc.speaker(seeded.lavrov).aliases
        lavrov = next(s for s in screen.speakers if s.id == seeded.lavrov)
        assert "S. Lavrov" not in lavrov.aliases  # the list shows it too
        await pilot.press("u")  # undoable like every change
        await settle(app, pilot)
    assert "S. Lavrov" in svc.speaker(seeded.lavrov).aliases
