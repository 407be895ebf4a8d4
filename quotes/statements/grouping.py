"""Putting quotes into statements through the database index, at ingest and on rebuild.

Each quote costs a bounded number of indexed lookups whatever the size of the database: one
on the exact-match key, one per fingerprint (each capped at `POSTINGS_PER_FINGERPRINT`
rows), and a similarity check of at most `CANDIDATES` earlier copies (`statements.rebuild`
applies exactly these rules to a whole database a chunk at a time, its lookups batched, and
`statements.regroup` to the quotes a curator reshapes). Only the first copy of each distinct
text is fingerprinted: an identical copy is found by its key, so a line that
ran in a hundred papers does not lengthen the posting lists a hundredfold.

A quote joins the best-matching statement it finds and never merges two statements: merging
at ingest would renumber what curators may be looking at. A rebuild regroups everything from
scratch (after an extractor change) and touches only these index tables, never a curator's
decisions, which live on the quotes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import Connection, DateTime, TextClause, bindparam, select, text
from sqlalchemy.orm import Session

from quotes.statements.similarity import (
    Copy,
    Verdict,
    fingerprints,
    identical_scope,
    normalize,
    same_statement,
    text_key,
)
from quotes.store.models import Quote, StatementQuote, utcnow

POSTINGS_PER_FINGERPRINT = 64
FINGERPRINTS_PER_QUERY = 64
CANDIDATES = 24


@dataclass(slots=True)
class GroupingSummary:
    quotes: int = 0
    statements_new: int = 0
    joined: int = 0  # copies that joined an existing statement

    def add(self, other: GroupingSummary) -> None:
        self.quotes += other.quotes
        self.statements_new += other.statements_new
        self.joined += other.joined


@dataclass(frozen=True, slots=True)
class QuoteText:
    id: int
    text: str
    type: str


def group_article_quotes(session: Session, article_id: int) -> GroupingSummary:
    """Group the article's quotes that are in no statement yet (new or re-extracted ones)."""
    grouped = select(StatementQuote.quote_id).where(StatementQuote.quote_id == Quote.id)
    rows = session.execute(
        select(Quote.id, Quote.text, Quote.type)
        .where(Quote.article_id == article_id, ~grouped.exists())
        .order_by(Quote.id)
    ).all()
    return assign_statements(session, [QuoteText(i, t, ty) for i, t, ty in rows])


def assign_statements(session: Session, quotes: Iterable[QuoteText]) -> GroupingSummary:
    """Put each quote (not yet grouped) into an existing statement or a new one, in order.

    Plain SQL on the session's connection, a fixed handful of statements per quote: at
    ingest this runs for every quote, and the ORM's per-statement overhead was most of its
    cost.
    """
    conn = session.connection()
    summary = GroupingSummary()
    for q in quotes:
        normalized = normalize(q.text)
        copy = Copy(normalized, q.type == "indirect")
        key = text_key(normalized)
        found = _identical(conn, copy, key)
        # Fingerprints are only read by a later copy's search and kept for a quote that is
        # no identical copy: an identical one gets none, and none are computed for it.
        how: str
        prints: frozenset[int] = frozenset()
        if found is not None:
            statement_id, how, score = found, "identical", 1.0
        else:
            prints = fingerprints(normalized)
            best = _best_candidate(conn, copy, prints)
            if best is not None:
                statement_id, verdict = best
                how, score = verdict.match, verdict.score
            else:
                statement_id = _new_statement(conn, q.text)
                how, score = "first", 1.0
        conn.execute(
            _INSERT_COPY,
            {"q": q.id, "s": statement_id, "k": key, "how": how, "score": score},
        )
        if prints:
            conn.execute(INSERT_FINGERPRINT, [{"fp": fp, "q": q.id} for fp in sorted(prints)])
        summary.quotes += 1
        if how == "first":
            summary.statements_new += 1
        else:
            summary.joined += 1
    return summary


