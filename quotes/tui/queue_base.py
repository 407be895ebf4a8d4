"""The review queue's state and loading: pages, progress, the card, the filter.

The table holds only the pages the curator has scrolled through (keyset pages of about 100
rows, the next one fetched when the cursor nears the end), so a million-quote database opens
as fast as a small one. The queue's actions (`queue_filters`, `queue_edits`,
`queue_topics`, `queue`) build on this class and change what is shown only through it.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import DataTable, Footer

from quotes.curation import QueueFilter
from quotes.curation.views import Progress, QueueRow, QuoteCard
from quotes.tui.inputs import TextInput
from quotes.tui.messages import CardLoaded, ProgressLoaded, QueueLoaded, RowsRefreshed
from quotes.tui.queue_status import FilterSummary, QueueProgress, QueueState, empty_hint
from quotes.tui.queue_table import QueueTable
from quotes.tui.quote_card import QuoteCardView
from quotes.tui.team import TeamQueue

PREFETCH_MARGIN = 20
PROGRESS_DELAY = 0.8


class QueueBase(TeamQueue):
    def __init__(self) -> None:
        super().__init__()
        self.filter = QueueFilter()
        self.filter_labels: dict[str, str] = {}
        self.generation = 0
        self.loaded_generation = -1
        self.next_key: tuple[Any, ...] | None = None
        self.fetching = False
        self.progress: Progress | None = None
        self.card: QuoteCard | None = None
        self.keep_cursor_on: int | None = None
        self.last_query_seconds = 0.0  # the service call behind the last page (for bench/)
        # Made here, not in compose: `rows`, `order` and `selection` are read before mount.
        self._table = QueueTable(id="queue-table")
        self._progress_timer: Timer | None = None
        # The filter whose matches the curator asked to count all (F5), not stop at a cap.
        self.count_all_for: QueueFilter | None = None

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="queue-bar"):
            yield TextInput(placeholder="/ search quote text", id="search")
            yield FilterSummary(id="filter-summary")
        with Vertical(id="queue-main"):
            yield self._table
            yield QuoteCardView(id="card")
        yield QueueProgress(id="progress")
        yield Footer()

    @property
    def table(self) -> QueueTable:
        return self._table

    @property
    def rows(self) -> dict[int, QueueRow]:
        return self._table.rows_by_id

    @property
    def order(self) -> list[int]:
        return self._table.order

    @property
    def selection(self) -> set[int]:
        return self._table.selection

    @selection.setter
    def selection(self, ids: set[int]) -> None:
        self._table.selection = ids

    @property
    def card_view(self) -> QuoteCardView:
        return self.query_one("#card", QuoteCardView)

    def on_mount(self) -> None:
        self.table.add_columns_for_queue()
        self.card_view.hint("Loading…")
        self.reload()
        self.table.focus()
        self.start_team()

    def main_widget(self) -> None:
        self.table.focus()

    def current_row(self) -> QueueRow | None:
        return self.table.current_row()

    def current_card(self) -> QuoteCard | None:
        """The card, if it is the one of the row under the cursor (it may lag behind)."""
        row = self.current_row()
        if self.card is not None and row is not None and self.card.id == row.id:
            return self.card
        return None

    # -- loading --------------------------------------------------------------------------

    def reload(self, keep: int | None = None) -> None:
        """Load the first page for the current filter (keeping the cursor on `keep`)."""
        self.generation += 1
        self.fetching = True
        self.keep_cursor_on = keep
        limit = self.workbench.page_size
        if keep is not None:
            limit = max(limit, len(self.order) + 1)
        self.workbench.load_queue(self, self.generation, self.filter, None, False, limit)
        self._show_summary()
        self._show_progress()

    def load_more(self) -> None:
        if self.fetching or self.next_key is None:
            return
        self.fetching = True
        self.workbench.load_queue(
            self, self.generation, self.filter, self.next_key, True, self.workbench.page_size
        )

    def on_queue_loaded(self, message: QueueLoaded) -> None:
        if message.generation != self.generation:
            return  # an answer for a filter the curator has already left
        table = self.table
        if not message.append:
            table.reset()
        table.append_rows(message.page.rows)
        self.next_key = message.page.next_key
        self.fetching = False
        self.last_query_seconds = message.elapsed
        table.fit_columns()
        self.loaded_generation = message.generation
        if not message.append:
            target = self.keep_cursor_on
            if target is not None and target in self.rows:
                table.move_to(target)
            elif self.order:
                table.move_cursor(row=0, animate=False)
            self.keep_cursor_on = None
            if not self.order:
                self.card = None
                self.card_view.hint(empty_hint(self.filter, self.progress))
            else:
                self._request_card()
            # Counted after the rows are on screen: on a big database the count is the
            # slower query, and reads take turns on SQLite.
            self.load_progress()
        self._show_progress()

    def on_progress_loaded(self, message: ProgressLoaded) -> None:
        if message.filter == self.filter:
            self.progress = message.progress
            self._show_progress()
            if not self.order and not self.fetching:
                self.card_view.hint(empty_hint(self.filter, self.progress))

    def on_rows_refreshed(self, message: RowsRefreshed) -> None:
        fresh = {r.id: r for r in message.rows}
        for qid in message.ids:
            if qid not in self.rows:
                continue
            if qid in fresh:
                self.table.put_row(fresh[qid])
            else:
                self.table.drop_row(qid)
        self._request_card()

    def on_card_loaded(self, message: CardLoaded) -> None:
        row = self.current_row()
        if row is not None and message.card.id == row.id:
            self.card = message.card
            self.card_view.show(message.card, message.speaker_names)

    def on_resize(self) -> None:
        self.call_after_refresh(self.table.fit_columns)

    @on(DataTable.RowHighlighted, "#queue-table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._request_card()
        if event.cursor_row >= len(self.order) - PREFETCH_MARGIN:
            self.load_more()

    def _request_card(self) -> None:
        row = self.current_row()
        if row is not None:
            self.workbench.load_card(self, row.id)

    def load_progress(self) -> None:
        exact = self.count_all_for == self.filter
        self.workbench.load_progress(self, self.filter, exact=exact)

    def _progress_soon(self) -> None:
        """Recount once the curator pauses, not after every key: on a big database the
        count is the slowest query, and it would queue behind each decision."""
        if self._progress_timer is not None:
            self._progress_timer.stop()
        self._progress_timer = self.set_timer(PROGRESS_DELAY, self.load_progress)

    # -- filter and status lines ----------------------------------------------------------

    def set_filter(self, f: QueueFilter, labels: dict[str, str] | None = None) -> None:
        if labels is not None:
            self.filter_labels = labels
        if f == self.filter:
            return
        self.filter = f
        self.progress = None  # the old counts are for the old filter
        self.selection.clear()
        self.reload()

    def _show_summary(self) -> None:
        self.query_one(FilterSummary).show(self.filter, self.filter_labels)

    def _show_progress(self) -> None:
        state = QueueState(
            loaded=len(self.order),
            more=self.next_key is not None,
            selected=len(self.selection),
            saving=self.workbench.writes_pending,
            fetching=self.fetching,
        )
        self.query_one(QueueProgress).show(self.progress, state)
