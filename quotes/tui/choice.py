"""Pick one of a few fixed values (a quote's type) with the arrow keys or its number."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from quotes.tui.text import literal


class ChoiceScreen(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="choice.cancel"),
        Binding("1", "pick(0)", show=False, id="choice.1"),
        Binding("2", "pick(1)", show=False, id="choice.2"),
        Binding("3", "pick(2)", show=False, id="choice.3"),
        Binding("4", "pick(3)", show=False, id="choice.4"),
    ]

    def __init__(self, title: str, options: list[tuple[str, str]], current: str | None) -> None:
        super().__init__()
        self.title_text = title
        self.options = options
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(self.title_text), classes="dialog-title")
            yield OptionList(
                *[
                    Option(
                        literal(f"{i + 1}. {label}" + ("  (now)" if v == self.current else "")),
                        id=v,
                    )
                    for i, (v, label) in enumerate(self.options)
                ],
                id="choice-list",
            )
            keys = f"1-{len(self.options)}"
            yield Label(f"enter or {keys} to choose · esc to cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        ol = self.query_one(OptionList)
        ol.focus()
        values = [v for v, _ in self.options]
        if self.current in values:
            ol.highlighted = values.index(self.current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_pick(self, index: int) -> None:
        if index < len(self.options):
            self.dismiss(self.options[index][0])

    def action_cancel(self) -> None:
        self.dismiss(None)