_INSERT_COPY = text(
    "INSERT INTO statement_quotes (quote_id, statement_id, text_key, how, score) "
    "VALUES (:q, :s, :k, :how, :score)"
)
INSERT_FINGERPRINT = text(
    "INSERT INTO statement_fingerprints (fingerprint, quote_id) VALUES (:fp, :q)"
)
_NEW_STATEMENT = text(
    "INSERT INTO statements (text, created_at) VALUES (:t, :at) RETURNING id"
).bindparams(bindparam("at", type_=DateTime()))
# The earliest statement holding a copy of these words: any copy, or a direct (or mixed)
# one only (see `identical_scope`).
_IDENTICAL_ANY = text("SELECT min(statement_id) FROM statement_quotes WHERE text_key = :k")
_IDENTICAL_DIRECT = text(
    "SELECT min(sq.statement_id) FROM statement_quotes sq JOIN quotes q ON q.id = sq.quote_id "
    "WHERE sq.text_key = :k AND q.type <> 'indirect'"
)


@lru_cache(maxsize=FINGERPRINTS_PER_QUERY + 1)
def _postings(count: int) -> TextClause:
    """One statement reading at most POSTINGS_PER_FINGERPRINT quotes for each of `count`
    fingerprints (newest first): a UNION ALL of bounded index searches."""
    branch = (
        "SELECT quote_id FROM (SELECT quote_id FROM statement_fingerprints "
        "WHERE fingerprint = :f{i} ORDER BY quote_id DESC LIMIT :n) AS p{i}"
    )
    return text(" UNION ALL ".join(branch.format(i=i) for i in range(count)))


def _identical(conn: Connection, copy: Copy, key: str) -> int | None:
    """The earliest statement with a copy of exactly these words that the rules accept
    (the same words as a short indirect and a direct quote are not one statement)."""
    scope = identical_scope(copy)
    if scope == "none":
        return None
    found = conn.execute(_IDENTICAL_ANY if scope == "any" else _IDENTICAL_DIRECT, {"k": key})
    statement_id = found.scalar()
    return None if statement_id is None else int(statement_id)


def _best_candidate(
    conn: Connection, copy: Copy, prints: frozenset[int]
) -> tuple[int, Verdict] | None:
    """The statement of the most similar earlier copy sharing fingerprints, if it matches."""
    if not prints:
        return None
    ordered = sorted(prints)
    shared: Counter[int] = Counter()
    # SQLite allows at most 500 terms in one compound SELECT: a long quote goes in chunks.
    for start in range(0, len(ordered), FINGERPRINTS_PER_QUERY):
        chunk = ordered[start : start + FINGERPRINTS_PER_QUERY]
        params: dict[str, int] = {f"f{i}": fp for i, fp in enumerate(chunk)}
        params["n"] = POSTINGS_PER_FINGERPRINT
        shared.update(conn.execute(_postings(len(chunk)), params).scalars())
    if not shared:
        return None
    ids = [qid for qid, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:CANDIDATES]]
    rows = conn.execute(_CANDIDATES, {"ids": ids}).all()
    return best_statement(
        copy, ((int(sid), Copy(normalize(t), ty == "indirect")) for sid, t, ty in rows)
    )


def best_statement(
    copy: Copy, candidates: Iterable[tuple[int, Copy]]
) -> tuple[int, Verdict] | None:
    """The statement of the most similar candidate copy the rules accept, the earliest
    statement on a tie: the one choice ingest and `statements.rebuild` both make."""
    best: tuple[int, Verdict] | None = None
    for statement_id, other in candidates:
        verdict = same_statement(copy, other)
        if verdict is None:
            continue
        if best is None or (verdict.score, -statement_id) > (best[1].score, -best[0]):
            best = (statement_id, verdict)
    return best


_CANDIDATES = text(
    "SELECT sq.statement_id, q.text, q.type FROM statement_quotes sq "
    "JOIN quotes q ON q.id = sq.quote_id WHERE sq.quote_id IN :ids"
).bindparams(bindparam("ids", expanding=True))


def _new_statement(conn: Connection, statement_text: str) -> int:
    new_id = conn.execute(_NEW_STATEMENT, {"t": statement_text, "at": utcnow()}).scalar()
    assert new_id is not None
    return int(new_id)
