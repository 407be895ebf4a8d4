"""`quotes statements rebuild`: every quote regrouped from scratch, a chunk at a time.

Grouping quote by quote (`grouping.assign_statements`) runs a handful of SQL statements per
quote: right at ingest, where each article's few quotes arrive on their own, but 40 minutes
for a million quotes. A rebuild applies the very same rules in the same order (quote id),
so its groups are the ones ingest would have made, yet asks the database once per chunk of
`CHUNK` quotes and kind of question:

- the earliest statement of each of the chunk's exact-match keys among earlier chunks;
- the newest `POSTINGS_PER_FINGERPRINT` earlier quotes of each of the chunk's fingerprints
  (bounded index searches, as at ingest);
- the statement and words of every earlier candidate the chunk's quotes will compare with.

Within the chunk the same questions are answered from memory, because the quotes before a
quote in its chunk are exactly the ones the database does not hold yet. The chunk's rows go
in with one executemany per table. What stays in memory is one chunk and its lookups, so
memory is flat whatever the size of the database; the index itself is the database's.

Everything happens in the caller's transaction: readers keep the old groups until it
commits, and a failed rebuild leaves them as they were. Only the statement tables are
written; quotes, decisions, speakers and topics are read for nothing but text and type.
"""

from __future__ import annotations

import heapq
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Connection, DateTime, bindparam, text
from sqlalchemy.orm import Session

from quotes.statements.grouping import (
    CANDIDATES,
    POSTINGS_PER_FINGERPRINT,
    GroupingSummary,
    best_statement,
)
from quotes.statements.similarity import (
    Copy,
    IdenticalScope,
    Verdict,
    fingerprints,
    identical_scope,
    normalize,
    text_key,
)
from quotes.store.models import utcnow

T = TypeVar("T")

CHUNK = 2000
# Values per IN list, and fingerprints per UNION ALL of postings searches (SQLite allows
# at most 500 terms in one compound SELECT).
IN_BATCH = 500
POSTINGS_BATCH = 200
_NO_FINGERPRINT = -1  # fingerprints are 63-bit, never negative


@dataclass(slots=True)
class _Quote:
    id: int
    text: str
    copy: Copy
    key: str
    scope: IdenticalScope
    identical: bool = False
    prints: tuple[int, ...] = ()
    candidates: list[int] = field(default_factory=list)


def rebuild(session: Session, *, chunk: int = CHUNK) -> GroupingSummary:
    """Regroup every quote from scratch in the caller's transaction; statement ids are
    renumbered from 1."""
    conn = session.connection()
    for table in ("statement_fingerprints", "statement_quotes", "statements"):
        conn.execute(text(f"DELETE FROM {table}"))
    run = _Run(conn)
    last = 0
    while True:
        rows = [
            (int(i), str(t), str(ty))
            for i, t, ty in conn.execute(_CHUNK_ROWS, {"after": last, "n": chunk}).all()
        ]
        if not rows:
            break
        run.chunk(rows)
        last = rows[-1][0]
    _continue_numbering(conn, run.next_id)
    return run.summary


