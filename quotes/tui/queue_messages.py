"""Typed answers to the queue's reads: each says what it carries, so no key string is parsed.

A worker builds one of these from the service's answer (`WorkbenchApp.ask`); the queue's
handler for that class is the only code that sees it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from textual.message import Message

from quotes.curation.views import ArticleView, MergePreview, QuoteCard

if TYPE_CHECKING:  # the ORM loads after the first screen (issue 19: start-up)
    from quotes.curation.claims import Holding

SpanMode = Literal["span", "split"]


class SpanSourceLoaded(Message):
    """A quote and its whole article, for the span editor (the span may grow past the
    paragraph the card shows)."""

    def __init__(self, mode: SpanMode, card: QuoteCard, article: ArticleView) -> None:
        super().__init__()
        self.mode = mode
        self.card = card
        self.article = article


class MergePreviewLoaded(Message):
    """What merging `quote_id` with the next quote of its speaker would store (None: no
    such quote)."""

    def __init__(self, quote_id: int, preview: MergePreview | None) -> None:
        super().__init__()
        self.quote_id = quote_id
        self.preview = preview


class HoldersLoaded(Message):
    """Who holds which slice of the queue; `take_over` when the curator asked to take one."""

    def __init__(self, holdings: list[Holding], *, take_over: bool) -> None:
        super().__init__()
        self.holdings = holdings
        self.take_over = take_over
