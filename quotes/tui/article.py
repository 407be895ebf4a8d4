"""One article with every extracted quote highlighted; n/p walk them, the card follows.

Each paragraph is its own widget so jumping to a quote can scroll its paragraph into view.
The article is outside text: it is shown escaped, with the quote offsets mapped onto it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Static

from quotes.curation.views import ArticleView
from quotes.tui.actions import Scope, bindings_for
from quotes.tui.base import WorkbenchScreen
from quotes.tui.messages import CardLoaded, Fetched
from quotes.tui.navigation import QuoteBrowser
from quotes.tui.quote_card import OTHER_QUOTE_STYLE, QUOTE_STYLE, QuoteCardView
from quotes.tui.text import highlighted, literal


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of the article, offsets into the article text."""
    spans, at = [], 0
    for line in text.split("\n"):
        spans.append((at, at + len(line)))
        at += len(line) + 1
    return spans


class ArticleScreen(WorkbenchScreen):
    SCOPES: ClassVar[tuple[Scope, ...]] = ("article", "common")
    BINDINGS = bindings_for(*SCOPES)

    def __init__(self, article_id: int, quote_id: int | None = None) -> None:
        super().__init__()
        self.article_id = article_id
        self.want_quote = quote_id
        self.article: ArticleView | None = None
        self.current = 0

    def compose(self) -> ComposeResult:
        yield Static(id="article-head")
        with Vertical(id="article-main"):
            yield VerticalScroll(id="article-text")
            yield QuoteCardView(id="article-card")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#article-head", Static).update(Text("Loading…"))
        self.workbench.fetch(self, "article", lambda s: s.article(self.article_id))

    def main_widget(self) -> None:
        self.query_one("#article-text").focus()

    def on_fetched(self, message: Fetched) -> None:
        if message.key != "article":
            return
        self.article = message.value
        ids = [q.id for q in self.article.quotes]
        self.current = ids.index(self.want_quote) if self.want_quote in ids else 0
        a = self.article
        head = literal(a.title or a.source, style="bold")
        meta = [p for p in (a.outlet, a.author, str(a.published) if a.published else None) if p]
        if meta:
            head.append_text(literal("   " + " · ".join(meta), style="dim"))
        head.append(f"   {len(a.quotes)} quotes", style="dim")
        self.query_one("#article-head", Static).update(head)
        box = self.query_one("#article-text", VerticalScroll)
        box.remove_children()
        box.mount_all(
            Static(id=f"para-{i}", classes="para") for i, _ in enumerate(paragraphs(a.text))
        )
        self.call_after_refresh(self._show)

    def _show(self) -> None:
        a = self.article
        if a is None:
            return
        for i, (ps, pe) in enumerate(paragraphs(a.text)):
            spans = []
            for n, (qs, qe) in enumerate(a.spans):
                lo, hi = max(qs, ps) - ps, min(qe, pe) - ps
                if lo < hi:
                    style = QUOTE_STYLE if n == self.current else OTHER_QUOTE_STYLE
                    spans.append((lo, hi, style))
            text = highlighted(a.text[ps:pe], spans)
            self.query_one(f"#para-{i}", Static).update(text)
        if not a.quotes:
            self.query_one("#article-card", QuoteCardView).hint("No quotes in this article.")
            return
        # After the next refresh: the paragraphs were just filled, and until they are laid
        # out every one is at the top, so scrolling now would leave the article at its start.
        self.call_after_refresh(self._scroll_to_current)
        self.workbench.load_card(self, a.quotes[self.current].id)

    def current_paragraph(self) -> int | None:
        """The index of the paragraph where the current quote starts."""
        a = self.article
        if a is None or not a.quotes:
            return None
        qs = a.spans[self.current][0]
        for i, (ps, pe) in enumerate(paragraphs(a.text)):
            if ps <= qs <= pe:
                return i
        return None

    def _scroll_to_current(self) -> None:
        i = self.current_paragraph()
        if i is not None:
            para = self.query_one(f"#para-{i}")
            self.query_one("#article-text", VerticalScroll).scroll_to_widget(
                para, animate=False, top=True
            )

    def on_card_loaded(self, message: CardLoaded) -> None:
        a = self.article
        if a is not None and a.quotes and message.card.id == a.quotes[self.current].id:
            self.query_one("#article-card", QuoteCardView).show(message.card, message.speaker_names)

    def _step(self, delta: int) -> None:
        if self.article and self.article.quotes:
            self.current = (self.current + delta) % len(self.article.quotes)
            self._show()

    def action_next_quote(self) -> None:
        self._step(1)

    def action_prev_quote(self) -> None:
        self._step(-1)

    def action_open_quote(self) -> None:
        a = self.article
        if a is None or not a.quotes:
            return
        quote_id = a.quotes[self.current].id
        self.app.pop_screen()
        queue = self.app.screen
        if isinstance(queue, QuoteBrowser):
            queue.open_quote(a.id, quote_id, a.title)
