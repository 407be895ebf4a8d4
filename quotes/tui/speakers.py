"""All speakers with their quote counts: verify, edit, add aliases, merge duplicates.

The list pages like the queue (keyset pages as the cursor nears the end, so it never stops
at a fixed length) and is re-read from the database whenever it could be stale: after every
change, after a refused one, on F5, and whenever the screen comes back (from a form, or when
re-entered with `2`). A re-read keeps the cursor on the same speaker, not the same line,
so the next key acts on the speaker the curator was looking at.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar
from weakref import WeakKeyDictionary

from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Input, Static

from quotes.curation.views import SpeakerInfo
from quotes.tui.actions import Scope, bindings_for
from quotes.tui.base import WorkbenchScreen
from quotes.tui.inputs import TextInput
from quotes.tui.messages import Fetched, WriteFailed, Written
from quotes.tui.navigation import QuoteBrowser
from quotes.tui.text import cell

if TYPE_CHECKING:  # the ORM loads after the first screen (issue 19: start-up)
    from quotes.curation.reads import SpeakerPage

PAGE = 200
PREFETCH_MARGIN = 20
# Where the cursor was when the screen was left (speaker id, rows loaded), per app: the
# screen is a new one each time `2` opens it, and must open where the curator left it.
_left_at: WeakKeyDictionary[App[Any], tuple[int, int]] = WeakKeyDictionary()


class SpeakersScreen(WorkbenchScreen):
    SCOPES: ClassVar[tuple[Scope, ...]] = ("speakers", "common")
    BINDINGS = bindings_for(*SCOPES)

    def __init__(self) -> None:
        super().__init__()
        self.speakers: list[SpeakerInfo] = []
        self.query_text = ""
        self.generation = 0
        self.next_key: tuple[Any, ...] | None = None
        self.fetching = False
        self._timer: Timer | None = None
        self.keep: int | None = None  # the speaker the pending reload puts the cursor on

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
        self.table.focus()

    def main_widget(self) -> None:
        self.table.focus()

    def on_screen_resume(self, _: events.ScreenResume) -> None:
        """First shown, back from a form or picker, re-entered: the rows are re-read. A
        reload already asked for with its own cursor target (a new speaker) goes ahead."""
        if self.fetching and self.keep is not None:
            return
        current = self.current()
        if current is not None:
            self.reload(keep=current.id)
            return
        left = _left_at.get(self.app)
        self.reload(keep=left[0] if left else None, rows=left[1] if left else 0)

    # -- loading --------------------------------------------------------------------------

    def reload(self, keep: int | None = None, *, rows: int = 0) -> None:
        """The first page again (as many rows as are loaded), the cursor on `keep`."""
        self.generation += 1
        self.fetching = True
        self.keep = keep
        limit = max(PAGE, len(self.speakers) + 1, rows + 1)
        query = self.query_text or None
        key = f"speakers:{self.generation}:reload"
        self.workbench.fetch(self, key, lambda s: s.speakers_page(query, limit=limit))

    def load_more(self) -> None:
        if self.fetching or self.next_key is None:
            return
        self.fetching = True
        query, after = self.query_text or None, self.next_key
        key = f"speakers:{self.generation}:more"
        self.workbench.fetch(self, key, lambda s: s.speakers_page(query, after=after, limit=PAGE))

    def on_fetched(self, message: Fetched) -> None:
        if not message.key.startswith(f"speakers:{self.generation}:"):
            return  # an answer for a search or a list the curator has already left
        page: SpeakerPage = message.value
        append = message.key.endswith(":more")
        table = self.table
        if not append:
            table.clear()
            self.speakers = []
        known = {s.id for s in self.speakers}
        for s in page.rows:
            if s.id in known:
                continue
            self.speakers.append(s)
            table.add_row(*self._cells(s), key=str(s.id))
        self.next_key = page.next_key
        self.fetching = False
        if not append:
            ids = [s.id for s in self.speakers]
            row = ids.index(self.keep) if self.keep in ids else 0
            if ids:
                table.move_cursor(row=row, animate=False)
            self.keep = None
        self._remember()
        status = f"{len(self.speakers)} speakers"
        if self.next_key is not None:
            status += " (more below)"
        self.query_one("#speaker-status", Static).update(Text(status, style="dim"))

    @staticmethod
    def _cells(s: SpeakerInfo) -> tuple[Text, ...]:
        aliases = ", ".join(a for a in s.aliases if a != s.name)
        # Never a bare str: DataTable would parse a name like "J. Doe [/]" as markup.
        return (
            Text("✔", style="green") if s.verified else Text(" "),
            cell(s.name, 200),
            cell(s.kind, 40),
            cell(s.title, 200),
            cell(s.organization, 200),
            Text(str(s.quote_count)),
            cell(aliases, 400),
        )

    def _remember(self) -> None:
        current = self.current()
        if current is not None:
            _left_at[self.app] = (current.id, len(self.speakers))

    @on(DataTable.RowHighlighted, "#speaker-table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._remember()
        if event.cursor_row >= len(self.speakers) - PREFETCH_MARGIN:
            self.load_more()

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
            self.reload()

        self._timer = self.set_timer(0.2, go)

    @on(Input.Submitted, "#speaker-search")
    def _search_submitted(self, _: Input.Submitted) -> None:
        self.table.focus()

    def action_cursor_down(self) -> None:
        self.table.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.table.action_cursor_up()

    def action_refresh(self) -> None:
        current = self.current()
        self.reload(keep=current.id if current else None)

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
        """Back from the form: saved or not (refused as stale, cancelled), re-read, the
        cursor on the speaker saved, else on the one it was on."""
        current = self.current()
        keep = speaker.id if speaker is not None else (current.id if current else None)
        self.reload(keep=keep)

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

    def action_remove_alias(self) -> None:
        """Pick one of the speaker's aliases (never its name) and take it off; `u` undoes."""
        from quotes.tui.choice import ChoiceScreen

        s = self.current()
        if s is None:
            return
        aliases = [a for a in s.aliases if a != s.name]
        if not aliases:
            self.notify(f"{s.name} has no alias to remove", severity="warning")
            return

        def remove(alias: str | None) -> None:
            if alias:
                self.workbench.submit(
                    "remove_alias", lambda svc: svc.remove_alias(s.id, alias), target=self
                )

        options = [(a, a) for a in aliases]
        self.app.push_screen(ChoiceScreen(f"Remove an alias of {s.name}", options, None), remove)

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
        s = self.current()
        if s is None:
            return
        self.app.pop_screen()
        queue = self.app.screen
        if isinstance(queue, QuoteBrowser):
            queue.show_speaker(s.id, s.name)

    def after_write(self, message: Written) -> None:
        current = self.current()
        keep = current.id if current else None
        if message.label == "merge_speakers":
            self.notify(f"Merged into {message.result.name}")
            keep = message.result.id  # the duplicate is gone from the list: its survivor
        self.reload(keep=keep)

    def after_failure(self, message: WriteFailed) -> None:
        """Refused (someone else changed the speaker): show what the database has now."""
        current = self.current()
        self.reload(keep=current.id if current else None)
