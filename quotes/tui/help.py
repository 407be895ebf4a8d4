"""Every key, grouped by screen, read from the same registry the bindings come from."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from quotes.tui.actions import SCOPE_TITLES, Scope, actions_for
from quotes.tui.text import literal


def keys_table(scope: Scope, keymap: dict[str, str] | None = None) -> Table:
    table = Table(
        title=SCOPE_TITLES[scope], title_justify="left", show_header=False, box=None, expand=True
    )
    table.add_column("key", style="bold #e5c07b", width=14, no_wrap=True)
    table.add_column("what")
    for action in actions_for(scope):
        if not action.in_help:  # shown once, with its family's first member
            continue
        # Text cells, not str: Rich parses a str cell as markup, and the keymap is user input.
        table.add_row(literal(action.keys_shown(keymap)), literal(action.description))
    return table


KEY_WIDTH = 14


@lru_cache(maxsize=8)
def help_text(scopes: tuple[Scope, ...], keymap: tuple[tuple[str, str], ...] = ()) -> Text:
    """Every key as one Text, built once per (screen, keymap) and shared by every open.

    Not Rich tables: a Table is measured and laid out again on every render, and that (not
    the lookup) made `?` take 270-445 ms; a Text of padded lines renders in a few. The
    cached Text is never changed after it is built (Static copies nothing, so it must not).
    """
    keys = dict(keymap)
    out = Text()
    for scope in scopes:
        out.append(SCOPE_TITLES[scope] + "\n", style="bold italic")
        for action in actions_for(scope):
            if not action.in_help:  # shown once, with its family's first member
                continue
            shown = literal(action.keys_shown(keys)).plain  # escaped: the keymap is user input
            out.append(f"{shown:<{KEY_WIDTH}} ", style="bold #e5c07b")
            out.append_text(literal(action.description))
            out.append("\n")
        out.append("\n")
    out.append("ctrl+p  command palette: every action above, by name", style="dim")
    return out


class HelpScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="help.close"),
    ]

    def __init__(self, scopes: tuple[Scope, ...] = ("queue", "common")) -> None:
        super().__init__()
        order: list[Scope] = [*scopes, *(s for s in SCOPE_TITLES if s not in scopes)]
        self.scopes = tuple(order)

    def compose(self) -> ComposeResult:
        keymap = getattr(self.app, "keymap", None) or {}
        with Vertical(classes="dialog wide tall", id="help"):
            yield Label("Keys", classes="dialog-title")
            with VerticalScroll():
                yield Static(help_text(self.scopes, tuple(sorted(keymap.items()))), id="help-keys")
            yield Label("esc to close", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)


def open_help(app: App[Any], scopes: tuple[Scope, ...]) -> None:
    """Show the keys for a screen: one HelpScreen per screen kind, built and laid out on the
    first `?` and installed, so every later open only shows it again (under 100 ms; a fresh
    screen is composed, styled and rendered each time, 270-445 ms on a busy machine)."""
    name = "help:" + ",".join(scopes)
    if not app.is_screen_installed(name):
        app.install_screen(HelpScreen(scopes), name)
    app.push_screen(name)
