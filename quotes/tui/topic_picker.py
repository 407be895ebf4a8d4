"""Tag or untag a quote: search existing topics, create a new one by typing its name.

What enter does depends on the topic's state for this quote (tag, accept the suggestion,
or untag), and the list says so on each line, so one key covers the common cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from quotes.curation.views import TopicInfo, TopicTag
from quotes.tui.inputs import TextInput
from quotes.tui.lists import move_highlight
from quotes.tui.messages import Fetched

Op = Literal["tag", "untag", "dismiss"]


@dataclass(frozen=True, slots=True)
class TopicChoice:
    name: str
    op: Op


class TopicPicker(ModalScreen[TopicChoice | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="topics.cancel"),
        Binding("down", "move(1)", show=False, id="topics.down"),
        Binding("up", "move(-1)", show=False, id="topics.up"),
        Binding("ctrl+d", "dismiss_topic", "Dismiss suggestion", id="topics.dismiss"),
    ]

    def __init__(self, title: str, tags: tuple[TopicTag, ...] = ()) -> None:
        super().__init__()
        self.title_text = title
        self.tags = {t.name.lower(): t for t in tags}
        self.names: list[str] = []
        self._asked = 0
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(self.title_text, classes="dialog-title")
            yield TextInput(placeholder="type a topic; a new name creates it", id="topic-input")
            yield OptionList(id="topic-list")
            yield Label(
                "enter tag / accept / untag · ctrl+d dismiss suggestion · esc cancel",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._search("")

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        value = event.value.strip()
        self._timer = self.set_timer(0.12, lambda: self._search(value))

    def _search(self, query: str) -> None:
        self._asked += 1
        self.app.fetch(  # type: ignore[attr-defined]
            self, f"topics:{self._asked}", lambda s: s.topics(query or None)
        )

    def _label(self, name: str, info: TopicInfo | None) -> str:
        tag = self.tags.get(name.lower())
        count = f"  [{info.quote_count} tagged]" if info and info.quote_count else ""
        if tag is None or tag.origin == "dismissed":
            return f"  {name}{count}"
        if tag.origin == "suggested":
            return f"? {name}  — suggested: enter accepts{count}"
        return f"✓ {name}  — tagged: enter untags{count}"

    def on_fetched(self, message: Fetched) -> None:
        if message.key != f"topics:{self._asked}":
            return
        topics: list[TopicInfo] = message.value
        query = self.query_one(Input).value.strip()
        # This quote's own topics first, then the rest.
        ordered = sorted(topics, key=lambda t: (t.name.lower() not in self.tags, t.name.lower()))
        ol = self.query_one(OptionList)
        ol.clear_options()
        self.names = []
        if query and not any(t.name.lower() == query.lower() for t in topics):
            self.names.append(query)
            ol.add_option(Option(f"+ Create topic “{query}”", id="0"))
        for t in ordered:
            ol.add_option(Option(self._label(t.name, t), id=str(len(self.names))))
            self.names.append(t.name)
        if ol.option_count:
            ol.highlighted = 0

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
        self._enter(self._highlighted())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._enter(self.names[event.option_index])

    def action_dismiss_topic(self) -> None:
        name = self._highlighted()
        if name is not None:
            self.dismiss(TopicChoice(name, "dismiss"))

    def action_cancel(self) -> None:
        self.dismiss(None)
