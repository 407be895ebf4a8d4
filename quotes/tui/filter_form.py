"""Narrow the queue by speaker, topic, outlet and article (status and search live on the queue)."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from quotes.curation import QueueFilter
from quotes.tui.inputs import TextInput


class FilterScreen(ModalScreen[QueueFilter | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="filters.cancel"),
        Binding("ctrl+s", "apply", "Apply", id="filters.apply"),
    ]

    def __init__(self, current: QueueFilter) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        f = self.current
        speaker = f.speaker or ("" if f.speaker_id is None else f"#{f.speaker_id}")
        with Vertical(classes="dialog wide"):
            yield Label("Filter the queue", classes="dialog-title")
            yield Label("Speaker (name or alias; #id)")
            yield TextInput(speaker, id="f-speaker")
            yield Label("Topic")
            yield TextInput(f.topic or "", id="f-topic")
            yield Label("Outlet")
            yield TextInput(f.outlet or "", id="f-outlet")
            yield Label("Article id")
            yield TextInput(
                "" if f.article_id is None else str(f.article_id), id="f-article", type="integer"
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply (enter)", variant="primary", id="apply")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#f-speaker", Input).focus()

    def _value(self, widget_id: str) -> str | None:
        return self.query_one(f"#{widget_id}", Input).value.strip() or None

    def on_input_submitted(self, _: Input.Submitted) -> None:
        self.action_apply()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "apply":
            self.action_apply()
        else:
            self.action_cancel()

    def action_apply(self) -> None:
        speaker = self._value("f-speaker")
        speaker_id = None
        if speaker and speaker.startswith("#") and speaker[1:].isdigit():
            speaker_id, speaker = int(speaker[1:]), None
        article = self._value("f-article")
        self.dismiss(
            replace(
                self.current,
                speaker=speaker,
                speaker_id=speaker_id,
                topic=self._value("f-topic"),
                outlet=self._value("f-outlet"),
                article_id=int(article) if article else None,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
