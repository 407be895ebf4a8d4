"""Narrow the queue by speaker, topic, outlet, article, confidence and dates, or to the
copies of statements whose outlets name different speakers (status and search live on the
queue).

The fields mean what `quotes export` options mean (`quotes.curation.filters` compiles both):
any case, a speaker by name, alias or surname, topics and outlets by their start. Each text
field completes from what the database holds (→ or tab at the end accepts), so a curator
sees whether a name exists before applying a filter that would show nothing.
"""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label

from quotes.curation import QueueFilter
from quotes.curation.filters import filter_from_fields
from quotes.curation.reads import FilterCompletions
from quotes.tui.base import workbench_app
from quotes.tui.inputs import TextInput
from quotes.tui.messages import Fetched
from quotes.tui.text import literal

COMPLETIONS_KEY = "filter-form:completions"


def _text(value: object) -> str:
    return "" if value is None else str(value)


class FilterScreen(ModalScreen[QueueFilter | None]):
    # One line per field, so the whole form fits an 80x24 terminal.
    DEFAULT_CSS = """
    FilterScreen .dialog { width: 76; max-width: 100%; }
    FilterScreen .filter-row { height: 1; }
    FilterScreen .filter-row Label { width: 12; }
    FilterScreen .filter-row Input { width: 1fr; height: 1; border: none; padding: 0 1; }
    FilterScreen .filter-row Input:focus { background: $boost; text-style: bold; }
    FilterScreen .filter-row .half { margin-right: 1; }
    FilterScreen .filter-row Checkbox { width: 1fr; border: none; padding: 0 1; height: 1; }
    FilterScreen .filter-row Checkbox:focus { background: $boost; }
    FilterScreen #f-error { color: $error; height: auto; display: none; }
    FilterScreen #f-error.shown { display: block; }
    """
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
        article = f.article_source or _text(f.article_id)
        with Vertical(classes="dialog"):
            yield Label("Filter the queue", classes="dialog-title")
            yield from self._row("Speaker", TextInput(speaker, id="f-speaker"))
            yield from self._row("Topic", TextInput(_text(f.topic), id="f-topic"))
            yield from self._row("Outlet", TextInput(_text(f.outlet), id="f-outlet"))
            yield from self._row(
                "Article",
                TextInput(article, placeholder="id, or source path / URL", id="f-article"),
            )
            with Horizontal(classes="filter-row"):
                yield Label("Confidence")
                yield TextInput(
                    _text(f.min_confidence), placeholder="from 0", id="f-min", classes="half"
                )
                yield TextInput(
                    _text(f.max_confidence), placeholder="to 1", id="f-max", classes="half"
                )
            with Horizontal(classes="filter-row"):
                yield Label("Published")
                yield TextInput(
                    _text(f.since), placeholder="since YYYY-MM-DD", id="f-since", classes="half"
                )
                yield TextInput(
                    _text(f.until), placeholder="until YYYY-MM-DD", id="f-until", classes="half"
                )
            with Horizontal(classes="filter-row"):
                yield Label("Conflicts")
                yield Checkbox(
                    "only copies naming different speakers",
                    f.conflicts,
                    id="f-conflicts",
                )
            yield Label("", id="f-error")
            yield Label(
                "any case · speaker by name, alias, surname or #id · topic and outlet by "
                "their start · → accepts a completion",
                classes="dialog-hint",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply (enter)", variant="primary", id="apply")
                yield Button("Cancel (esc)", id="cancel")

    @staticmethod
    def _row(label: str, field: Input) -> ComposeResult:
        with Horizontal(classes="filter-row"):
            yield Label(label)
            yield field

    def on_mount(self) -> None:
        self.query_one("#f-speaker", Input).focus()
        workbench_app(self).fetch(self, COMPLETIONS_KEY, lambda s: s.filter_completions())

    def on_fetched(self, message: Fetched) -> None:
        if message.key != COMPLETIONS_KEY:
            return
        found: FilterCompletions = message.value
        for widget_id, values in (
            ("f-speaker", found.speakers),
            ("f-topic", found.topics),
            ("f-outlet", found.outlets),
        ):
            self.query_one(f"#{widget_id}", Input).suggester = SuggestFromList(
                values, case_sensitive=False
            )

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    @on(Input.Submitted)
    def _submitted(self, _: Input.Submitted) -> None:
        self.action_apply()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "apply":
            self.action_apply()
        else:
            self.action_cancel()

    def action_apply(self) -> None:
        """The rules for what each field means are the filter's (`filter_from_fields`);
        a value it refuses stays on screen with the reason, nothing is applied."""
        try:
            result = filter_from_fields(
                self.current,
                speaker=self._value("f-speaker"),
                topic=self._value("f-topic"),
                outlet=self._value("f-outlet"),
                article=self._value("f-article"),
                min_confidence=self._value("f-min"),
                max_confidence=self._value("f-max"),
                since=self._value("f-since"),
                until=self._value("f-until"),
            )
        except ValueError as exc:
            error = self.query_one("#f-error", Label)
            error.update(literal(str(exc)))
            error.add_class("shown")
            return
        self.dismiss(replace(result, conflicts=self.query_one("#f-conflicts", Checkbox).value))

    def action_cancel(self) -> None:
        self.dismiss(None)
