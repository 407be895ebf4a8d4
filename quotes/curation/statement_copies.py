"""Verify once: which copies of a statement one curator action may change.

A statement's copies are the same words in different articles, so one decision, speaker fix
or topic can serve them all. But a copy is still its own quote: one that another curator
already verified or rejected is theirs (their judgement stands, even if it differs), and one
another curator holds under a live claim is being reviewed right now. Both are skipped and
counted, never overwritten; the curator is told how many.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from quotes.curation import claims
from quotes.curation.errors import NotFound
from quotes.store.models import Quote, Statement, StatementQuote


@dataclass(frozen=True, slots=True)
class StatementCopies:
    open: list[Quote]  # copies this curator may change
    decided_by_others: list[int]
    held_by_others: list[int]


@dataclass(frozen=True, slots=True)
class StatementApplied:
    """What one verify-once action did: copies changed, already so, and left alone."""

    statement_id: int
    copies: int
    changed: int
    unchanged: int
    skipped_decided: int  # another curator already verified or rejected them
    skipped_held: int  # another curator is reviewing them


def copies_for(
    session: Session, statement_id: int, curator: str, now: dt.datetime
) -> StatementCopies:
    """Split a statement's copies into those `curator` may change and those left alone."""
    if session.get(Statement, statement_id) is None:
        raise NotFound(f"statement {statement_id} does not exist")
    quotes = list(
        session.scalars(
            select(Quote)
            .join(StatementQuote, StatementQuote.quote_id == Quote.id)
            .where(StatementQuote.statement_id == statement_id)
            .order_by(Quote.id)
        )
    )
    held = {
        qid
        for qid, h in claims.holders(session, [q.id for q in quotes], now).items()
        if h.curator != curator
    }
    open_: list[Quote] = []
    decided: list[int] = []
    for q in quotes:
        if q.id in held:
            continue
        if q.status != "unverified" and q.verified_by not in (None, curator):
            decided.append(q.id)
        else:
            open_.append(q)
    return StatementCopies(open_, decided, sorted(held))


def statement_of_quote(session: Session, quote_id: int) -> int:
    sid = session.scalar(
        select(StatementQuote.statement_id).where(StatementQuote.quote_id == quote_id)
    )
    if sid is None:
        raise NotFound(f"quote {quote_id} is in no statement (run `quotes statements rebuild`)")
    return sid


@dataclass(frozen=True, slots=True)
class StatementReach:
    """What a verify-once action would touch if taken now: asked before it, so the curator
    confirms the real count ("Verify 5 copies? 2 decided by others will be left alone")."""

    statement_id: int
    open: int
    decided_by_others: int
    held_by_others: int

    @property
    def copies(self) -> int:
        return self.open + self.decided_by_others + self.held_by_others


def reach(session: Session, statement_id: int, curator: str, now: dt.datetime) -> StatementReach:
    """`copies_for` in counts, by the same rule, for the confirmation before the change."""
    copies = copies_for(session, statement_id, curator, now)
    return StatementReach(
        statement_id,
        len(copies.open),
        len(copies.decided_by_others),
        len(copies.held_by_others),
    )
