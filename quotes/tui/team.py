"""The review queue's team side: the slice this curator holds, who holds the rest, take-overs.

The rules (what a slice is, when a lease has run out, who may take what over) are the
service's (`quotes.curation.claims`); this screen layer only asks for them and says the
answers in words. The queue screen inherits from `TeamQueue` and hands it the answers to
changes it does not know (`team_written`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from quotes.curation.claim_terms import DEFAULT_LEASE, DEFAULT_SLICE
from quotes.tui.base import WorkbenchScreen
from quotes.tui.messages import Written
from quotes.tui.queue_messages import HoldersLoaded

if TYPE_CHECKING:  # the ORM loads after the first screen (issue 19: start-up)
    from quotes.curation.claims import ClaimResult, Holding
    from quotes.curation.queue_filter import QueueFilter

# Renewed well before the lease runs out, so a curator who pauses never loses the slice.
RENEW_EVERY = DEFAULT_LEASE.total_seconds() / 3
_LABELS = {"claim", "renew", "take_over"}
_DECISIONS = {"verified", "rejected", "bulk_verified", "bulk_rejected"}
# When this few of the slice are left open, the next slice is claimed: the curator never
# runs into quotes nobody holds (which a colleague might claim under their cursor).
TOP_UP_AT = 3


def _at(when: dt.datetime) -> str:
    return f"{when:%H:%M} UTC"


def claim_message(result: ClaimResult) -> str:
    if not result.quote_ids:
        return "Nothing left to claim: every quote of this filter is held by someone."
    n = len(result.quote_ids)
    text = f"You hold {n} quote{'s' if n != 1 else ''} until {_at(result.expires_at)}"
    if result.taken_from:
        whose = ", ".join(f"{who} ({k})" for who, k in result.taken_from)
        text += f"; taken over from expired leases of {whose}"
    return text


def holders_message(holdings: list[Holding], me: str) -> str:
    """Who holds what, one curator a line, this curator named "you"."""
    if not holdings:
        return "Nobody holds any quotes: the whole queue is free."
    lines = []
    for h in holdings:
        who = "you" if h.curator == me else h.curator
        state = f"expired {_at(h.expires_at)}" if h.expired else f"until {_at(h.expires_at)}"
        lines.append(f"{who}: {h.open} open of {h.quotes} held, {state}")
    return "\n".join(lines)


class TeamQueue(WorkbenchScreen):
    """Claiming, renewing and taking over slices; the queue screen builds on it."""

    filter: QueueFilter

    def __init__(self) -> None:
        super().__init__()
        # The open quotes of this curator's slice, as far as this screen has seen.
        self.held: set[int] = set()

    def start_team(self) -> None:
        """Claim the first slice and keep the leases alive while the screen lives (the app
        releases them on quit; a crashed workbench's leases simply run out)."""
        size = self.workbench.claim_slice
        if size > 0:
            self._claim(size)
            self.set_interval(RENEW_EVERY, self._renew)

    def _claim(self, size: int) -> None:
        f = self.filter
        self.workbench.submit("claim", lambda s: s.claim_next(f, size), target=self)

    def _renew(self) -> None:
        self.workbench.submit("renew", lambda s: s.renew_claims(), target=self)

    def action_claim_next(self) -> None:
        self._claim(self.workbench.claim_slice or DEFAULT_SLICE)

    def action_team(self) -> None:
        self.workbench.ask(self, lambda s: HoldersLoaded(s.claim_holders(), take_over=False))

    def action_take_over(self) -> None:
        self.workbench.ask(self, lambda s: HoldersLoaded(s.claim_holders(), take_over=True))

    def _choose_take_over(self, holdings: list[Holding]) -> None:
        from quotes.tui.choice import ChoiceScreen

        me = self.workbench.curator
        expired = [h for h in holdings if h.expired and h.curator != me]
        if not expired:
            self.notify("No expired leases to take over.\n" + holders_message(holdings, me))
            return

        def chosen(holder: str | None) -> None:
            if holder is not None:
                self.workbench.submit("take_over", lambda s: s.take_over(holder), target=self)

        options = [
            (h.curator, f"{h.curator}: {h.open} open, expired {_at(h.expires_at)}") for h in expired
        ]
        self.app.push_screen(ChoiceScreen("Take over whose expired lease?", options, None), chosen)

    def on_holders_loaded(self, message: HoldersLoaded) -> None:
        if message.take_over:
            self._choose_take_over(message.holdings)
        else:
            self.notify(holders_message(message.holdings, self.workbench.curator), title="Team")

    def team_written(self, message: Written) -> bool:
        """Handle a team change's answer; False for anything else (decisions are looked at
        on the way, to claim the next slice before this one runs out)."""
        if message.label in _DECISIONS:
            self._decided(message.quote_ids)
        if message.label not in _LABELS:
            return False
        if message.label != "renew":
            result: ClaimResult = message.result
            self.held.update(result.quote_ids)
            # No reload: what was claimed was free, so it is on screen already.
            self.notify(claim_message(result), title="Your slice")
        return True

    def _decided(self, quote_ids: tuple[int, ...]) -> None:
        before = len(self.held)
        self.held.difference_update(quote_ids)
        size = self.workbench.claim_slice
        if size > 0 and before > TOP_UP_AT >= len(self.held):
            self._claim(size)
