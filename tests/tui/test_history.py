"""The card's history shows the whole change with names (issue 15: span edits were cut to 24
characters, a removed tag showed as "topic 5"), and where a "he" was named."""

from __future__ import annotations

from rich.console import Console

from quotes.curation import CurationService
from quotes.curation.views import QuoteCard
from quotes.store.database import Database
from quotes.store.models import Quote
from quotes.tui.queue import QueueScreen
from quotes.tui.quote_card import QuoteCardView, render_card
from tests.factories import Seeded, span
from tests.tui.conftest import SIZE, make_app, settle

LONG = "Dialogue is not a sign of weakness."


def shown(card: QuoteCard, width: int = 60) -> str:
    """The card as a terminal of `width` columns shows it, line breaks joined back."""
    console = Console(width=width, record=True, color_system=None)
    with console.capture() as out:
        console.print(render_card(card))
    return " ".join(out.get().split())


def test_a_span_edit_shows_both_texts_whole_and_wrapped(database: Database, seeded: Seeded) -> None:
    svc = CurationService(database, "alice")
    quote = seeded.quotes[2]
    before = svc.quote_card(quote)
    svc.edit_span(quote, before.start, before.end - len(" weakness."))
    text = shown(svc.quote_card(quote), width=40)
    assert f"text: {LONG}" in text
    assert "→ Dialogue is not a sign of" in text
    # Wrapped, not cut: no line of the card is wider than the terminal.
    console = Console(width=40, record=True, color_system=None)
    with console.capture() as out:
        console.print(render_card(svc.quote_card(quote)))
    assert max(len(line) for line in out.get().splitlines()) <= 40


def test_an_untag_names_its_topic(database: Database, seeded: Seeded) -> None:
    svc = CurationService(database, "alice")
    quote = seeded.quotes[0]
    svc.tag(quote, "Arms control")
    svc.untag(quote, "Arms control")
    text = shown(svc.quote_card(quote))
    assert "Arms control (curator) added" in text
    assert "topic " not in text  # never "topic 5"


def test_a_reassign_names_both_speakers(database: Database, seeded: Seeded) -> None:
    svc = CurationService(database, "alice")
    svc.reassign(seeded.quotes[0], seeded.lavrov)
    text = shown(svc.quote_card(seeded.quotes[0]))
    assert "speaker: Jens Stoltenberg → Sergey Lavrov" in text


async def test_the_workbench_card_shows_the_whole_edit(database: Database, seeded: Seeded) -> None:
    svc = CurationService(database, "alice")
    quote = seeded.quotes[2]  # the queue opens on it (lowest confidence)
    before = svc.quote_card(quote)
    svc.edit_span(quote, before.start, before.end - len(" weakness."))
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
        view = app.screen.query_one(QuoteCardView)
        assert view.card is not None and view.card.id == quote
        assert f"text: {LONG}" in shown(view.card, width=SIZE[0])


ARTICLE = (
    "Jens Stoltenberg arrived in Brussels on Monday. The talks began late.\n"
    "The meeting lasted for hours.\n"
    '"We stand ready," he said.\n'
)


def test_the_card_shows_where_he_was_named(database: Database, seeded: Seeded) -> None:
    with database.sessions.begin() as s:
        q = s.get(Quote, seeded.quotes[1])
        assert q is not None
        q.article.text = ARTICLE  # the same quote, in an article naming him further up
        q.start, q.end = span(ARTICLE, "We stand ready,")
        q.mention, q.mention_start = "he", span(ARTICLE, "he said")[0]
        q.mention_end = q.mention_start + 2
    text = shown(CurationService(database, "x").quote_card(seeded.quotes[1]), width=100)
    assert "Named in Jens Stoltenberg arrived in Brussels on Monday." in text
