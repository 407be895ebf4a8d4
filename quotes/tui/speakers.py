"""All speakers with their quote counts: verify, edit, add aliases, merge duplicates.

The list is re-read after every change (it is at most a few hundred rows) so counts and
merged-away duplicates are always what the database says.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Input, Static

from quotes.curation.views import SpeakerInfo
from quotes.tui.actions import Scope, bindings_for
from quotes.tui.base import WorkbenchScreen
from quotes.tui.inputs import TextInput
from quotes.tui.messages import Fetched, Written

LIMIT = 500


class SpeakersScreen(WorkbenchScreen):
    SCOPES: ClassVar[tuple[Scope, ...]] = ("speakers", "common")
    BINDINGS = bindings_for(*SCOPES)

    def __init__(self) -> None:
        super().__init__()
        self.speakers: list[SpeakerInfo] = []
        self.query_text = ""
        self._asked = 0
        self._timer: Timer | None = None
        self.keep: int | None = None

    def compose(self) -> ComposeResult:
        yield TextInput(placeholder="/ filter speakers by name or alias", id="speaker-search")
        yield DataTable(id="speaker-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="speaker-status")
        yield Footer()

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one("#speaker-table", DataTable)

    def on_mount(self) -> None:
        for label, width in (("✔", 1), ("name", 26), ("kind", 12), ("title", 26)):
            self.table.add_column(label, width=width)
        for label, width in (("organization", 18), ("quotes", 6), ("aliases", 30)):
            self.table.add_column(label, width=width)
        self.load()
        self.table.focus()

    def main_widget(self) -> None:
        self.table.focus()

    def load(self) -> None:
        self._asked += 1
        query = self.query_text or None
        self.workbench.fetch(
            self, f"speakers:{self._asked}", lambda s: s.speakers(query, limit=LIMIT)
        )

    def on_fetched(self, message: Fetched) -> None:
        if message.key != f"speakers:{self._asked}":
            return
        current = self.current()
        keep = self.keep if self.keep is not None else (current.id if current else None)
        self.keep = None
        self.speakers = message.value
        table = self.table
        table.clear()
        for s in self.speakers:
            aliases = ", ".join(a for a in s.aliases if a != s.name)
            table.add_row(
                Text("✔", style="green") if s.verified else " ",
                s.name,
                s.kind,
                s.title or "",
                s.organization or "",
                str(s.quote_count),
                aliases,
                key=str(s.id),
            )
        ids = [s.id for s in self.speakers]
        if keep in ids:
            table.move_cursor(row=ids.index(keep), animate=False)
        status = f"{len(self.speakers)} speakers"
        if len(self.speakers) >= LIMIT:
            status += f" (first {LIMIT}; type to filter)"
        self.query_one("#speaker-status", Static).update(Text(status, style="dim"))

    def current(self) -> SpeakerInfo | None:
        i = self.table.cursor_row
        if not self.speakers or i is None or not (0 <= i < len(self.speakers)):
            return None
        return self.speakers[i]

    @on(Input.Changed, "#speaker-search")
    def _search_changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        value = event.value.strip()

        def go() -> None:
            self.query_text = value
            self.load()

        self._timer = self.set_timer(0.2, go)

    @on(Input.Submitted, "#speaker-search")
    def _search_submitted(self, _: Input.Submitted) -> None:
        self.table.focus()

    def action_cursor_down(self) -> None:
        self.table.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.table.action_cursor_up()

    def action_search(self) -> None:
        self.query_one("#speaker-search", Input).focus()

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self.table.focus()
        else:
            super().action_back()

    # -- changes --------------------------------------------------------------------------

    def action_verify_speaker(self) -> None:
        s = self.current()
        if s is not None:
            flag = not s.verified
            self.workbench.submit(
                "verify_speaker", lambda svc: svc.verify_speaker(s.id, flag), target=self
            )

    def action_edit_speaker(self) -> None:
        from quotes.tui.speaker_form import SpeakerForm

        s = self.current()
        if s is not None:
            self.app.push_screen(SpeakerForm(speaker=s), self._changed)

    def action_new_speaker(self) -> None:
        from quotes.tui.speaker_form import SpeakerForm

        self.app.push_screen(SpeakerForm(), self._changed)

    def _changed(self, speaker: SpeakerInfo | None) -> None:
        if speaker is not None:
            self.keep = speaker.id
            self.load()

    def action_add_alias(self) -> None:
        from quotes.tui.prompt import PromptScreen

        s = self.current()
        if s is None:
            return

        def add(alias: str | None) -> None:
            if alias:
                self.workbench.submit(
                    "add_alias", lambda svc: svc.add_alias(s.id, alias), target=self
                )

        self.app.push_screen(PromptScreen(f"New alias for {s.name}", "", "alias"), add)

    def action_merge_speaker(self) -> None:
        from quotes.tui.confirm import ConfirmScreen
        from quotes.tui.speaker_picker import SpeakerPicker

        source = self.current()
        if source is None:
            return

        def picked(target: SpeakerInfo | None) -> None:
            if target is None:
                return

            def go(ok: bool | None) -> None:
                if ok:
                    self.keep = target.id
                    self.workbench.submit(
                        "merge_speakers",
                        lambda svc: svc.merge_speakers(source.id, target.id),
                        target=self,
                    )

            question = (
                f"Merge “{source.name}” ({source.quote_count} quotes) into “{target.name}”? "
                "(u undoes it)"
            )
            self.app.push_screen(ConfirmScreen(question, "Merge"), go)

        self.app.push_screen(
            SpeakerPicker(f"Merge {source.name} into…", "", exclude=source.id), picked
        )

    @on(DataTable.RowSelected, "#speaker-table")
    def _row_selected(self, _: DataTable.RowSelected) -> None:
        """The table takes enter for itself; selecting a row is the same as show_quotes."""
        self.action_show_quotes()

    def action_show_quotes(self) -> None:
        from quotes.tui.queue import QueueScreen

        s = self.current()
        if s is None:
            return
        self.app.pop_screen()
        if isinstance(self.app.screen, QueueScreen):
            self.app.screen.show_speaker(s.id, s.name)

    def after_write(self, message: Written) -> None:
        if message.label == "merge_speakers":
            self.notify(f"Merged into {message.result.name}")
        self.load()
