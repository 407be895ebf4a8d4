"""Regrouping the quotes a curator reshaped, inside the curator's own transaction.

A span edit, a split or a merge changes a quote's words, and the statement it was grouped
into was chosen for the old words. Waiting for the next `quotes statements rebuild` would
leave the workbench showing copies, outlets and conflicts that are no longer so; instead
the curation service calls `regroup` in the same transaction as the edit:

- each reshaped quote leaves its statement and joins the one its new words belong to, or
  founds one, by the rules of ingest (`grouping.assign_statements`);
- a quote about to be deleted (the second part of a merge) just leaves;
- a statement left without copies is removed; one whose founding copy left takes its text
  from its earliest remaining copy, which becomes its first;
- a quote that carried the fingerprints of its words hands them to the earliest remaining
  identical copy, so later trimmed copies still find those words.

Conflict flags need nothing here: they are computed from the copies whenever asked.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import BindParameter, Connection, bindparam, text
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from quotes.statements.grouping import GroupingSummary


def regroup(
    session: Session, quote_ids: Iterable[int], *, leaving: Iterable[int] = ()
) -> GroupingSummary:
    """Regroup `quote_ids` (as their rows now stand, pending ORM changes included) and take
    `leaving` out of their statements; returns what the regrouped quotes did."""
    # Grouping loads rapidfuzz: only when a curator reshapes a quote (workbench start-up).
    from quotes.statements.grouping import (
        INSERT_FINGERPRINT,
        GroupingSummary,
        QuoteText,
        assign_statements,
    )
    from quotes.statements.similarity import fingerprints, normalize

    session.flush()
    conn = session.connection()
    gone = set(leaving)
    regrouped = sorted(set(quote_ids) - gone)
    moving = sorted(set(regrouped) | gone)
    if not moving:
        return GroupingSummary()
    old = conn.execute(_OLD_COPIES, {"ids": moving}).all()
    holders = set(conn.execute(_HOLDERS, {"ids": moving}).scalars())
    conn.execute(_DROP_PRINTS, {"ids": moving})
    conn.execute(_DROP_COPIES, {"ids": moving})
    for key in sorted({key for qid, _, key, _ in old if qid in holders}):
        heir = conn.execute(_EARLIEST_WITH_KEY, {"k": key}).first()
        if heir is None:
            continue
        prints = fingerprints(normalize(heir[1]))
        conn.execute(_DROP_PRINTS, {"ids": [heir[0]]})
        if prints:
            conn.execute(INSERT_FINGERPRINT, [{"fp": fp, "q": heir[0]} for fp in sorted(prints)])
    founders_left = {sid for _, sid, _, how in old if how == "first"}
    for sid in sorted({sid for _, sid, _, _ in old}):
        _settle(conn, sid, founder_left=sid in founders_left)
    rows = conn.execute(_QUOTES, {"ids": regrouped}).all() if regrouped else []
    return assign_statements(session, [QuoteText(i, t, ty) for i, t, ty in rows])


def _settle(conn: Connection, statement_id: int, *, founder_left: bool) -> None:
    """Remove a statement left empty; give one whose founder left a new first copy."""
    first = conn.execute(_EARLIEST_COPY, {"s": statement_id}).first()
    if first is None:
        conn.execute(_DROP_STATEMENT, {"s": statement_id})
    elif founder_left:
        conn.execute(_RETEXT_STATEMENT, {"s": statement_id, "t": first[1]})
        conn.execute(_MAKE_FIRST, {"q": first[0]})


_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)
_OLD_COPIES = text(
    "SELECT quote_id, statement_id, text_key, how FROM statement_quotes WHERE quote_id IN :ids"
).bindparams(_IDS)
_HOLDERS = text(
    "SELECT DISTINCT quote_id FROM statement_fingerprints WHERE quote_id IN :ids"
).bindparams(_IDS)
_DROP_PRINTS = text("DELETE FROM statement_fingerprints WHERE quote_id IN :ids").bindparams(_IDS)
_DROP_COPIES = text("DELETE FROM statement_quotes WHERE quote_id IN :ids").bindparams(_IDS)
_QUOTES = text("SELECT id, text, type FROM quotes WHERE id IN :ids ORDER BY id").bindparams(_IDS)
_EARLIEST_WITH_KEY = text(
    "SELECT sq.quote_id, q.text FROM statement_quotes sq JOIN quotes q ON q.id = sq.quote_id "
    "WHERE sq.text_key = :k ORDER BY sq.quote_id LIMIT 1"
)
_EARLIEST_COPY = text(
    "SELECT sq.quote_id, q.text FROM statement_quotes sq JOIN quotes q ON q.id = sq.quote_id "
    "WHERE sq.statement_id = :s ORDER BY sq.quote_id LIMIT 1"
)
_DROP_STATEMENT = text("DELETE FROM statements WHERE id = :s")
_RETEXT_STATEMENT = text("UPDATE statements SET text = :t WHERE id = :s")
_MAKE_FIRST = text("UPDATE statement_quotes SET how = 'first', score = 1.0 WHERE quote_id = :q")
