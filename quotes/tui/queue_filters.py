"""What the queue shows: search, the status cycle, the filter form, and the ways in from
other screens (an article's quote, a speaker's quotes) and out (CSV export, the article)."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.timer import Timer
from textual.widgets import Input

from quotes.curation import QueueFilter
from quotes.curation.queue_filter import STATUS_FILTERS, StatusFilter
from quotes.tui.queue_base import QueueBase

STATUS_CYCLE: tuple[StatusFilter, ...] = STATUS_FILTERS  # `f` steps through them in order
SEARCH_DELAY = 0.25


class QueueFilters(QueueBase):
    def __init__(self) -> None:
        super().__init__()
        self._search_timer: Timer | None = None

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        value = event.value.strip() or None
        self._search_timer = self.set_timer(
            SEARCH_DELAY, lambda: self.set_filter(replace(self.filter, search=value))
        )

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self.set_filter(replace(self.filter, search=event.value.strip() or None))
        self.table.focus()

    def action_cycle_status(self) -> None:
        i = STATUS_CYCLE.index(self.filter.status)
        self.set_filter(self.filter.with_status(STATUS_CYCLE[(i + 1) % len(STATUS_CYCLE)]))

    def action_clear_filters(self) -> None:
        search = self.query_one("#search", Input)
        if search.value:
            with search.prevent(Input.Changed):
                search.value = ""
        self.set_filter(QueueFilter(), {})

    def action_filters(self) -> None:
        from quotes.tui.filter_form import FilterScreen

        def apply(result: QueueFilter | None) -> None:
            if result is not None:
                labels = dict(self.filter_labels)
                if result.speaker_id != self.filter.speaker_id:
                    labels.pop("speaker", None)
                if result.article_id != self.filter.article_id:
                    labels.pop("article", None)
                self.set_filter(result, labels)

        self.app.push_screen(FilterScreen(self.filter), apply)

    def action_refresh(self) -> None:
        self.count_all_for = self.filter  # and count every match, past the status line's cap
        row = self.current_row()
        self.reload(keep=row.id if row else None)

    # -- in from other screens ------------------------------------------------------------

    def open_quote(self, article_id: int, quote_id: int, title: str | None) -> None:
        """Review one article's quotes (any status), cursor on `quote_id`."""
        labels = {"article": title or str(article_id)}
        self.filter_labels = labels
        self.filter = QueueFilter(status="any", article_id=article_id, sort="article")
        self.selection.clear()
        self.progress = None
        self.reload(keep=quote_id)

    def show_speaker(self, speaker_id: int, name: str) -> None:
        self.filter_labels = {"speaker": name}
        self.filter = QueueFilter(status="any", speaker_id=speaker_id)
        self.selection.clear()
        self.progress = None
        self.reload()

    # -- out ------------------------------------------------------------------------------

    def action_open_article(self) -> None:
        from quotes.tui.article import ArticleScreen

        row = self.current_row()
        if row is not None:
            self.app.push_screen(ArticleScreen(row.article_id, row.id))

    def action_export(self) -> None:
        from quotes.tui.exporting import export_csv
        from quotes.tui.prompt import PromptScreen

        f = self.filter
        ids = self.table.selected_ids()
        what = f"the {len(ids)} selected quotes" if ids else "the current filter"

        def chosen(path: str | None) -> None:
            if path:
                self.workbench.submit("export", lambda s: export_csv(s, f, path, ids), target=self)

        self.app.push_screen(
            PromptScreen(f"Export {what} to CSV", "./quotes-export.csv", "Path"), chosen
        )
