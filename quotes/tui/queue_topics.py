"""Topics from the queue: the picker, one key per card topic, and the suggestions at once.

Which topic a number means is `topic_keys`' rule; the queue only passes on the origin the
curator saw, so a key can never flip a topic someone else changed since.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotes.curation import topic_keys
from quotes.tui.queue_base import QueueBase

if TYPE_CHECKING:  # the ORM loads after the first screen (issue 19: start-up)
    from quotes.curation import CurationService


class QueueTopics(QueueBase):
    def action_tag(self) -> None:
        from quotes.tui.confirm import ConfirmScreen
        from quotes.tui.topic_picker import TopicChoice, TopicPicker

        row = self.current_row()
        if row is None:
            return
        ids = self.table.selected_ids()
        card = self.current_card()
        tags = card.topics if (card is not None and not ids) else ()

        def chosen(choice: TopicChoice | None) -> None:
            if choice is None:
                return
            name = choice.name
            if ids:

                def go(ok: bool | None) -> None:
                    if ok:
                        self.workbench.submit(
                            "bulk_tag", lambda s: s.tag(ids, name), target=self, quote_ids=ids
                        )

                self.app.push_screen(
                    ConfirmScreen(f"Tag {len(ids)} selected quotes with “{name}”?", "Tag"), go
                )
                return
            jobs = {
                "tag": lambda s: s.tag(row.id, name),
                "untag": lambda s: s.untag(row.id, name),
                "dismiss": lambda s: s.dismiss_suggestion(row.id, name),
            }
            self.workbench.submit(choice.op, jobs[choice.op], target=self, quote_ids=(row.id,))

        title = f"Tag {len(ids)} selected quotes" if ids else f"Topics of quote #{row.id}"
        self.app.push_screen(TopicPicker(title, tags), chosen)

    def _suggestions(self, op: str) -> None:
        card = self.current_card()
        if card is None:
            return
        names = [t.name for t in card.topics if t.origin == "suggested"]
        if not names:
            self.notify("No suggested topics on this quote")
            return

        def job(s: CurationService) -> int:
            return s.resolve_suggestions(card.id, accept=op == "accept")

        self.workbench.submit(f"{op}_suggestions", job, target=self, quote_ids=(card.id,))

    def action_accept_suggestions(self) -> None:
        self._suggestions("accept")

    def action_dismiss_suggestions(self) -> None:
        self._suggestions("dismiss")

    def action_toggle_topic(self, number: int) -> None:
        """Number keys: the card's topic `number` (`topic_keys`), toggled by the service with
        the origin the curator saw, so a key can never flip a topic someone changed since."""
        card = self.current_card()
        if card is None:
            self.app.bell()
            return
        keyed = topic_keys.numbered(card.topics)
        if number > len(keyed):
            self.notify(f"Quote #{card.id} has no topic {number}; t tags any topic")
            return
        tag = keyed[number - 1]
        self.workbench.submit(
            "toggle_topic",
            lambda s: s.toggle_topic(card.id, tag.topic_id, expected_origin=tag.origin),
            target=self,
            quote_ids=(card.id,),
        )
