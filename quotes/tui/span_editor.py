"""Move a quote's boundaries (or choose where to split it) with keys, watching the result.

Nothing is saved until enter: the edges move on a local copy, shown live in the article
text, and the service gets one `edit_span` (or `split_quote`) with the version the curator saw.
"""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from quotes.tui.quote_card import OTHER_QUOTE_STYLE, QUOTE_STYLE
from quotes.tui.text import highlighted, literal_block

Edge = Literal["start", "end", "split"]
EDGE_STYLE = "bold reverse #e06c75"


def _is_word(ch: str) -> bool:
    return not ch.isspace()


def move_edge(text: str, pos: int, step: int, unit: str, edge: Edge) -> int:
    """Where an edge lands after one step (unit "char" or "word") left (-1) or right (+1).

    A start edge lands on the first letter of a word, an end edge just after the last one,
    so a word step never leaves a quote starting or ending in whitespace.
    """
    n = len(text)
    if unit == "char":
        return max(0, min(n, pos + step))
    if edge in ("start", "split"):
        if step > 0:
            while pos < n and _is_word(text[pos]):
                pos += 1
            while pos < n and not _is_word(text[pos]):
                pos += 1
        else:
            while pos > 0 and not _is_word(text[pos - 1]):
                pos -= 1
            while pos > 0 and _is_word(text[pos - 1]):
                pos -= 1
        return pos
    if step > 0:
        while pos < n and not _is_word(text[pos]):
            pos += 1
        while pos < n and _is_word(text[pos]):
            pos += 1
    else:
        while pos > 0 and _is_word(text[pos - 1]):
            pos -= 1
        while pos > 0 and not _is_word(text[pos - 1]):
            pos -= 1
    return pos


def default_split(text: str, start: int, end: int) -> int:
    """After the first sentence inside the quote, else at the word nearest the middle."""
    for i in range(start + 1, end - 1):
        if text[i - 1] in ".!?" and text[i].isspace():
            return i + 1
    return move_edge(text, (start + end) // 2, -1, "word", "split") or start + 1


class SpanEditor(ModalScreen[tuple[int, int] | int | None]):
    BINDINGS = [
        Binding("left", "step(-1, 'word')", "Word left", id="span.word_left"),
        Binding("right", "step(1, 'word')", "Word right", id="span.word_right"),
        Binding("shift+left,h", "step(-1, 'char')", "Char left", id="span.char_left"),
        Binding("shift+right,l", "step(1, 'char')", "Char right", id="span.char_right"),
        Binding("tab", "switch_edge", "Start/end", id="span.switch"),
        Binding("enter", "save", "Save", id="span.save"),
        Binding("escape", "cancel", "Cancel", id="span.cancel"),
    ]

    def __init__(self, text: str, start: int, end: int, mode: str = "span") -> None:
        super().__init__()
        self.text = text
        self.orig = (start, end)
        self.start, self.end = start, end
        self.mode = mode
        self.edge: Edge = "split" if mode == "split" else "end"
        self.split_at = default_split(text, start, end)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            title = "Split the quote" if self.mode == "split" else "Fix the quote's span"
            yield Label(title, classes="dialog-title")
            with VerticalScroll(id="span-view"):
                yield Static(id="span-text")
            yield Static(id="span-info")
            hint = "←→ word · shift+←→ or h/l char · enter save · esc cancel"
            if self.mode != "split":
                hint = "tab start/end · " + hint
            yield Label(hint, classes="dialog-hint")

    def on_mount(self) -> None:
        self._redraw()

    def _window(self) -> tuple[int, int]:
        lo, hi = min(self.start, self.orig[0]), max(self.end, self.orig[1])
        left = self.text.rfind("\n", 0, lo) + 1
        right = self.text.find("\n", hi)
        return left, len(self.text) if right == -1 else right

    def _redraw(self) -> None:
        left, right = self._window()
        shown = self.text[left:right]
        s, e = self.start - left, self.end - left
        # Offsets index the stored text; `highlighted` maps them onto its escaped picture,
        # so an edge on an escaped character marks the whole escape.
        spans: list[tuple[int, int, str]] = []
        if self.mode == "split":
            at = self.split_at - left
            spans += [(s, at, QUOTE_STYLE), (at, e, OTHER_QUOTE_STYLE)]
            if at < len(shown):
                spans.append((at, at + 1, EDGE_STYLE))
        else:
            spans.append((s, e, QUOTE_STYLE))
            mark = s if self.edge == "start" else max(e - 1, s)
            spans.append((mark, mark + 1, EDGE_STYLE))
        self.query_one("#span-text", Static).update(highlighted(shown, spans, lines=True))
        info = Text()
        if self.mode == "split":
            info.append(f"split at {self.split_at}", style="bold")
            first = self.text[self.start : self.split_at].strip()
            second = self.text[self.split_at : self.end].strip()
            info.append_text(literal_block(f"\n1: “{first}”\n2: “{second}”"))
        else:
            ds, de = self.start - self.orig[0], self.end - self.orig[1]
            info.append("editing ", style="dim")
            info.append(self.edge.upper(), style="bold")
            info.append(f"   start {self.start} ({ds:+d})   end {self.end} ({de:+d})")
            info.append(f"   {self.end - self.start} chars", style="dim")
            info.append_text(literal_block(f"\n“{self.text[self.start : self.end]}”"))
        self.query_one("#span-info", Static).update(info)

    def action_step(self, step: int, unit: str) -> None:
        if self.mode == "split":
            at = move_edge(self.text, self.split_at, step, unit, "split")
            if self.start < at < self.end:
                self.split_at = at
        elif self.edge == "start":
            self.start = min(move_edge(self.text, self.start, step, unit, "start"), self.end - 1)
        else:
            self.end = max(move_edge(self.text, self.end, step, unit, "end"), self.start + 1)
        self._redraw()

    def action_switch_edge(self) -> None:
        if self.mode != "split":
            self.edge = "start" if self.edge == "end" else "end"
            self._redraw()

    def action_save(self) -> None:
        if self.mode == "split":
            self.dismiss(self.split_at)
        elif (self.start, self.end) == self.orig:
            self.dismiss(None)
        else:
            self.dismiss((self.start, self.end))

    def action_cancel(self) -> None:
        self.dismiss(None)
