"""The review queue: one key decides a quote and moves on.

The table holds only the pages the curator has scrolled through (keyset pages of about 100
rows, the next one fetched when the cursor nears the end), so a million-quote database opens
as fast as a small one. Decisions show at once (the row turns verified, the cursor moves on)
and are saved in the background with the version the curator saw; if the row changed
meanwhile, the change is refused and the row reloaded.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Input, Static

from quotes.curation import CurationService, InvalidEdit, QueueFilter
from quotes.curation.filters import StatusFilter
from quotes.curation.views import ArticleView, Progress, QueueRow, QuoteCard, UndoResult
from quotes.tui.actions import Scope, bindings_for
from quotes.tui.base import WorkbenchScreen
from quotes.tui.inputs import TextInput
from quotes.tui.messages import (
    CardLoaded,
    Fetched,
    ProgressLoaded,
    QueueLoaded,
    RowsRefreshed,
    WriteFailed,
    Written,
)
from quotes.tui.quote_card import STATUS_ICON, STATUS_STYLE, QuoteCardView

STATUS_CYCLE: tuple[StatusFilter, ...] = ("unverified", "verified", "rejected", "any")
COLUMNS = (("sel", " "), ("status", "status"), ("speaker", "speaker"), ("quote", "quote"))
COLUMNS += (("outlet", "outlet"), ("date", "date"), ("conf", "conf"))
WIDTHS = {"sel": 1, "status": 12, "speaker": 18, "outlet": 12, "date": 10, "conf": 4}
NARROW_WIDTHS = {"sel": 1, "status": 1, "speaker": 14, "outlet": 8, "date": 10, "conf": 4}
WIDE = 110
PREFETCH_MARGIN = 20
SEARCH_DELAY = 0.25
PROGRESS_DELAY = 0.8
STRUCTURAL = {"split", "merge_quotes"}
BULK_VERBS = {
    "bulk_verified": "Verified",
    "bulk_rejected": "Rejected",
    "bulk_tag": "Tagged",
    "bulk_reassign": "Reassigned",
}


def _clip(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


class QueueScreen(WorkbenchScreen):
    SCOPES: ClassVar[tuple[Scope, ...]] = ("queue", "common")
    BINDINGS = bindings_for(*SCOPES)

    def __init__(self) -> None:
        super().__init__()
        self.filter = QueueFilter()
        self.filter_labels: dict[str, str] = {}
        self.generation = 0
        self.loaded_generation = -1
        self.rows: dict[int, QueueRow] = {}
        self.order: list[int] = []
        self.next_key: tuple[Any, ...] | None = None
        self.fetching = False
        self.selection: set[int] = set()
        self.progress: Progress | None = None
        self.card: QuoteCard | None = None
        self.keep_cursor_on: int | None = None
        self.last_query_seconds = 0.0  # the service call behind the last page (for bench/)
        self._span_card: QuoteCard | None = None
        self._search_timer: Timer | None = None
        self._progress_timer: Timer | None = None

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="queue-bar"):
            yield TextInput(placeholder="/ search quote text", id="search")
            yield Static(id="filter-summary")
        with Vertical(id="queue-main"):
            yield DataTable(id="queue-table", cursor_type="row", zebra_stripes=True)
            yield QuoteCardView(id="card")
        yield Static(id="progress")
        yield Footer()

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one("#queue-table", DataTable)

    @property
    def card_view(self) -> QuoteCardView:
        return self.query_one("#card", QuoteCardView)

    def on_mount(self) -> None:
        for key, label in COLUMNS:
            self.table.add_column(label, key=key, width=WIDTHS.get(key, 30))
        self.card_view.hint("Loading…")
        self.reload()
        self.table.focus()

    def main_widget(self) -> None:
        self.table.focus()

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
            table.clear()
            self.rows.clear()
            self.order.clear()
        for row in message.page.rows:
            if row.id in self.rows:
                continue
            self.rows[row.id] = row
            self.order.append(row.id)
            table.add_row(*self._cells(row), key=str(row.id))
        self.next_key = message.page.next_key
        self.fetching = False
        self.last_query_seconds = message.elapsed
        self._fit_columns()
        self.loaded_generation = message.generation
        if not message.append:
            target = self.keep_cursor_on
            if target is not None and target in self.rows:
                table.move_cursor(row=self.order.index(target), animate=False)
            elif self.order:
                table.move_cursor(row=0, animate=False)
            self.keep_cursor_on = None
            if not self.order:
                self.card = None
                self.card_view.hint(self._empty_hint())
            else:
                self._request_card()
            # Counted after the rows are on screen: on a big database the count is the
            # slower query, and reads take turns on SQLite.
            self.workbench.load_progress(self, self.filter)
        self._show_progress()

    def _empty_hint(self) -> str:
        if self.filter == QueueFilter() and self.progress is not None and not self.progress.total:
            return (
                "No quotes in this database yet.\n\n"
                "Extract some first:  quotes extract seeds --db <this database>"
            )
        return "No quotes match this filter.\n\nf cycles the status, c clears every filter."

    def on_progress_loaded(self, message: ProgressLoaded) -> None:
        if message.filter == self.filter:
            self.progress = message.progress
            self._show_progress()
            if not self.order and not self.fetching:
                self.card_view.hint(self._empty_hint())

    def on_rows_refreshed(self, message: RowsRefreshed) -> None:
        fresh = {r.id: r for r in message.rows}
        for qid in message.ids:
            if qid not in self.rows:
                continue
            if qid in fresh:
                self._put_row(fresh[qid])
            else:
                self._drop_row(qid)
        self._request_card()

    def on_card_loaded(self, message: CardLoaded) -> None:
        row = self.current_row()
        if row is not None and message.card.id == row.id:
            self.card = message.card
            self.card_view.show(message.card, message.speaker_names)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_columns)

    def _fit_columns(self) -> None:
        """The quote column takes whatever width the others leave; on a narrow terminal
        the others shrink first (status keeps just its icon), so confidence stays visible."""
        table = self.table
        widths = dict(WIDTHS if table.size.width >= WIDE else NARROW_WIDTHS)
        fixed = sum(widths.values()) + 2 * len(COLUMNS) + 2
        widths["quote"] = max(16, table.size.width - fixed)
        changed = False
        for key, width in widths.items():
            column = table.columns.get(key)  # type: ignore[call-overload]
            if column is not None and column.width != width:
                column.width = width
                changed = True
        if changed:
            table._require_update_dimensions = True
            table.refresh()

    @on(DataTable.RowHighlighted, "#queue-table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._request_card()
        if event.cursor_row >= len(self.order) - PREFETCH_MARGIN:
            self.load_more()

    def _request_card(self) -> None:
        row = self.current_row()
        if row is not None:
            self.workbench.load_card(self, row.id)

    # -- rows on screen -------------------------------------------------------------------

    def current_row(self) -> QueueRow | None:
        index = self.table.cursor_row
        if not self.order or index is None or not (0 <= index < len(self.order)):
            return None
        return self.rows[self.order[index]]

    def _cells(self, row: QueueRow) -> tuple[Text | str, ...]:
        status = Text(f"{STATUS_ICON.get(row.status, '?')} {row.status}")
        status.stylize(STATUS_STYLE.get(row.status, ""))
        selected = Text("●", style="bold magenta") if row.id in self.selection else " "
        speaker = Text(_clip(row.speaker, 18)) if row.speaker else Text("—", style="red")
        conf = Text(f"{row.confidence:.2f}", style="red" if row.confidence < 0.5 else "")
        return (
            selected,
            status,
            speaker,
            _clip(row.text, 160),
            _clip(row.outlet, 12),
            str(row.published or ""),
            conf,
        )

    def _put_row(self, row: QueueRow) -> None:
        """Replace a row in place (cells and the remembered version)."""
        if row.id not in self.rows:
            return
        self.rows[row.id] = row
        for (key, _), value in zip(COLUMNS, self._cells(row), strict=True):
            self.table.update_cell(str(row.id), key, value)

    def _drop_row(self, quote_id: int) -> None:
        self.rows.pop(quote_id, None)
        self.selection.discard(quote_id)
        if quote_id in self.order:
            self.order.remove(quote_id)
            self.table.remove_row(str(quote_id))

    def _advance(self) -> None:
        if self.table.cursor_row < len(self.order) - 1:
            self.table.move_cursor(row=self.table.cursor_row + 1, animate=False)

    # -- status line ----------------------------------------------------------------------

    def _describe_filter(self) -> Text:
        f = self.filter
        line = Text()
        line.append(f.status, style=STATUS_STYLE.get(f.status, "bold"))
        parts = []
        if f.speaker_id is not None:
            parts.append(f"speaker {self.filter_labels.get('speaker', f.speaker_id)}")
        elif f.speaker:
            parts.append(f"speaker {f.speaker}")
        if f.topic:
            parts.append(f"topic {f.topic}")
        if f.outlet:
            parts.append(f"outlet {f.outlet}")
        if f.article_id is not None:
            parts.append(f"article {self.filter_labels.get('article', f.article_id)}")
        if f.search:
            parts.append(f"search “{f.search}”")
        for p in parts:
            line.append(" · ")
            line.append(p, style="bold")
        return line

    def _show_summary(self) -> None:
        self.query_one("#filter-summary", Static).update(self._describe_filter())

    def _show_progress(self) -> None:
        line = Text()
        p = self.progress
        if p is not None:
            line.append(f"✔ {p.verified:,} verified", style="green")
            line.append("   ")
            line.append(f"✘ {p.rejected:,} rejected", style="red")
            line.append("   ")
            line.append(f"○ {p.unverified:,} remaining", style="yellow")
            line.append(f"   of {p.total:,}", style="dim")
        shown = f"   ·   {len(self.order):,} loaded"
        if self.next_key is not None:
            shown += "+"
        line.append(shown, style="dim")
        if self.selection:
            line.append(f"   ·   {len(self.selection)} selected", style="bold magenta")
        pending = self.workbench.writes_pending
        if pending:
            line.append(f"   ·   saving {pending}…", style="italic")
        if self.fetching:
            line.append("   ·   loading…", style="italic")
        self.query_one("#progress", Static).update(line)

    # -- filters --------------------------------------------------------------------------

    def set_filter(self, f: QueueFilter, labels: dict[str, str] | None = None) -> None:
        if labels is not None:
            self.filter_labels = labels
        if f == self.filter:
            return
        self.filter = f
        self.progress = None  # the old counts are for the old filter
        self.selection.clear()
        self.reload()

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
        row = self.current_row()
        self.reload(keep=row.id if row else None)

    # -- moving and selecting -------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self.table.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.table.action_cursor_up()

    def action_skip(self) -> None:
        self._advance()

    def action_toggle_select(self) -> None:
        row = self.current_row()
        if row is None:
            return
        self.selection ^= {row.id}
        self._put_row(row)
        self._advance()
        self._show_progress()

    def action_select_all(self) -> None:
        self.selection = set(self.order)
        for qid in self.order:
            self._put_row(self.rows[qid])
        self._show_progress()

    def action_clear_selection(self) -> None:
        if isinstance(self.focused, Input):
            self.table.focus()
            return
        if self.selection:
            old, self.selection = self.selection, set()
            for qid in old:
                if qid in self.rows:
                    self._put_row(self.rows[qid])
            self._show_progress()

    # -- decisions ------------------------------------------------------------------------

    def action_verify(self) -> None:
        self._decide("verified")

    def action_reject(self) -> None:
        self._decide("rejected")

    def action_unverify(self) -> None:
        self._decide("unverified", bulk=False)

    def _decide(self, decision: str, bulk: bool = True) -> None:
        if bulk and self.selection:
            self._bulk_decide(decision)
            return
        row = self.current_row()
        if row is None:
            self.app.bell()
            return
        qid, version = row.id, row.version
        # Shown at once; the service has the final word (and a Conflict puts the row back).
        self._put_row(replace(row, status=decision, version=version + 1))
        self._count_locally(row.status, decision)
        self.workbench.submit(
            decision,
            lambda s: s.decide(qid, decision, expected_version=version),  # type: ignore[arg-type]
            target=self,
            quote_ids=(qid,),
        )
        self._advance()
        self._show_progress()

    def _count_locally(self, old: str, new: str) -> None:
        """Move one quote between the progress counts now; the real count follows later."""
        p = self.progress
        if p is None or old == new:
            return
        counts = {"verified": p.verified, "rejected": p.rejected, "unverified": p.unverified}
        if counts.get(old, 0) > 0 and new in counts:
            counts[old] -= 1
            counts[new] += 1
            self.progress = Progress(**counts)

    def _progress_soon(self) -> None:
        """Recount once the curator pauses, not after every key: on a big database the
        count is the slowest query, and it would queue behind each decision."""
        if self._progress_timer is not None:
            self._progress_timer.stop()
        self._progress_timer = self.set_timer(
            PROGRESS_DELAY, lambda: self.workbench.load_progress(self, self.filter)
        )

    def _bulk_decide(self, decision: str) -> None:
        from quotes.tui.confirm import ConfirmScreen

        ids = [q for q in self.order if q in self.selection]
        versions = {q: self.rows[q].version for q in ids}
        verb = {"verified": "Verify", "rejected": "Reject"}[decision]

        def go(ok: bool | None) -> None:
            if ok:
                for q in ids:
                    self._put_row(replace(self.rows[q], status=decision))
                self.workbench.submit(
                    f"bulk_{decision}",
                    lambda s: s.bulk_decide(ids, decision, versions),  # type: ignore[arg-type]
                    target=self,
                    quote_ids=ids,
                )

        self.app.push_screen(ConfirmScreen(f"{verb} {len(ids)} selected quotes?", verb), go)

    # -- attribution ----------------------------------------------------------------------

    def action_reassign(self) -> None:
        from quotes.tui.confirm import ConfirmScreen
        from quotes.tui.speaker_picker import SpeakerPicker

        row = self.current_row()
        if row is None:
            self.app.bell()
            return
        ids = [q for q in self.order if q in self.selection]
        guess = row.speaker or (self.card.mention if self.card and self.card.id == row.id else "")
        title = f"Speaker of {len(ids)} selected quotes" if ids else f"Speaker of quote #{row.id}"

        def picked(speaker: Any) -> None:
            if speaker is None:
                return
            if not ids:
                self._put_row(replace(row, speaker=speaker.name, version=row.version + 1))
                self.workbench.submit(
                    "reassign",
                    lambda s: s.reassign(row.id, speaker.id, expected_version=row.version),
                    target=self,
                    quote_ids=(row.id,),
                )
                return

            def go(ok: bool | None) -> None:
                if ok:
                    self.workbench.submit(
                        "bulk_reassign",
                        lambda s: s.bulk_reassign(ids, speaker.id),
                        target=self,
                        quote_ids=ids,
                    )

            self.app.push_screen(
                ConfirmScreen(f"Attribute {len(ids)} selected quotes to {speaker.name}?", "Assign"),
                go,
            )

        self.app.push_screen(SpeakerPicker(title, guess or ""), picked)

    def action_set_type(self) -> None:
        from quotes.tui.choice import ChoiceScreen

        row = self.current_row()
        if row is None:
            return

        def chosen(value: str | None) -> None:
            if value is None or value == row.type:
                return
            self._put_row(replace(row, type=value, version=row.version + 1))
            self.workbench.submit(
                "set_type",
                lambda s: s.set_type(row.id, value, expected_version=row.version),
                target=self,
                quote_ids=(row.id,),
            )

        options = [("direct", "direct — the words as spoken"), ("indirect", "indirect — reported")]
        options.append(("mixed", "mixed — paraphrase with quoted words"))
        self.app.push_screen(ChoiceScreen(f"Type of quote #{row.id}", options, row.type), chosen)

    def action_edit_span(self) -> None:
        self._open_span_editor("span")

    def action_split(self) -> None:
        self._open_span_editor("split")

    def _open_span_editor(self, mode: str) -> None:
        row = self.current_row()
        if row is None:
            return
        self.workbench.fetch(self, f"span:{mode}:{row.id}", lambda s: s.quote_card(row.id))

    def on_fetched(self, message: Fetched) -> None:
        kind, _, rest = message.key.partition(":")
        if kind == "span":
            mode, _, qid = rest.partition(":")
            self._span_fetched(mode, int(qid), message.value)
        elif kind == "article":
            self._span_article(message.key, message.value)

    def _span_fetched(self, mode: str, quote_id: int, card: QuoteCard) -> None:
        # The editor needs the whole article text: the span may grow past the paragraph.
        self._span_card = card
        self.workbench.fetch(
            self, f"article:{mode}:{quote_id}", lambda s: s.article(card.article_id)
        )

    def _span_article(self, key: str, article: ArticleView) -> None:
        from quotes.tui.span_editor import SpanEditor

        _, mode, _ = key.split(":")
        card = self._span_card
        if card is None:
            return
        row = self.rows.get(card.id)
        version = row.version if row else card.version

        def done(result: tuple[int, int] | int | None) -> None:
            if result is None:
                return
            if isinstance(result, tuple):
                start, end = result
                self.workbench.submit(
                    "edit_span",
                    lambda s: s.edit_span(card.id, start, end, expected_version=version),
                    target=self,
                    quote_ids=(card.id,),
                )
            else:
                at = result
                self.workbench.submit(
                    "split",
                    lambda s: s.split_quote(card.id, at, expected_version=version),
                    target=self,
                    quote_ids=(card.id,),
                )

        self.app.push_screen(SpanEditor(article.text, card.start, card.end, mode), done)

    def action_merge_next(self) -> None:
        row = self.current_row()
        if row is None:
            return
        qid = row.id

        def merge(s: CurationService) -> int:
            article = s.article(row.article_id)
            ids = [q.id for q in article.quotes]
            me = article.quotes[ids.index(qid)]
            later = [q for q in article.quotes[ids.index(qid) + 1 :] if q.speaker == me.speaker]
            if not later:
                raise InvalidEdit("no later quote of the same speaker in this article to merge")
            s.merge_quotes(qid, later[0].id)
            return later[0].id

        self.workbench.submit("merge_quotes", merge, target=self, quote_ids=(qid,))

    # -- topics ---------------------------------------------------------------------------

    def action_tag(self) -> None:
        from quotes.tui.confirm import ConfirmScreen
        from quotes.tui.topic_picker import TopicChoice, TopicPicker

        row = self.current_row()
        if row is None:
            return
        ids = [q for q in self.order if q in self.selection]
        tags = self.card.topics if (self.card and self.card.id == row.id and not ids) else ()

        def chosen(choice: TopicChoice | None) -> None:
            if choice is None:
                return
            name = choice.name
            if ids:

                def go(ok: bool | None) -> None:
                    if ok:
                        self.workbench.submit(
                            "bulk_tag", lambda s: s.tag(ids, name), target=self, quote_ids=ids
                        )

                self.app.push_screen(
                    ConfirmScreen(f"Tag {len(ids)} selected quotes with “{name}”?", "Tag"), go
                )
                return
            jobs = {
                "tag": lambda s: s.tag(row.id, name),
                "untag": lambda s: s.untag(row.id, name),
                "dismiss": lambda s: s.dismiss_suggestion(row.id, name),
            }
            self.workbench.submit(choice.op, jobs[choice.op], target=self, quote_ids=(row.id,))

        title = f"Tag {len(ids)} selected quotes" if ids else f"Topics of quote #{row.id}"
        self.app.push_screen(TopicPicker(title, tags), chosen)

    def _suggestions(self, op: str) -> None:
        card = self.card
        row = self.current_row()
        if card is None or row is None or card.id != row.id:
            return
        names = [t.name for t in card.topics if t.origin == "suggested"]
        if not names:
            self.notify("No suggested topics on this quote")
            return

        def job(s: CurationService) -> int:
            return s.resolve_suggestions(card.id, accept=op == "accept")

        self.workbench.submit(f"{op}_suggestions", job, target=self, quote_ids=(card.id,))

    def action_accept_suggestions(self) -> None:
        self._suggestions("accept")

    def action_dismiss_suggestions(self) -> None:
        self._suggestions("dismiss")

    # -- elsewhere ------------------------------------------------------------------------

    def action_open_article(self) -> None:
        from quotes.tui.article import ArticleScreen

        row = self.current_row()
        if row is not None:
            self.app.push_screen(ArticleScreen(row.article_id, row.id))

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

    def action_export(self) -> None:
        from quotes.tui.exporting import export_csv
        from quotes.tui.prompt import PromptScreen

        f = self.filter
        ids = [q for q in self.order if q in self.selection]
        what = f"the {len(ids)} selected quotes" if ids else "the current filter"

        def chosen(path: str | None) -> None:
            if path:
                self.workbench.submit("export", lambda s: export_csv(s, f, path, ids), target=self)

        self.app.push_screen(
            PromptScreen(f"Export {what} to CSV", "./quotes-export.csv", "Path"), chosen
        )

    # -- answers to changes ---------------------------------------------------------------

    def after_write(self, message: Written) -> None:
        label, result = message.label, message.result
        if label == "export":
            count, path = result
            self.notify(f"Exported {count} quotes to {path}", title="Export")
            return
        if isinstance(result, UndoResult):
            missing = [q for q in result.entity_ids if q not in self.rows]
            if result.action in STRUCTURAL or missing:
                # Quotes came back that this page never loaded: reload, cursor on the first.
                self.reload(keep=result.entity_ids[0] if result.entity_ids else None)
            else:
                ids = tuple(q for q in result.entity_ids if q in self.rows)
                if ids:
                    self.workbench.load_rows(self, ids)
                    # Back to what was undone, so the curator can decide it again.
                    self.table.move_cursor(row=self.order.index(ids[0]), animate=False)
                self._request_card()
            self._progress_soon()
            return
        if label in STRUCTURAL:
            self.action_refresh()
            return
        if label in BULK_VERBS:
            self.action_clear_selection()
            verb = BULK_VERBS[label]
            self.notify(f"{verb} {len(message.quote_ids)} quotes")
        if isinstance(result, QueueRow):
            self._put_row(result)
        elif message.quote_ids:
            self.workbench.load_rows(self, message.quote_ids)
        if isinstance(result, QuoteCard) and self.current_row() is not None:
            self.card = result
            self.card_view.show(result)
        self._progress_soon()
        row = self.current_row()
        if row is not None and row.id in message.quote_ids:
            self._request_card()
        self._show_progress()

    def after_failure(self, message: WriteFailed) -> None:
        """Reload the rows the refused change touched, so the curator sees the truth."""
        if message.quote_ids:
            self.workbench.load_rows(self, message.quote_ids)
            first = message.quote_ids[0]
            if len(message.quote_ids) == 1 and first in self.rows:
                # Back to the refused quote: the curator decides it again, knowingly.
                self.table.move_cursor(row=self.order.index(first), animate=False)
        self._progress_soon()
        self._show_progress()
