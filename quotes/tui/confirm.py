"""Yes/no before a change to many rows or a merge: the count (or the merged text) is
stated, so nothing happens by surprise."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from quotes.tui.text import literal, literal_block


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y,enter", "confirm", "Yes", id="confirm.yes"),
        Binding("n,escape", "cancel", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, verb: str = "Yes") -> None:
        super().__init__()
        self.question = question
        self.verb = verb

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm"):
            # Questions quote names, topics and whole quotes (a merge preview): shown
            # literally, never as markup, and scrolled when long, so the buttons stay on
            # screen at 80x24.
            with VerticalScroll(id="confirm-question"):
                yield Label(literal_block(self.question), classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button(literal(f"{self.verb} (y)"), variant="primary", id="yes")
                yield Button(Text("Cancel (n)"), id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
