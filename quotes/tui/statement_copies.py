"""Verify once from the queue: one decision, speaker or topic for every copy of a statement.

A wire line runs in dozens of papers; deciding each copy again is wasted work, but applying
blindly would overwrite what colleagues decided. So `g` asks what to apply, then asks the
service what it would reach now (copies another curator decided or holds are left alone,
by the service's rule) and states that count before anything happens. The change itself is
one service call: one transaction, one audit group, so one `u` takes it all back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from textual.message import Message

from quotes.curation.views import QuoteCard
from quotes.tui.queue_base import QueueBase

if TYPE_CHECKING:
    from quotes.curation import CurationService, QuoteStatus
    from quotes.curation.statement_copies import StatementApplied, StatementReach
    from quotes.tui.topic_picker import TopicChoice

What = Literal["verified", "rejected", "speaker", "topic"]
_WHAT: dict[str, What] = {w: w for w in ("verified", "rejected", "speaker", "topic")}
_DECISIONS: dict[What, QuoteStatus] = {"verified": "verified", "rejected": "rejected"}


@dataclass(frozen=True, slots=True)
class CopiesPlan:
    """What the curator chose to apply, and to which statement's copies."""

    statement_id: int
    what: What
    quote_ids: tuple[int, ...]  # every copy, so the queue refreshes the rows it shows
    speaker_id: int | None = None
    speaker_name: str = ""
    topic: str = ""
    conflict: bool = False  # the copies name different speakers

    def question(self, reach: StatementReach) -> str:
        """The confirmation, with the count that will change and the count left alone."""
        n = reach.open
        copies = f"{n} cop{'y' if n == 1 else 'ies'}"
        ask = {
            "verified": f"Verify {copies} of this statement?",
            "rejected": f"Reject {copies} of this statement?",
            "speaker": f"Attribute {copies} of this statement to {self.speaker_name}?",
            "topic": f"Tag {copies} of this statement with “{self.topic}”?",
        }[self.what]
        lines = [ask, *left_alone(reach.decided_by_others, reach.held_by_others)]
        if self.conflict and self.what in _DECISIONS:
            # A decision keeps each copy's own speaker: the conflict stays until one is fixed.
            lines.append("The copies name different speakers: each keeps its own.")
        return "\n".join(lines)

    @property
    def verb(self) -> str:
        return {"verified": "Verify", "rejected": "Reject", "speaker": "Assign", "topic": "Tag"}[
            self.what
        ]

    def apply(self, service: CurationService) -> CopiesApplied:
        applied = service.apply_to_statement(
            self.statement_id,
            decision=_DECISIONS.get(self.what),
            speaker_id=self.speaker_id if self.what == "speaker" else None,
            topic=self.topic if self.what == "topic" else None,
        )
        return CopiesApplied(self, applied)


def left_alone(decided: int, held: int) -> list[str]:
    """The copies the action will not touch, in the curator's words (nothing when none)."""
    lines = []
    if decided:
        lines.append(f"{decided} decided by others will be left alone.")
    if held:
        lines.append(f"{held} held by another curator will be left alone.")
    return lines


@dataclass(frozen=True, slots=True)
class CopiesApplied:
    """The service's answer, with the plan that asked for it (for the status message)."""

    plan: CopiesPlan
    applied: StatementApplied

    def summary(self) -> str:
        a = self.applied
        done = {"verified": "Verified", "rejected": "Rejected", "speaker": "Reassigned"}
        verb = done.get(self.plan.what, "Tagged")
        line = f"{verb} {a.changed} of {a.copies} copies of statement #{a.statement_id}"
        if a.unchanged:
            line += f" ({a.unchanged} already so)"
        rest = left_alone(a.skipped_decided, a.skipped_held)
        return " ".join([line + ".", *rest, "u undoes it all."])


class CopiesReachLoaded(Message):
    """What a planned verify-once action would reach now (for its confirmation)."""

    def __init__(self, plan: CopiesPlan, reach: StatementReach) -> None:
        super().__init__()
        self.plan = plan
        self.reach = reach


def choices(card: QuoteCard) -> list[tuple[str, str]]:
    """What `g` offers: the decisions, this quote's speaker (when it has one), a topic."""
    options = [("verified", "verify every copy"), ("rejected", "reject every copy")]
    if card.speaker is not None:
        options.append(("speaker", f"speaker {card.speaker.name} (this quote's) on every copy"))
    options.append(("topic", "a topic on every copy…"))
    return options


class StatementCopiesActions(QueueBase):
    def action_apply_to_copies(self) -> None:
        from quotes.tui.choice import ChoiceScreen

        card = self.current_card()
        if card is None:
            self.app.bell()
            return
        st = card.statement
        if st is None or len(st.copies) < 2:
            self.notify(f"Quote #{card.id} has no copies in other articles")
            return
        ids = tuple(c.quote_id for c in st.copies)
        conflict = st.conflict

        def chosen(value: str | None) -> None:
            what = _WHAT.get(value or "")
            if what in ("verified", "rejected"):
                self._ask_reach(CopiesPlan(st.id, what, ids, conflict=conflict))
            elif what == "speaker" and card.speaker is not None:
                sp = card.speaker
                self._ask_reach(CopiesPlan(st.id, "speaker", ids, sp.id, sp.name))
            elif what == "topic":
                self._pick_topic(CopiesPlan(st.id, "topic", ids))

        title = f"Apply to all {len(st.copies)} copies of statement #{st.id}"
        self.app.push_screen(ChoiceScreen(title, choices(card), None), chosen)

    def _pick_topic(self, plan: CopiesPlan) -> None:
        from dataclasses import replace

        from quotes.tui.topic_picker import TopicPicker

        def picked(choice: TopicChoice | None) -> None:
            if choice is not None:
                self._ask_reach(replace(plan, topic=choice.name))

        self.app.push_screen(TopicPicker(f"Topic for every copy of #{plan.statement_id}"), picked)

    def _ask_reach(self, plan: CopiesPlan) -> None:
        sid = plan.statement_id
        self.workbench.ask(self, lambda s: CopiesReachLoaded(plan, s.statement_reach(sid)))

    def on_copies_reach_loaded(self, message: CopiesReachLoaded) -> None:
        from quotes.tui.confirm import ConfirmScreen

        plan, reach = message.plan, message.reach
        if not reach.open:
            lines = left_alone(reach.decided_by_others, reach.held_by_others)
            self.notify(" ".join(["No copy is yours to change:", *lines]), severity="warning")
            return

        def go(ok: bool | None) -> None:
            if ok:
                self.workbench.submit(
                    "statement_apply", plan.apply, target=self, quote_ids=plan.quote_ids
                )

        question = plan.question(reach) + "\n(u undoes it all)"
        self.app.push_screen(ConfirmScreen(question, plan.verb), go)

    def report_applied(self, result: object) -> None:
        """The counts of a verify-once action, in the status toast."""
        if isinstance(result, CopiesApplied):
            self.notify(result.summary(), title="All copies")
