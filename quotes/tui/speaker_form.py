"""Create a speaker, or edit one's name, kind, title and organization.

The form stays open until the service has accepted the change, so a refused name (say, an
alias that belongs to someone else) can be corrected instead of retyped.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from quotes.curation import Conflict
from quotes.curation.views import SpeakerInfo
from quotes.tui.base import workbench_app
from quotes.tui.inputs import TextInput
from quotes.tui.messages import WriteFailed, Written
from quotes.tui.text import literal

# The speaker kinds the schema allows (quotes.store.models.SPEAKER_KINDS).
KINDS = ("person", "organization", "other")


class SpeakerForm(ModalScreen[SpeakerInfo | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="speaker_form.cancel"),
        Binding("ctrl+s", "save", "Save", id="speaker_form.save"),
    ]

    def __init__(self, *, name: str = "", speaker: SpeakerInfo | None = None) -> None:
        super().__init__()
        self.speaker = speaker
        self.initial_name = speaker.name if speaker else name

    def compose(self) -> ComposeResult:
        s = self.speaker
        with Vertical(classes="dialog wide"):
            title = f"Edit speaker {s.name}" if s else "New speaker"
            yield Label(literal(title), classes="dialog-title")
            yield Label("Name")
            yield TextInput(self.initial_name, id="name")
            yield Label("Kind")
            yield Select(
                [(k, k) for k in KINDS],
                value=s.kind if s else "person",
                allow_blank=False,
                id="kind",
            )
            yield Label("Title (role)")
            yield TextInput(
                s.title or "" if s else "", placeholder="e.g. foreign minister", id="title"
            )
            yield Label("Organization")
            yield TextInput((s.organization or "") if s else "", placeholder="e.g. NATO", id="org")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field, and saves from the last one."""
        if event.input.id == "org":
            self.action_save()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        name = self.query_one("#name", Input).value.strip()
        kind = str(self.query_one("#kind", Select).value)
        title = self.query_one("#title", Input).value.strip()
        org = self.query_one("#org", Input).value.strip()
        if not name:
            self.notify("A speaker needs a name", severity="warning")
            return
        s = self.speaker
        if s is None:
            job = lambda svc: svc.create_speaker(  # noqa: E731
                name, kind=kind, title=title or None, organization=org or None
            )
        else:
            sid, version = s.id, s.version
            job = lambda svc: svc.update_speaker(  # noqa: E731
                sid,
                expected_version=version,
                name=name if name != s.name else None,
                kind=kind,
                title=title,
                organization=org,
            )
        label = "create_speaker" if s is None else "update_speaker"
        workbench_app(self).submit(label, job, target=self)

    def on_written(self, message: Written) -> None:
        self.dismiss(message.result)

    def on_write_failed(self, message: WriteFailed) -> None:
        """Refused as stale: close, so the list below re-reads and shows the speaker as it
        is now (this form's values are the old ones)."""
        if isinstance(message.error, Conflict):
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