class _Run:
    """The state carried from one chunk to the next: the next statement id and the counts."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.next_id = 1
        self.summary = GroupingSummary()
        # The previous chunk's quotes: the newest postings, so most candidates are among
        # them, and need neither reading nor normalizing again.
        self.previous: dict[int, tuple[int, Copy]] = {}

    def chunk(self, rows: Sequence[tuple[int, str, str]]) -> None:
        quotes = []
        for qid, qtext, qtype in rows:
            normalized = normalize.__wrapped__(qtext)  # each text once: no use caching it
            copy = Copy(normalized, qtype == "indirect")
            quotes.append(_Quote(qid, qtext, copy, text_key(normalized), identical_scope(copy)))
        any_sid, direct_sid = self._identical({q.key for q in quotes if q.scope != "none"})
        _mark_identical(quotes, set(any_sid), set(direct_sid))
        earlier = self._postings(sorted({fp for q in quotes for fp in q.prints}))
        _choose_candidates(quotes, earlier)
        del earlier
        first, previous = quotes[0].id, self.previous
        wanted = {c for q in quotes for c in q.candidates if c < first}
        known = self._candidates(sorted(wanted.difference(previous)))
        known.update((c, previous[c]) for c in wanted.intersection(previous))
        self._assign(quotes, known, any_sid, direct_sid)
        self.previous = {q.id: known[q.id] for q in quotes}

    def _assign(
        self,
        quotes: list[_Quote],
        known: dict[int, tuple[int, Copy]],
        any_sid: dict[str, int],
        direct_sid: dict[str, int],
    ) -> None:
        """`assign_statements`' decisions, quote by quote, from what the chunk has looked up."""
        statements: list[dict[str, object]] = []
        now = utcnow()

        def found(q: _Quote) -> int:
            sid = self.next_id
            self.next_id += 1
            statements.append({"id": sid, "t": q.text, "at": now})
            return sid

        copies, prints = decide(quotes, known, any_sid, direct_sid, found, self.summary)
        if statements:
            self.conn.execute(_INSERT_STATEMENT, statements)
        _insert_many(self.conn, _INSERT_COPY, copies)
        if prints:
            _insert_many(self.conn, _INSERT_PRINT, prints)

    def _identical(self, keys: set[str]) -> tuple[dict[str, int], dict[str, int]]:
        """For each key held by earlier chunks: its earliest statement, and its earliest
        statement with a direct (or mixed) copy."""
        any_sid: dict[str, int] = {}
        direct_sid: dict[str, int] = {}
        for batch in _batches(sorted(keys), IN_BATCH, pad=""):  # no key is empty
            found = self.conn.execute(_IDENTICAL, {"keys": batch}).all()
            for key, earliest, earliest_direct in found:
                any_sid[key] = int(earliest)
                if earliest_direct is not None:
                    direct_sid[key] = int(earliest_direct)
        return any_sid, direct_sid

    def _postings(self, prints: list[int]) -> dict[int, array[int]]:
        """Each fingerprint's newest earlier quotes, newest first, as ingest reads them
        (packed: a chunk's fingerprints may hold a million of them)."""
        found: dict[int, array[int]] = {}
        sql = _POSTINGS if self.conn.dialect.paramstyle == "qmark" else _POSTINGS_PYFORMAT
        for batch in _batches(prints, POSTINGS_BATCH, pad=_NO_FINGERPRINT):
            # Straight from the driver's cursor: on a large database every fingerprint
            # brings its full 64 rows, and row objects were the rebuild's largest cost.
            result = self.conn.exec_driver_sql(sql, tuple(batch))
            for fp, qid in result.cursor.fetchall():
                found.setdefault(fp, array("q")).append(qid)
            result.close()
        return found

    def _candidates(self, ids: list[int]) -> dict[int, tuple[int, Copy]]:
        """The statement and comparable words of earlier chunks' candidate quotes."""
        known: dict[int, tuple[int, Copy]] = {}
        for batch in _batches(ids, IN_BATCH, pad=-1):
            rows = self.conn.execute(_CANDIDATE_ROWS, {"ids": batch}).all()
            for qid, sid, qtext, qtype in rows:
                known[int(qid)] = (int(sid), Copy(normalize(qtext), qtype == "indirect"))
        return known


def _mark_identical(quotes: list[_Quote], any_keys: set[str], direct_keys: set[str]) -> None:
    """Which quotes are identical copies of an earlier one the rules accept; the others get
    their fingerprints. Whether a copy exists depends on keys and types only, not on
    which statements earlier quotes join, so this is settled before any comparison."""
    for q in quotes:
        if (q.scope == "any" and q.key in any_keys) or (
            q.scope == "direct" and q.key in direct_keys
        ):
            q.identical = True
        else:
            q.prints = tuple(sorted(fingerprints(q.copy.normalized)))
        any_keys.add(q.key)
        if not q.copy.indirect:
            direct_keys.add(q.key)


def _choose_candidates(quotes: list[_Quote], earlier: dict[int, array[int]]) -> None:
    """The `CANDIDATES` quotes sharing most fingerprints with each quote, among the newest
    `POSTINGS_PER_FINGERPRINT` earlier quotes per fingerprint, exactly as ingest picks them:
    a fingerprint's newest quotes are the chunk's own earlier ones, then earlier chunks'."""
    limit = POSTINGS_PER_FINGERPRINT
    none: array[int] = array("q")
    local: dict[int, list[int]] = {}
    for q in quotes:
        if not q.prints:
            continue
        shared: Counter[int] = Counter()
        for fp in q.prints:
            mine = local.get(fp)
            if mine is None:
                shared.update(earlier.get(fp, none)[:limit])
                continue
            newest = mine[: -limit - 1 : -1]
            shared.update(newest)
            if len(newest) < limit:
                shared.update(earlier.get(fp, none)[: limit - len(newest)])
        if shared:
            top = heapq.nsmallest(CANDIDATES, [(-n, qid) for qid, n in shared.items()])
            q.candidates = [qid for _, qid in top]
        for fp in q.prints:
            local.setdefault(fp, []).append(q.id)


def _best(q: _Quote, known: dict[int, tuple[int, Copy]]) -> tuple[int, Verdict] | None:
    """The chunk's answer to `grouping._best_candidate`, from the candidates looked up."""
    return best_statement(q.copy, (known[c] for c in sorted(q.candidates) if c in known))


