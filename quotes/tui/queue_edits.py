"""Fixing a quote from the queue: its speaker, type, span; splitting and merging.

Each action opens its dialog and submits the change with the version the curator saw; the
service refuses it if the quote changed meanwhile.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from quotes.curation.views import SpeakerInfo
from quotes.tui.queue_base import QueueBase
from quotes.tui.queue_messages import MergePreviewLoaded, SpanMode, SpanSourceLoaded

if TYPE_CHECKING:  # the ORM loads after the first screen (issue 19: start-up)
    from quotes.curation import CurationService

TYPE_OPTIONS = (
    ("direct", "direct — the words as spoken"),
    ("indirect", "indirect — reported"),
    ("mixed", "mixed — paraphrase with quoted words"),
)


class QueueEdits(QueueBase):
    # -- attribution ----------------------------------------------------------------------

    def action_reassign(self) -> None:
        from quotes.tui.confirm import ConfirmScreen
        from quotes.tui.speaker_picker import SpeakerPicker

        row = self.current_row()
        if row is None:
            self.app.bell()
            return
        ids = self.table.selected_ids()
        card = self.current_card()
        guess = row.speaker or (card.mention if card else "")
        title = f"Speaker of {len(ids)} selected quotes" if ids else f"Speaker of quote #{row.id}"

        def picked(speaker: SpeakerInfo | None) -> None:
            if speaker is None:
                return
            if not ids:
                self.table.put_row(replace(row, speaker=speaker.name, version=row.version + 1))
                self.workbench.submit(
                    "reassign",
                    lambda s: s.reassign(row.id, speaker.id, expected_version=row.version),
                    target=self,
                    quote_ids=(row.id,),
                )
                return

            def go(ok: bool | None) -> None:
                if ok:
                    self.workbench.submit(
                        "bulk_reassign",
                        lambda s: s.bulk_reassign(ids, speaker.id),
                        target=self,
                        quote_ids=ids,
                    )

            self.app.push_screen(
                ConfirmScreen(f"Attribute {len(ids)} selected quotes to {speaker.name}?", "Assign"),
                go,
            )

        current = card.speaker.id if card and card.speaker else None
        self.app.push_screen(SpeakerPicker(title, guess or "", candidates_of=current), picked)

    def action_set_type(self) -> None:
        from quotes.tui.choice import ChoiceScreen

        row = self.current_row()
        if row is None:
            return

        def chosen(value: str | None) -> None:
            if value is None or value == row.type:
                return
            self.table.put_row(replace(row, type=value, version=row.version + 1))
            self.workbench.submit(
                "set_type",
                lambda s: s.set_type(row.id, value, expected_version=row.version),
                target=self,
                quote_ids=(row.id,),
            )

        options = list(TYPE_OPTIONS)
        self.app.push_screen(ChoiceScreen(f"Type of quote #{row.id}", options, row.type), chosen)

    # -- span, split ----------------------------------------------------------------------

    def action_edit_span(self) -> None:
        self._open_span_editor("span")

    def action_split(self) -> None:
        self._open_span_editor("split")

    def _open_span_editor(self, mode: SpanMode) -> None:
        row = self.current_row()
        if row is None:
            return
        qid = row.id

        def job(s: CurationService) -> SpanSourceLoaded:
            # The editor needs the whole article text: the span may grow past the paragraph.
            card = s.quote_card(qid)
            return SpanSourceLoaded(mode, card, s.article(card.article_id))

        self.workbench.ask(self, job)

    def on_span_source_loaded(self, message: SpanSourceLoaded) -> None:
        from quotes.tui.span_editor import SpanEditor

        card = message.card
        row = self.rows.get(card.id)
        version = row.version if row else card.version

        def done(result: tuple[int, int] | int | None) -> None:
            if result is None:
                return
            if isinstance(result, tuple):
                start, end = result
                self.workbench.submit(
                    "edit_span",
                    lambda s: s.edit_span(card.id, start, end, expected_version=version),
                    target=self,
                    quote_ids=(card.id,),
                )
            else:
                at = result
                self.workbench.submit(
                    "split",
                    lambda s: s.split_quote(card.id, at, expected_version=version),
                    target=self,
                    quote_ids=(card.id,),
                )

        editor = SpanEditor(message.article.text, card.start, card.end, message.mode)
        self.app.push_screen(editor, done)

    # -- merge ----------------------------------------------------------------------------

    def action_merge_next(self) -> None:
        row = self.current_row()
        if row is None:
            return
        qid = row.id
        # Which quote is "the next of the same speaker" is the service's rule, and so is the
        # merged text: the curator sees exactly what would be stored before saying yes.
        self.workbench.ask(self, lambda s: MergePreviewLoaded(qid, s.merge_preview(qid)))

    def on_merge_preview_loaded(self, message: MergePreviewLoaded) -> None:
        from quotes.tui.confirm import ConfirmScreen

        qid, merged = message.quote_id, message.preview
        if merged is None:
            self.notify(
                "no later quote of the same speaker in this article to merge", severity="warning"
            )
            return

        def go(ok: bool | None) -> None:
            if ok:
                self.workbench.submit(
                    "merge_quotes",
                    lambda s: s.merge_with_next(qid, merged.version, merged.partner_id),
                    target=self,
                    quote_ids=(qid,),
                )

        question = f"Merge with the next quote of this speaker? (u undoes it)\n\n“{merged.text}”"
        self.app.push_screen(ConfirmScreen(question, "Merge"), go)
