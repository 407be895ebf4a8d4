"""The queue's table: the loaded rows, their order on screen and the curator's selection.

The table keeps its own bookkeeping (row by id, order, selection) next to the cells, so the
screen never has to keep two copies of what is on screen in step by hand.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from quotes.curation.views import QueueRow
from quotes.tui.quote_card import STATUS_ICON, STATUS_STYLE
from quotes.tui.text import cell

COLUMNS: tuple[tuple[str, str], ...] = (
    ("sel", " "),
    ("status", "status"),
    ("speaker", "speaker"),
    ("quote", "quote"),
)
COLUMNS += (("outlet", "outlet"), ("date", "date"), ("conf", "conf"))
WIDTHS = {"sel": 1, "status": 12, "speaker": 18, "outlet": 12, "date": 10, "conf": 4}
NARROW_WIDTHS = {"sel": 1, "status": 1, "speaker": 14, "outlet": 8, "date": 10, "conf": 4}
WIDE = 110


class QueueTable(DataTable[Any]):
    """Rows keyed by quote id; the cursor, selection and cells always describe one state."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.rows_by_id: dict[int, QueueRow] = {}
        self.order: list[int] = []
        self.selection: set[int] = set()

    def add_columns_for_queue(self) -> None:
        for key, label in COLUMNS:
            self.add_column(label, key=key, width=WIDTHS.get(key, 30))

    def reset(self) -> None:
        self.clear()
        self.rows_by_id.clear()
        self.order.clear()

    def append_rows(self, rows: list[QueueRow]) -> None:
        for row in rows:
            if row.id in self.rows_by_id:
                continue
            self.rows_by_id[row.id] = row
            self.order.append(row.id)
            self.add_row(*self.cells(row), key=str(row.id))

    def current_row(self) -> QueueRow | None:
        index = self.cursor_row
        if not self.order or index is None or not (0 <= index < len(self.order)):
            return None
        return self.rows_by_id[self.order[index]]

    def move_to(self, quote_id: int) -> None:
        self.move_cursor(row=self.order.index(quote_id), animate=False)

    def selected_ids(self) -> list[int]:
        """The selection in screen order (what bulk actions act on)."""
        return [q for q in self.order if q in self.selection]

    def cells(self, row: QueueRow) -> tuple[Text, ...]:
        status = Text(f"{STATUS_ICON.get(row.status, '?')} {row.status}")
        status.stylize(STATUS_STYLE.get(row.status, ""))
        selected = Text("●", style="bold magenta") if row.id in self.selection else Text(" ")
        speaker = cell(row.speaker, 18) if row.speaker else Text("—", style="red")
        conf = Text(f"{row.confidence:.2f}", style="red" if row.confidence < 0.5 else "")
        # Never a bare str: DataTable would parse it as markup.
        return (
            selected,
            status,
            speaker,
            cell(row.text, 160),
            cell(row.outlet, 12),
            Text(str(row.published or "")),
            conf,
        )

    def put_row(self, row: QueueRow) -> None:
        """Replace a row in place (cells and the remembered version)."""
        if row.id not in self.rows_by_id:
            return
        self.rows_by_id[row.id] = row
        for (key, _), value in zip(COLUMNS, self.cells(row), strict=True):
            self.update_cell(str(row.id), key, value)

    def drop_row(self, quote_id: int) -> None:
        self.rows_by_id.pop(quote_id, None)
        self.selection.discard(quote_id)
        if quote_id in self.order:
            self.order.remove(quote_id)
            self.remove_row(str(quote_id))

    def advance(self) -> None:
        if self.cursor_row < len(self.order) - 1:
            self.move_cursor(row=self.cursor_row + 1, animate=False)

    def fit_columns(self) -> None:
        """The quote column takes whatever width the others leave; on a narrow terminal
        the others shrink first (status keeps just its icon), so confidence stays visible."""
        widths = dict(WIDTHS if self.size.width >= WIDE else NARROW_WIDTHS)
        fixed = sum(widths.values()) + 2 * len(COLUMNS) + 2
        widths["quote"] = max(16, self.size.width - fixed)
        changed = False
        for key, width in widths.items():
            column = self.columns.get(ColumnKey(key))
            if column is not None and column.width != width:
                column.width = width
                changed = True
        if not changed:
            return
        if self.order:
            # Widths have no setter of their own: re-setting one cell with update_width is
            # the public way to make the table re-measure its columns and redraw every line.
            key = str(self.order[0])
            self.update_cell(key, "sel", self.get_cell(key, "sel"), update_width=True)
        else:  # nothing to re-measure: new columns with the new widths cost nothing
            self.clear(columns=True)
            for key, label in COLUMNS:
                self.add_column(label, key=key, width=widths[key])
