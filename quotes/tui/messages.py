"""Messages that carry service results from worker threads back to the UI thread.

Workers never touch widgets: they post one of these, and the screen that asked applies it
on the UI thread. Each carries what the receiver needs to drop a stale answer.
"""

from __future__ import annotations

from typing import Any

from textual.message import Message

from quotes.curation.queue_filter import QueueFilter
from quotes.curation.views import Progress, QueuePage, QueueRow, QuoteCard


class QueueLoaded(Message):
    """A page of the queue for the filter of `generation` (appended when `append`)."""

    def __init__(self, generation: int, page: QueuePage, append: bool, elapsed: float) -> None:
        super().__init__()
        self.generation = generation
        self.page = page
        self.append = append
        self.elapsed = elapsed


class ProgressLoaded(Message):
    def __init__(self, f: QueueFilter, progress: Progress) -> None:
        super().__init__()
        self.filter = f
        self.progress = progress


class CardLoaded(Message):
    """A quote card, and the names of the speakers its history refers to by id."""

    def __init__(self, card: QuoteCard, speaker_names: dict[int, str] | None = None) -> None:
        super().__init__()
        self.card = card
        self.speaker_names = speaker_names or {}


class RowsRefreshed(Message):
    """Fresh rows for `ids`; ids missing from `rows` no longer exist."""

    def __init__(self, ids: tuple[int, ...], rows: list[QueueRow]) -> None:
        super().__init__()
        self.ids = ids
        self.rows = rows


class Written(Message):
    """A change went through the service; `result` is what the service returned."""

    def __init__(self, label: str, result: Any, quote_ids: tuple[int, ...]) -> None:
        super().__init__()
        self.label = label
        self.result = result
        self.quote_ids = quote_ids


class WriteFailed(Message):
    """A change was refused (the app has already told the curator why)."""

    def __init__(self, label: str, error: BaseException, quote_ids: tuple[int, ...]) -> None:
        super().__init__()
        self.label = label
        self.error = error
        self.quote_ids = quote_ids


class Fetched(Message):
    """The answer to a read a screen asked for by `key` (pickers, lists, the article)."""

    def __init__(self, key: str, value: Any) -> None:
        super().__init__()
        self.key = key
        self.value = value
