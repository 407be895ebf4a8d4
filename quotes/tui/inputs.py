"""The workbench's text input: blinks unless the app says not to, and shows its value safely.

A speaker form is pre-filled from the database and a curator can paste anything, so the
value may hold an ESC or a bidi override. The value itself is kept exactly (it is what gets
saved); only its picture on screen swaps each such character for one visible stand-in, so
the cursor, which counts characters of the value, stays where it belongs.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Input

from quotes.tui.text import input_safe


class TextInput(Input):
    def on_mount(self) -> None:
        self.cursor_blink = bool(getattr(self.app, "blink", True))

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        text = Text(input_safe(self.value), no_wrap=True, overflow="ignore", end="")
        if self.highlighter is not None:
            text = self.highlighter(text)
        return text

    def _position_to_cell(self, position: int) -> int:
        return cell_len(input_safe(self.value[:position]))
