"""Grouping an ingest batch's new quotes at once, with the decisions `assign_statements` makes.

At ingest every new quote is newer than every grouped one, which is exactly the situation of
a `rebuild` chunk: the database is asked once per batch and kind of question (exact-match
keys, fingerprint postings, earlier candidates) and the quotes before a quote in the batch
are answered from memory. Quote by quote, storing spent most of its time in these few SQL
statements per quote; a batch costs a handful, however many quotes it holds.

Statement ids are those the database would have given one at a time: decided with
provisional ids above any real one (only their order matters to the rules), then mapped to
ids reserved in order (PostgreSQL's sequence, so a curator's concurrent split cannot take
the same id; under SQLite's write lock, the largest id plus one onwards).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, DateTime, bindparam, text
from sqlalchemy.orm import Session

from quotes.statements.grouping import GroupingSummary, QuoteText
from quotes.statements.rebuild import (
    _INSERT_COPY,
    _INSERT_PRINT,
    _choose_candidates,
    _insert_many,
    _mark_identical,
    _Quote,
    _Run,
    decide,
)
from quotes.statements.similarity import Copy, identical_scope, normalize, text_key
from quotes.store.models import utcnow

# Above any real statement id: a provisional id sorts after every stored statement.
_PROVISIONAL = 1 << 62


def assign_new_quotes(session: Session, quotes: Sequence[QuoteText]) -> GroupingSummary:
    """Group quotes newer than every grouped quote (a batch just stored), in id order."""
    summary = GroupingSummary()
    if not quotes:
        return summary
    conn = session.connection()
    lookups = _Run(conn)
    batch: list[_Quote] = []
    for row in sorted(quotes, key=lambda r: r.id):
        normalized = normalize(row.text)
        copy = Copy(normalized, row.type == "indirect")
        batch.append(_Quote(row.id, row.text, copy, text_key(normalized), identical_scope(copy)))
    any_sid, direct_sid = lookups._identical({q.key for q in batch if q.scope != "none"})
    _mark_identical(batch, set(any_sid), set(direct_sid))
    _choose_candidates(batch, lookups._postings(sorted({fp for q in batch for fp in q.prints})))
    first = batch[0].id
    known = lookups._candidates(sorted({c for q in batch for c in q.candidates if c < first}))

    founders: list[str] = []

    def found(q: _Quote) -> int:
        founders.append(q.text)
        return _PROVISIONAL + len(founders) - 1

    copies, prints = decide(batch, known, any_sid, direct_sid, found, summary)

    real = _reserve_ids(conn, len(founders))
    if founders:
        now = utcnow()
        conn.execute(
            _INSERT_STATEMENT,
            [{"id": i, "t": t, "at": now} for i, t in zip(real, founders, strict=True)],
        )
    _insert_many(
        conn,
        _INSERT_COPY,
        [
            (qid, real[sid - _PROVISIONAL] if sid >= _PROVISIONAL else sid, key, how, score)
            for qid, sid, key, how, score in copies
        ],
    )
    if prints:
        _insert_many(conn, _INSERT_PRINT, prints)
    return summary


def _reserve_ids(conn: Connection, count: int) -> list[int]:
    """`count` new statement ids, ascending, as that many inserts would have taken them."""
    if count == 0:
        return []
    if conn.dialect.name == "postgresql":
        taken = conn.execute(_NEXTVAL, {"n": count}).scalars()
        return sorted(int(i) for i in taken)
    # SQLite: the caller holds the write lock (BEGIN IMMEDIATE); a rowid without
    # AUTOINCREMENT is the largest id plus one.
    top = conn.execute(text("SELECT coalesce(max(id), 0) FROM statements")).scalar_one()
    return list(range(int(top) + 1, int(top) + 1 + count))


_NEXTVAL = text(
    "SELECT nextval(pg_get_serial_sequence('statements', 'id')) FROM generate_series(1, :n)"
)
_INSERT_STATEMENT = text(
    "INSERT INTO statements (id, text, created_at) VALUES (:id, :t, :at)"
).bindparams(bindparam("at", type_=DateTime()))
