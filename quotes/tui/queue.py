"""The review queue: one key decides a quote and moves on.

Decisions show at once (the row turns verified, the cursor moves on) and are saved in the
background with the version the curator saw; if the row changed meanwhile, the change is
refused and the row reloaded. The screen is assembled from one module per concern:
`queue_base` (state and loading, with the `QueueTable` widget and the status lines),
`queue_filters` (what is shown), `queue_edits` (speaker, type, span, split, merge),
`queue_topics` and `team` (slices between curators); this module adds the decisions and
what the answers to changes do to the screen.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual.widgets import Input

from quotes.curation.views import ExportResult, QueueRow, QuoteCard, UndoResult
from quotes.tui.actions import Scope, bindings_for
from quotes.tui.messages import WriteFailed, Written
from quotes.tui.queue_edits import QueueEdits
from quotes.tui.queue_filters import SEARCH_DELAY, STATUS_CYCLE, QueueFilters
from quotes.tui.queue_status import moved_between_counts
from quotes.tui.queue_table import COLUMNS, NARROW_WIDTHS, WIDE, WIDTHS, QueueTable
from quotes.tui.queue_topics import QueueTopics
from quotes.tui.statement_copies import StatementCopiesActions
from quotes.tui.verify_above import VerifyAboveQueue

if TYPE_CHECKING:
    from quotes.curation import QuoteStatus

STRUCTURAL = {"split", "merge_quotes"}
BULK_VERBS = {
    "bulk_verified": "Verified",
    "bulk_rejected": "Rejected",
    "bulk_tag": "Tagged",
    "bulk_reassign": "Reassigned",
}

__all__ = [
    "BULK_VERBS",
    "COLUMNS",
    "NARROW_WIDTHS",
    "SEARCH_DELAY",
    "STATUS_CYCLE",
    "STRUCTURAL",
    "WIDE",
    "WIDTHS",
    "QueueScreen",
    "QueueTable",
]


class QueueScreen(QueueFilters, QueueEdits, QueueTopics, VerifyAboveQueue, StatementCopiesActions):
    SCOPES: ClassVar[tuple[Scope, ...]] = ("queue", "common")
    BINDINGS = bindings_for(*SCOPES)

    # -- moving and selecting -------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self.table.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.table.action_cursor_up()

    def action_skip(self) -> None:
        self.table.advance()

    def action_toggle_select(self) -> None:
        row = self.current_row()
        if row is None:
            return
        self.selection ^= {row.id}
        self.table.put_row(row)
        self.table.advance()
        self._show_progress()

    def action_select_all(self) -> None:
        self.selection = set(self.order)
        for qid in self.order:
            self.table.put_row(self.rows[qid])
        self._show_progress()

    def action_clear_selection(self) -> None:
        if isinstance(self.focused, Input):
            self.table.focus()
            return
        if self.selection:
            old, self.selection = self.selection, set()
            for qid in old:
                if qid in self.rows:
                    self.table.put_row(self.rows[qid])
            self._show_progress()

    # -- decisions ------------------------------------------------------------------------

    def action_verify(self) -> None:
        self._decide("verified")

    def action_reject(self) -> None:
        self._decide("rejected")

    def action_unverify(self) -> None:
        self._decide("unverified", bulk=False)

    def _decide(self, decision: QuoteStatus, bulk: bool = True) -> None:
        if bulk and self.selection:
            self._bulk_decide(decision)
            return
        row = self.current_row()
        if row is None:
            self.app.bell()
            return
        qid, version = row.id, row.version
        # Shown at once; the service has the final word (and a Conflict puts the row back).
        self.table.put_row(replace(row, status=decision, version=version + 1))
        self.progress = moved_between_counts(self.progress, row.status, decision)
        self.workbench.submit(
            decision,
            lambda s: s.decide(qid, decision, expected_version=version),
            target=self,
            quote_ids=(qid,),
        )
        self.table.advance()
        self._show_progress()

    def _bulk_decide(self, decision: QuoteStatus) -> None:
        from quotes.tui.confirm import ConfirmScreen

        ids = self.table.selected_ids()
        versions = {q: self.rows[q].version for q in ids}
        verb = {"verified": "Verify", "rejected": "Reject"}[decision]

        def go(ok: bool | None) -> None:
            if ok:
                for q in ids:
                    self.table.put_row(replace(self.rows[q], status=decision))
                self.workbench.submit(
                    f"bulk_{decision}",
                    lambda s: s.bulk_decide(ids, decision, versions),
                    target=self,
                    quote_ids=ids,
                )

        self.app.push_screen(ConfirmScreen(f"{verb} {len(ids)} selected quotes?", verb), go)

    # -- answers to changes ---------------------------------------------------------------

    def after_write(self, message: Written) -> None:
        if self.team_written(message) or self.verify_above_written(message):
            return
        label, result = message.label, message.result
        if isinstance(result, ExportResult):
            self.notify(f"Exported {result.count} quotes to {result.path}", title="Export")
            return
        if isinstance(result, UndoResult):
            self._after_undo(result)
            return
        if label in STRUCTURAL:
            self.action_refresh()
            return
        self.report_applied(result)
        if label in BULK_VERBS:
            self.action_clear_selection()
            verb = BULK_VERBS[label]
            self.notify(f"{verb} {len(message.quote_ids)} quotes")
        if isinstance(result, QueueRow):
            self.table.put_row(result)
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

    def _after_undo(self, result: UndoResult) -> None:
        missing = [q for q in result.entity_ids if q not in self.rows]
        if result.action in STRUCTURAL or missing:
            # Quotes came back that this page never loaded: reload, cursor on the first.
            self.reload(keep=result.entity_ids[0] if result.entity_ids else None)
        else:
            ids = tuple(q for q in result.entity_ids if q in self.rows)
            if ids:
                self.workbench.load_rows(self, ids)
                # Back to what was undone, so the curator can decide it again.
                self.table.move_to(ids[0])
            self._request_card()
        self._progress_soon()

    def after_failure(self, message: WriteFailed) -> None:
        """Reload the rows the refused change touched, so the curator sees the truth."""
        if message.quote_ids:
            self.workbench.load_rows(self, message.quote_ids)
            first = message.quote_ids[0]
            if len(message.quote_ids) == 1 and first in self.rows:
                # Back to the refused quote: the curator decides it again, knowingly.
                self.table.move_to(first)
        self._progress_soon()
        self._show_progress()
