"""Every key, grouped by screen, read from the same registry the bindings come from."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from quotes.tui.actions import SCOPE_TITLES, Scope, actions_for


def keys_table(scope: Scope, keymap: dict[str, str] | None = None) -> Table:
    table = Table(
        title=SCOPE_TITLES[scope], title_justify="left", show_header=False, box=None, expand=True
    )
    table.add_column("key", style="bold #e5c07b", width=14, no_wrap=True)
    table.add_column("what")
    for action in actions_for(scope):
        table.add_row(action.keys_shown(keymap), action.description)
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="help.close"),
    ]

    def __init__(self, scopes: tuple[Scope, ...] = ("queue", "common")) -> None:
        super().__init__()
        order: list[Scope] = [*scopes, *(s for s in SCOPE_TITLES if s not in scopes)]
        self.scopes = order

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide tall", id="help"):
            yield Label("Keys", classes="dialog-title")
            with VerticalScroll():
                parts = []
                for scope in self.scopes:
                    keymap = getattr(self.app, "keymap", None)
                    parts += [keys_table(scope, keymap), Text()]
                parts.append(
                    Text("ctrl+p  command palette: every action above, by name", style="dim")
                )
                yield Static(Group(*parts))
            yield Label("esc to close", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
