"""The workbench's text input: blinks unless the app says not to (tests and screenshots)."""

from __future__ import annotations

from textual.widgets import Input


class TextInput(Input):
    def on_mount(self) -> None:
        self.cursor_blink = bool(getattr(self.app, "blink", True))
