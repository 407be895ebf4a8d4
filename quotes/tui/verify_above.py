"""The queue's bulk verify above a confidence threshold (`V`).

Verifying hundreds of quotes unread is only sound when the curator sees, before saying yes,
how many that is and how many of them the model expects to be wrong. The rules (which
quotes, the expected errors, quotes another curator holds left out, the threshold in the
audit log, one undo step) are the service's (`quotes.curation.confidence`); this screen
layer asks for a threshold, puts the service's numbers into the question and says what
happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from quotes.tui.messages import Written
from quotes.tui.queue_base import QueueBase

if TYPE_CHECKING:  # the ORM loads after the first screen (issue 19: start-up)
    from quotes.curation import CurationService
    from quotes.curation.confidence import VerifyPreview

LABEL = "verify_above"


class VerifyAbovePreviewed(Message):
    """What a bulk verify at the typed threshold would take, before the curator confirms."""

    def __init__(self, preview: VerifyPreview) -> None:
        super().__init__()
        self.preview = preview


@dataclass(frozen=True)
class VerifiedAbove:
    """The answer to the confirmed change: what was previewed and how many it verified."""

    preview: VerifyPreview
    count: int


def _verify(service: CurationService, preview: VerifyPreview) -> VerifiedAbove:
    from quotes.curation import confidence

    return VerifiedAbove(preview, confidence.verify_above(service, preview))


class VerifyAboveQueue(QueueBase):
    """`V` on the queue: threshold, the count and expected errors, confirm, one change."""

    def action_verify_above(self) -> None:
        from quotes.curation import confidence
        from quotes.tui.prompt import PromptScreen

        def typed(text: str | None) -> None:
            if text is None:
                return  # cancelled
            try:
                threshold = confidence.parse_threshold(text)
            except ValueError as error:
                self.notify(str(error), title="Not done", severity="warning")
                return
            self.workbench.ask(
                self,
                lambda s: VerifyAbovePreviewed(confidence.preview_verify_above(s, threshold)),
            )

        self.app.push_screen(
            PromptScreen(
                "Verify every unverified quote with confidence at least (0 to 1)",
                f"{confidence.DEFAULT_THRESHOLD:g}",
                "Threshold",
            ),
            typed,
        )

    def on_verify_above_previewed(self, message: VerifyAbovePreviewed) -> None:
        from quotes.tui.confirm import ConfirmScreen

        preview = message.preview
        if not preview.quote_ids:
            text = f"No unverified quote has confidence >= {preview.threshold:.2f}."
            if preview.held_by_others:
                text += f" {preview.held_by_others} are held by other curators."
            self.notify(text, title="Nothing to verify")
            return

        def answered(ok: bool | None) -> None:
            if ok:
                # No quote ids: a refusal reloads nothing row by row (there may be thousands);
                # the answer reloads the page instead.
                self.workbench.submit(LABEL, lambda s: _verify(s, preview), target=self)

        self.app.push_screen(ConfirmScreen(preview.question(), "Verify"), answered)

    def verify_above_written(self, message: Written) -> bool:
        """Handle the bulk verify's answer; False for any other change."""
        result = message.result
        if message.label != LABEL or not isinstance(result, VerifiedAbove):
            return False
        self._decided(result.preview.quote_ids)
        n = result.count
        self.notify(
            f"Verified {n} quote{'s' if n != 1 else ''} at >= {result.preview.threshold:.2f} "
            "(u undoes it)",
            title="Verified",
        )
        row = self.current_row()
        self.reload(keep=row.id if row is not None else None)
        return True
