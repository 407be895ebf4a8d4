"""Pick a speaker by fuzzy search over names and aliases, or create one on the spot.

The query starts as the extractor's guess, so confirming a right guess is one key and a
wrong one is a few letters away.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from quotes.curation.views import SpeakerInfo
from quotes.tui.inputs import TextInput
from quotes.tui.lists import move_highlight
from quotes.tui.messages import Fetched

NEW = "__new__"
DELAY = 0.12


def describe(s: SpeakerInfo) -> str:
    details = ", ".join(p for p in (s.title, s.organization) if p)
    mark = " ✔" if s.verified else ""
    extra = f" — {details}" if details else ""
    aliases = [a for a in s.aliases if a != s.name][:3]
    also = f"  (aka {', '.join(aliases)})" if aliases else ""
    return f"{s.name}{mark}{extra}  [{s.quote_count} quotes]{also}"


class SpeakerPicker(ModalScreen[SpeakerInfo | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("down", "move(1)", show=False, id="picker.down"),
        Binding("up", "move(-1)", show=False, id="picker.up"),
        Binding("ctrl+n", "new", "New speaker", id="picker.new"),
    ]

    def __init__(self, title: str, query: str = "", *, exclude: int | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.initial = query
        self.exclude = exclude
        self.results: list[SpeakerInfo] = []
        self._asked = 0
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(self.title_text, classes="dialog-title")
            yield TextInput(self.initial, placeholder="type a name or alias", id="picker-input")
            yield OptionList(id="picker-list")
            yield Label(
                "enter choose · ↑↓ move · ctrl+n new speaker · esc cancel", classes="dialog-hint"
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._search(self.initial)

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        value = event.value
        self._timer = self.set_timer(DELAY, lambda: self._search(value))

    def _search(self, query: str) -> None:
        self._asked += 1
        key = f"speakers:{self._asked}"
        self.app.fetch(self, key, lambda s: s.search_speakers(query, limit=15))  # type: ignore[attr-defined]

    def on_fetched(self, message: Fetched) -> None:
        if message.key != f"speakers:{self._asked}":
            return
        self.results = [s for s in message.value if s.id != self.exclude]
        ol = self.query_one(OptionList)
        ol.clear_options()
        for s in self.results:
            ol.add_option(Option(describe(s), id=str(s.id)))
        query = self.query_one(Input).value.strip()
        if query and not any(s.name.lower() == query.lower() for s in self.results):
            ol.add_option(Option(f"+ New speaker “{query}”…", id=NEW))
        if ol.option_count:
            ol.highlighted = 0

    def action_move(self, delta: int) -> None:
        move_highlight(self.query_one(OptionList), delta)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        ol = self.query_one(OptionList)
        if ol.highlighted is None or not ol.option_count:
            if event.value.strip():
                self.action_new()
            return
        self._choose(ol.get_option_at_index(ol.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id == NEW:
            self.action_new()
            return
        for s in self.results:
            if str(s.id) == option_id:
                self.dismiss(s)
                return

    def action_new(self) -> None:
        from quotes.tui.speaker_form import SpeakerForm

        def created(speaker: SpeakerInfo | None) -> None:
            if speaker is not None:
                self.dismiss(speaker)

        name = self.query_one(Input).value.strip()
        self.app.push_screen(SpeakerForm(name=name), created)

    def action_cancel(self) -> None:
        self.dismiss(None)