def _batches(values: Sequence[T], size: int, *, pad: T) -> Iterator[list[T]]:
    """`values` in lists of exactly `size`, the last one filled up with `pad` (a value that
    matches no row). One length means one statement text: each length compiled and
    prepared anew would fill the engine's and the driver's statement caches (up to a
    megabyte each for the postings search), and memory would grow with the rebuild."""
    for start in range(0, len(values), size):
        batch = list(values[start : start + size])
        yield batch + [pad] * (size - len(batch))


def decide(
    quotes: Sequence[_Quote],
    known: dict[int, tuple[int, Copy]],
    any_sid: dict[str, int],
    direct_sid: dict[str, int],
    found: Callable[[_Quote], int],
    summary: GroupingSummary,
) -> tuple[list[tuple[int, int, str, str, float]], list[tuple[int, int]]]:
    """`assign_statements`' decisions for `quotes` in id order, from what was looked up:
    the statement_quotes rows and the fingerprint postings to insert. `found` makes a new
    statement for a quote that joins none and returns its id (a rebuild numbers them itself,
    ingest reserves them afterwards); `known` and the key maps learn each decision, so a
    later quote of the same run can join it."""
    copies: list[tuple[int, int, str, str, float]] = []
    prints: list[tuple[int, int]] = []
    for q in quotes:
        if q.identical:
            sid, how, score = (any_sid if q.scope == "any" else direct_sid)[q.key], "identical", 1.0
        else:
            best = _best(q, known)
            if best is not None:
                sid, how, score = best[0], best[1].match, best[1].score
            else:
                sid, how, score = found(q), "first", 1.0
        any_sid[q.key] = min(any_sid.get(q.key, sid), sid)
        if not q.copy.indirect:
            direct_sid[q.key] = min(direct_sid.get(q.key, sid), sid)
        known[q.id] = (sid, q.copy)
        copies.append((q.id, sid, q.key, how, score))
        prints.extend((fp, q.id) for fp in q.prints)
        summary.quotes += 1
        if how == "first":
            summary.statements_new += 1
        else:
            summary.joined += 1
    return copies, prints


def _insert_many(conn: Connection, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """Plain rows straight to the driver's executemany: a million of them, and building a
    parameter dictionary for each was a tenth of the rebuild. `sql` is written with `?`."""
    if conn.dialect.paramstyle != "qmark":
        sql = sql.replace("?", "%s")
    conn.exec_driver_sql(sql, rows)


def _continue_numbering(conn: Connection, next_id: int) -> None:
    """Ids were given explicitly: PostgreSQL's sequence must go on after the last one (a
    SQLite rowid takes the largest id plus one by itself)."""
    if conn.dialect.name != "postgresql":
        return
    conn.execute(
        text("SELECT setval(pg_get_serial_sequence('statements', 'id'), :v, :called)"),
        {"v": max(next_id - 1, 1), "called": next_id > 1},
    )


_CHUNK_ROWS = text("SELECT id, text, type FROM quotes WHERE id > :after ORDER BY id LIMIT :n")
_IDENTICAL = text(
    "SELECT sq.text_key, min(sq.statement_id), "
    "min(CASE WHEN q.type <> 'indirect' THEN sq.statement_id END) "
    "FROM statement_quotes sq JOIN quotes q ON q.id = sq.quote_id "
    "WHERE sq.text_key IN :keys GROUP BY sq.text_key"
).bindparams(bindparam("keys", expanding=True))
_CANDIDATE_ROWS = text(
    "SELECT sq.quote_id, sq.statement_id, q.text, q.type FROM statement_quotes sq "
    "JOIN quotes q ON q.id = sq.quote_id WHERE sq.quote_id IN :ids"
).bindparams(bindparam("ids", expanding=True))
_INSERT_STATEMENT = text(
    "INSERT INTO statements (id, text, created_at) VALUES (:id, :t, :at)"
).bindparams(bindparam("at", type_=DateTime()))
_INSERT_COPY = (
    "INSERT INTO statement_quotes (quote_id, statement_id, text_key, how, score) "
    "VALUES (?, ?, ?, ?, ?)"
)
_INSERT_PRINT = "INSERT INTO statement_fingerprints (fingerprint, quote_id) VALUES (?, ?)"


def _postings_sql(count: int) -> str:
    """Up to POSTINGS_PER_FINGERPRINT newest quotes of each of `count` fingerprints, with
    the fingerprint: a UNION ALL of bounded index searches, as `grouping._postings`.
    Written with `?` for the driver (the limit is this module's constant)."""
    branch = (
        "SELECT fingerprint, quote_id FROM (SELECT fingerprint, quote_id "
        "FROM statement_fingerprints WHERE fingerprint = ? "
        f"ORDER BY quote_id DESC LIMIT {int(POSTINGS_PER_FINGERPRINT)}) AS p{{i}}"
    )
    return " UNION ALL ".join(branch.format(i=i) for i in range(count))


_POSTINGS = _postings_sql(POSTINGS_BATCH)
_POSTINGS_PYFORMAT = _POSTINGS.replace("?", "%s")
