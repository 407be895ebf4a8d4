"""Pick a speaker by search over names and aliases, or create one on the spot.

The query starts as the extractor's guess, so confirming a right guess is one key and a
wrong one is a few letters away. The order is `quotes.curation.ranking`'s (exact, prefix,
word prefix, fuzzy; "+ New speaker" always last), and Enter acts on the results of exactly
the text in the box (`LiveSearch`), however fast it was typed.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from quotes.curation.ranking import is_exact
from quotes.curation.views import SpeakerInfo
from quotes.tui.base import workbench_app
from quotes.tui.inputs import TextInput
from quotes.tui.lists import move_highlight
from quotes.tui.live_search import LiveSearch
from quotes.tui.messages import Fetched
from quotes.tui.text import cell, literal

NEW = "__new__"
DELAY = 0.12


def describe(s: SpeakerInfo) -> Text:
    """One option line; a `Text`, since an option given as a str is parsed as markup."""
    details = ", ".join(p for p in (s.title, s.organization) if p)
    line = cell(s.name, 120)
    line.append(" ✔" if s.verified else "")
    if details:
        line.append(" — ")
        line.append_text(cell(details, 120))
    line.append(f"  [{s.quote_count} quotes]")
    aliases = [a for a in s.aliases if a != s.name][:3]
    if aliases:
        line.append("  (aka ")
        line.append_text(cell(", ".join(aliases), 120))
        line.append(")")
    return line


class SpeakerPicker(ModalScreen[SpeakerInfo | None]):
    # Seconds of quiet typing before the list refreshes; Enter never waits for it.
    search_delay: ClassVar[float] = DELAY
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("down", "move(1)", show=False, id="picker.down"),
        Binding("up", "move(-1)", show=False, id="picker.up"),
        Binding("ctrl+n", "new", "New speaker", id="picker.new"),
    ]

    def __init__(
        self,
        title: str,
        query: str = "",
        *,
        exclude: int | None = None,
        candidates_of: int | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.initial = query
        self.exclude = exclude
        # The quote's current speaker: if it is ambiguous, its candidates are offered first
        # while the box still holds the extractor's guess.
        self.candidates_of = candidates_of
        self.results: list[SpeakerInfo] = []
        self.search = LiveSearch("speakers")
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(literal(self.title_text), classes="dialog-title")
            yield TextInput(self.initial, placeholder="type a name or alias", id="picker-input")
            yield OptionList(id="picker-list")
            yield Label(
                "enter choose · ↑↓ move · ctrl+n new speaker · esc cancel", classes="dialog-hint"
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._search(self.initial.strip())

    def _text(self) -> str:
        return self.query_one(Input).value.strip()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.search.typed()
        if self._timer is not None:
            self._timer.stop()
        value = event.value.strip()
        if not self.search.asked_for(value):
            self._timer = self.set_timer(self.search_delay, lambda: self._search(value))

    def _search(self, query: str) -> None:
        key = self.search.ask(query)
        first = self.candidates_of if query == self.initial.strip() else None
        workbench_app(self).fetch(
            self, key, lambda s: s.search_speakers(query, limit=15, candidates_of=first)
        )

    def on_fetched(self, message: Fetched) -> None:
        if not self.search.answered(message.key):
            return
        self.results = [s for s in message.value if s.id != self.exclude]
        ol = self.query_one(OptionList)
        ol.clear_options()
        for s in self.results:
            ol.add_option(Option(describe(s), id=str(s.id)))
        query = self.search.shown_for or ""
        if query and not is_exact(query, [n for s in self.results for n in (s.name, *s.aliases)]):
            label = Text("+ New speaker “") + cell(query, 120) + Text("”…")
            ol.add_option(Option(label, id=NEW))
        if ol.option_count:
            ol.highlighted = 0
        self.search.shown()

    def action_move(self, delta: int) -> None:
        move_highlight(self.query_one(OptionList), delta)

    def on_input_submitted(self, _: Input.Submitted) -> None:
        """Act on the list of exactly the text in the box, asking for it if need be."""
        text = self._text()
        if not self.search.when_current(text, self._enter) and not self.search.asked_for(text):
            if self._timer is not None:
                self._timer.stop()
            self._search(text)

    def _enter(self) -> None:
        ol = self.query_one(OptionList)
        if ol.highlighted is None or not ol.option_count:
            if self._text():
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
