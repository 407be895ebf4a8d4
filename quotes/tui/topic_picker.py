"""Tag or untag a quote: search existing topics, create a new one by typing its name.

What enter does depends on the topic's state for this quote (tag, accept the suggestion,
or untag), and the list says so on each line, so one key covers the common cases. Matches
come in `quotes.curation.ranking`'s order, existing topics always above "+ Create topic",
and Enter acts on the results of exactly the text in the box (`LiveSearch`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from quotes.curation.ranking import is_exact
from quotes.curation.views import TopicInfo, TopicTag
from quotes.tui.base import workbench_app
from quotes.tui.inputs import TextInput
from quotes.tui.lists import move_highlight
from quotes.tui.live_search import LiveSearch
from quotes.tui.messages import Fetched
from quotes.tui.text import cell, literal

Op = Literal["tag", "untag", "dismiss"]
DELAY = 0.12


@dataclass(frozen=True, slots=True)
class TopicChoice:
    name: str
    op: Op


class TopicPicker(ModalScreen[TopicChoice | None]):
    # Seconds of quiet typing before the list refreshes; Enter never waits for it.
    search_delay: ClassVar[float] = DELAY
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="topics.cancel"),
        Binding("down", "move(1)", show=False, id="topics.down"),
        Binding("up", "move(-1)", show=False, id="topics.up"),
        # Priority: the search box would otherwise take ctrl+d as "delete right".
        Binding(
            "ctrl+d", "dismiss_topic", "Dismiss suggestion", id="topics.dismiss", priority=True
        ),
    ]

    def __init__(self, title: str, tags: tuple[TopicTag, ...] = ()) -> None:
        super().__init__()
        self.title_text = title
        self.tags = {t.name.lower(): t for t in tags}
        self.names: list[str] = []
        self.search = LiveSearch("topics")
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(literal(self.title_text), classes="dialog-title")
            yield TextInput(placeholder="type a topic; a new name creates it", id="topic-input")
            yield OptionList(id="topic-list")
            yield Label(
                "enter tag / accept / untag · ctrl+d dismiss suggestion · esc cancel",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._search("")

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
        workbench_app(self).fetch(self, key, lambda s: s.topics(query or None))

    def _label(self, name: str, info: TopicInfo | None) -> Text:
        """A `Text`, never a str: an option's str is parsed as markup ("Sanctions [EU]")."""
        tag = self.tags.get(name.lower())
        count = f"  [{info.quote_count} tagged]" if info and info.quote_count else ""
        if tag is None or tag.origin == "dismissed":
            prefix, suffix = "  ", count
        elif tag.origin == "suggested":
            prefix, suffix = "? ", f"  — suggested: enter accepts{count}"
        else:
            prefix, suffix = "✓ ", f"  — tagged: enter untags{count}"
        return Text(prefix) + cell(name, 200) + Text(suffix)

    def on_fetched(self, message: Fetched) -> None:
        if not self.search.answered(message.key):
            return
        topics: list[TopicInfo] = message.value
        query = self.search.shown_for or ""
        # With a query the service's ranking stands (a better match is never pushed down);
        # without one, this quote's own topics come first, then the rest by name.
        ordered = (
            topics
            if query
            else sorted(topics, key=lambda t: (t.name.lower() not in self.tags, t.name.lower()))
        )
        ol = self.query_one(OptionList)
        ol.clear_options()
        self.names = []
        for t in ordered:
            ol.add_option(Option(self._label(t.name, t), id=str(len(self.names))))
            self.names.append(t.name)
        if query and not is_exact(query, [t.name for t in topics]):
            label = Text("+ Create topic “") + cell(query, 200) + Text("”")
            ol.add_option(Option(label, id=str(len(self.names))))
            self.names.append(query)
        if ol.option_count:
            ol.highlighted = 0
        self.search.shown()

    def action_move(self, delta: int) -> None:
        move_highlight(self.query_one(OptionList), delta)

    def _highlighted(self) -> str | None:
        ol = self.query_one(OptionList)
        if ol.highlighted is None or not self.names:
            return None
        return self.names[ol.highlighted]

    def _enter(self, name: str | None) -> None:
        if name is None:
            return
        tag = self.tags.get(name.lower())
        op: Op = "untag" if tag is not None and tag.origin == "curator" else "tag"
        self.dismiss(TopicChoice(name, op))

    def on_input_submitted(self, _: Input.Submitted) -> None:
        self._when_current(lambda: self._enter(self._highlighted()))

    def _when_current(self, act: Callable[[], None]) -> None:
        """Act on the list of exactly the text in the box, asking for it if need be."""
        text = self._text()
        if not self.search.when_current(text, act) and not self.search.asked_for(text):
            if self._timer is not None:
                self._timer.stop()
            self._search(text)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._enter(self.names[event.option_index])

    def action_dismiss_topic(self) -> None:
        def dismiss_highlighted() -> None:
            name = self._highlighted()
            if name is not None:
                self.dismiss(TopicChoice(name, "dismiss"))

        self._when_current(dismiss_highlighted)

    def action_cancel(self) -> None:
        self.dismiss(None)
