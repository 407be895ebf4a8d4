"""Full-text search over quote text, one function for every backend.

SQLite uses the FTS5 table the migrations keep in sync; PostgreSQL the GIN tsvector index.
User input is never passed to MATCH as syntax: each word becomes a quoted token, and the
last one a prefix, so "nato bla" finds "NATO blasted" while typing and `"` or `AND` in a
query cannot raise a syntax error.

A page of a search is ordered by the queue's key, not by the match, and a common word
(half the database matches "security") must not cost reading every match. On SQLite:

- Driving the query from the matches (`search_condition`) reads and sorts them all: right
  for a rare word only.
- Testing each row of the queue index for membership in the match set walks the queue in
  order and stops when the page is full, but FTS5 builds the merged list of a *prefix*
  query (`"secur"*`) afresh on every lookup (about 10 ms at a million quotes), so a row
  cannot be tested against the prefix query itself. A lookup of *exact* words is a seek
  (about 20 µs). So a query splits in two disjoint parts: the exact words, tested row by
  row, and the rows that only the prefix finds (`(prefix) NOT (exact)`), read once and
  tested as a list (`SearchPlan`).
- Usually there are none: once a word is typed whole, no other word of the index starts
  with it. That is asked of the index's vocabulary (`_prefix_adds_terms`), which costs a
  seek, where reading `(prefix) NOT (exact)` costs a pass over every match.
- Counting stops at a cap (`quotes.curation.counts`): "10,000+" is what a curator needs
  to see, and an exact count of a common word reads every match.

On PostgreSQL the planner chooses between the GIN index of the text and the queue's index,
but it estimates every prefix query (`secur:*`) at the same share of the table, and it
prices computing a row's tsvector far below its cost (about 20 µs). So it walks the queue
testing each row for any word: right for a common word (a page reads about 200 rows), ruinous
for a word few quotes hold (a typo tested every unverified quote: 13 s at a million). The
share is read from the statistics ANALYZE keeps on the index's lexemes (`_pg_matches`), and
a word too rare to walk for has its matches read from the GIN index first (`gathers`).

Every plan selects exactly the rows `search_condition` does; only the cost differs.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    ColumnExpressionArgument,
    Integer,
    Select,
    any_,
    exists,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import column

from quotes.store.models import Quote

# Up to this many matches a page is found faster by sorting the matches than by testing
# the queue's rows in order; None: chosen from the size of the table (`many_threshold`).
MANY_MATCHES: int | None = None
# A page of about 100 rows of a word in a share s of n quotes walks 100 / s rows of the
# queue (about 1 µs a row tested against the gathered matches), or sorts its s * n
# matches (about 2 µs a match): walking wins once (s * n)² > 50 n.
_WALK_PER_SORT = 50
_FEWEST_MANY = 1_000
# The most rows only the prefix finds that a page reads and tests as a list.
_MOST_LISTED = 1_000
# Up to this many matches, gathering them once into a lookup table (about 0.15 µs a match)
# costs less than a page of lookups in the FTS index (about 200 of 20 µs each).
_MOST_GATHERED = 30_000

_WORD = re.compile(r"\w+", re.UNICODE)
_FTS = table("quotes_fts", column("rowid", Integer))
FTS_TABLE = _FTS  # to select from, as `count_source` explains


def fts5_query(query: str, *, prefix: bool = True) -> str | None:
    """`query` as an FTS5 expression: every word a quoted token, the last one a prefix
    (unless `prefix` is False); None when there is no word in it."""
    words = _WORD.findall(query)
    if not words:
        return None
    tokens = [f'"{w}"' for w in words]
    if prefix:
        tokens[-1] += "*"
    return " ".join(tokens)


def _matches(expression: str) -> ColumnElement[bool]:
    # An anonymous bind per expression: one statement may hold several different ones.
    return literal_column("quotes_fts").op("MATCH")(literal(expression))


def _fts_rowids(expression: str) -> Select[int]:
    return select(_FTS.c.rowid).where(_matches(expression))


def _count_upto(session: Session, expression: str, cap: int) -> int:
    """Matches of an FTS5 expression, reading at most `cap` + 1 of them."""
    first = _fts_rowids(expression).limit(cap + 1).subquery()
    return session.scalar(select(func.count()).select_from(first)) or 0


def many_threshold(session: Session) -> int:
    """How many matches make a word common (`MANY_MATCHES`, else from the table's size:
    the largest id, which an index answers)."""
    if MANY_MATCHES is not None:
        return MANY_MATCHES
    quotes = session.scalar(select(func.max(Quote.id))) or 0
    return max(_FEWEST_MANY, math.isqrt(_WALK_PER_SORT * quotes))


def many_matches(session: Session, query: str) -> bool:
    """True when SQLite's FTS index holds more than `many_threshold` matches for `query`.

    Reads at most that many + 1 rowids.
    """
    match = fts5_query(query)
    if match is None or session.get_bind().dialect.name != "sqlite":
        return False
    many = many_threshold(session)
    return _count_upto(session, match, many) > many


@dataclass(frozen=True, slots=True)
class SearchPlan:
    """How a page of the queue in its own order finds a search's rows on SQLite.

    `walks`: the condition tests rows as the queue's index hands them over (a common
    word); otherwise it is `search_condition`, driven from the few matches. `probes`: the
    condition looks each row up in the FTS index (a seek: cheap for a page's rows, not for
    every row another filter leaves), so the caller hands it a bounded batch of rows.
    `gathers` (PostgreSQL): the condition stands in for the search in every order.
    """

    condition: ColumnElement[bool]
    walks: bool
    probes: bool = False
    # PostgreSQL: the condition reads the few matches from the GIN index once, for any
    # order, so the planner can neither walk the queue for them nor sort every row.
    gathers: bool = False


def page_plan(session: Session, query: str) -> SearchPlan | None:
    """The cheapest way to find a page of rows matching `query` in the queue's order.

    Reads a bounded number of rows of each part of the query. None when the query has
    no words (no search).
    """
    match = fts5_query(query)
    exact = fts5_query(query, prefix=False)
    if match is None or exact is None:
        return None
    if session.get_bind().dialect.name != "sqlite":
        return _pg_page_plan(session, query)
    many = many_threshold(session)
    only_prefix = _rows_only_the_prefix_finds(session, query, match, exact, min(many, _MOST_LISTED))
    if only_prefix is None:
        # A word still being typed ("sec"): its prefix finds many rows the exact word does
        # not. Testing rows against the whole match set is the one plan left.
        return SearchPlan((Quote.id + 0).in_(_fts_rowids(match)), walks=True)
    matches = _count_upto(session, exact, max(many, _MOST_GATHERED)) + len(only_prefix)
    # The exact words find the same rows when the prefix adds none, without the merge.
    every = _fts_rowids(match if only_prefix else exact)
    if matches <= many:
        return SearchPlan(Quote.id.in_(every), walks=False)
    if matches <= _MOST_GATHERED:
        # `quotes.id + 0`: no index for an expression, so the planner cannot drive from
        # the matches; it walks the queue's index and tests each row against them,
        # gathered once into a lookup table.
        return SearchPlan((Quote.id + 0).in_(every), walks=True)
    return SearchPlan(probing_condition(exact, only_prefix), walks=True, probes=True)


def _pg_page_plan(session: Session, query: str) -> SearchPlan | None:
    """PostgreSQL's plan: the planner's own for a common word (it walks the queue's index,
    testing each row), the matches read first for a rare one; the planner's own as well
    when the statistics cannot tell (never analyzed, or not readable by this role)."""
    condition = search_condition(session.get_bind().dialect.name, query)
    if condition is None:
        return None
    matches = _pg_matches(session, _WORD.findall(query))
    if matches is not None and matches <= many_threshold(session):
        return SearchPlan(_pg_gathered(query), walks=False, gathers=True)
    return SearchPlan(condition, walks=False)


_PG_TEXT_INDEX = "ix_quotes_text_fts"  # migration 0002: GIN on to_tsvector('english', text)
# The share PostgreSQL itself gives a lexeme its statistics do not list (DEFAULT_TS_MATCH_SEL).
_PG_UNLISTED = 0.005


def _pg_matches(session: Session, words: list[str]) -> int | None:
    """About how many quotes hold every word as a prefix, from the most common lexemes
    ANALYZE found in the index (a lexeme's share; the shares of every lexeme a prefix starts,
    added up; the words' shares multiplied, as the planner does for exact words). Reads the
    statistics and the words' lexemes, never a match. None without statistics."""
    stats = session.execute(
        text(
            "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples"
            " FROM pg_stats s JOIN pg_class c ON c.oid = to_regclass('quotes')"
            " WHERE s.schemaname = current_schema() AND s.tablename = :index"
        ),
        {"index": _PG_TEXT_INDEX},
    ).first()
    if stats is None or stats[0] is None or stats[1] is None or stats[2] is None:
        return None
    elements: list[str] = list(stats[0])
    freqs: list[float] = [float(f) for f in stats[1]]
    rows = float(stats[2])
    if rows < 0 or not elements:
        return None  # never analyzed
    # After the elements' own frequencies come the least of them and the greatest.
    least = freqs[len(elements)] if len(freqs) > len(elements) else min(freqs)
    unlisted = min(_PG_UNLISTED, least / 2)
    lexemes = session.scalars(
        text(
            "SELECT unnest(tsvector_to_array(to_tsvector('english', w)))"
            " FROM unnest(CAST(:words AS text[])) AS w"
        ),
        {"words": words},
    ).all()
    if not lexemes:
        return 0  # only stop words: to_tsquery drops them all, and the search matches nothing
    share = 1.0
    for lexeme in lexemes:
        found = sum(f for e, f in zip(elements, freqs, strict=False) if e.startswith(lexeme))
        share *= min(1.0, found or unlisted)
    return int(share * rows)


def _pg_gathered(query: str) -> ColumnElement[bool]:
    """`search_condition` with its matches read first: the GIN index finds them (an
    InitPlan, run once), and the page's rows are looked up by key among them."""
    found = aliased(Quote)
    matches = select(found.id).where(_pg_match(found.text, _WORD.findall(query)))
    return Quote.id == any_(func.array(matches.scalar_subquery()))


def _pg_match(text_column: ColumnExpressionArgument[str], words: list[str]) -> ColumnElement[bool]:
    """Every word as a prefix, the expression migration 0002 indexes (GIN)."""
    tsquery = " & ".join(f"{w}:*" for w in words)
    return func.to_tsvector("english", text_column).bool_op("@@")(
        func.to_tsquery("english", tsquery)
    )


def _rows_only_the_prefix_finds(
    session: Session, query: str, match: str, exact: str, most: int
) -> list[int] | None:
    """The rows `match` finds and `exact` does not, or None when there are more than
    `most` of them."""
    if _prefix_adds_terms(session, query) is False:
        return []
    rows = session.scalars(_fts_rowids(f"({match}) NOT ({exact})").limit(most + 1))
    found = list(rows.all())
    return None if len(found) > most else found


_QUERY_WORDS = "quotes_query_words"  # a scratch FTS5 table: the index's tokenizer, in temp
_QUERY_TOKENS = "quotes_query_tokens"  # its tokens
_INDEX_TERMS = "quotes_fts_terms"  # the vocabulary of quotes_fts
_TOKENIZE = re.compile(r"tokenize\s*=\s*'((?:[^']|'')*)'", re.IGNORECASE)


def _prefix_adds_terms(session: Session, query: str) -> bool | None:
    """Whether the index holds a word that starts with the query's last token and is not
    that token (then the prefix finds rows the exact words do not); None when that cannot
    be told, which costs only the cheaper plan.

    The token is what the index's own tokenizer makes of the last word ("security" is
    stemmed to "secur"), asked of a scratch FTS5 table in the connection's temp schema
    with the same tokenizer, so no stemmer is written twice. The vocabulary is read from
    just after that token to the end of its prefix range: a seek, not a pass over matches
    (the vocabulary counts the documents of each term it returns, and it returns only the
    other words, which are what the prefix adds).
    """
    words = _WORD.findall(query)
    if not words:
        return None
    try:
        token = _last_token(session, words[-1])
        if token is None:
            return None
        upper = _after_prefix(token)
        if upper is None:
            return None
        # Temp tables go with the transaction (a reader's ends in a rollback).
        conn = session.connection()
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{_INDEX_TERMS} "
            "USING fts5vocab(main, quotes_fts, row)"
        )
        other = conn.exec_driver_sql(
            f"SELECT term FROM temp.{_INDEX_TERMS} WHERE term >= ? AND term < ? LIMIT 1",
            (token + "\x01", upper),
        ).first()
    except OperationalError:
        return None
    return other is not None


# What the tokenizer made of a word, by (tokenizer, word): a word is tokenized the same
# every time, and a curator types the same few words again and again.
_TOKENS: dict[tuple[str, str], str | None] = {}
_MOST_TOKENS = 512


def _last_token(session: Session, word: str) -> str | None:
    spec = _tokenizer(session)
    if spec is None:
        return None
    key = (spec, word)
    if key not in _TOKENS:
        conn = session.connection()
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{_QUERY_WORDS} "
            f"USING fts5(text, tokenize='{spec}')"
        )
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{_QUERY_TOKENS} "
            f"USING fts5vocab(temp, {_QUERY_WORDS}, instance)"
        )
        conn.exec_driver_sql(f"INSERT INTO temp.{_QUERY_WORDS}(rowid, text) VALUES (1, ?)", (word,))
        try:
            tokens = conn.exec_driver_sql(
                f"SELECT term FROM temp.{_QUERY_TOKENS} ORDER BY doc, col, offset"
            ).all()
        finally:
            conn.exec_driver_sql(f"DELETE FROM temp.{_QUERY_WORDS}")
        if len(_TOKENS) >= _MOST_TOKENS:
            _TOKENS.clear()
        _TOKENS[key] = str(tokens[-1][0]) if tokens else None
    return _TOKENS[key]


def _tokenizer(session: Session) -> str | None:
    """The `tokenize` option of quotes_fts as written in the schema (any quote inside
    already doubled), read once per connection; None when there is none to copy."""
    info = session.connection().info
    if _QUERY_WORDS not in info:
        schema = session.scalar(
            text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'quotes_fts'")
        )
        found = _TOKENIZE.search(schema or "")
        info[_QUERY_WORDS] = None if found is None else found.group(1)
    spec = info[_QUERY_WORDS]
    return spec if isinstance(spec, str) else None


def _after_prefix(token: str) -> str | None:
    """The least string above every string that starts with `token` (byte order of UTF-8
    is code point order), or None when the last character has no successor to write."""
    last = ord(token[-1]) + 1
    if last > 0x10FFFF or 0xD800 <= last <= 0xDFFF:
        return None
    return token[:-1] + chr(last)


def probing_condition(exact: str, only_prefix: list[int]) -> ColumnElement[bool]:
    """A row matches when FTS5 finds it for the exact words (one seek by rowid), or it is
    one of the rows only the prefix finds. Neither side lets the planner drive from it."""
    seek = exists(
        select(literal(1)).select_from(_FTS).where(_matches(exact), _FTS.c.rowid == Quote.id)
    )
    if not only_prefix:
        return seek
    return or_(seek, (Quote.id + 0).in_(only_prefix))


def count_source(
    session: Session, query: str
) -> tuple[ColumnElement[bool], ColumnElement[bool]] | None:
    """For counting on SQLite: the MATCH on `FTS_TABLE` and the join to `quotes`, written
    so that the count is driven from the matches and stops at its LIMIT.

    `quotes_fts.rowid + 0` keeps the planner from looking the FTS index up once per quote
    (a prefix lookup costs a merge of every matching term); it reads the matches in order
    and finds each quote by its key. The exact words stand for the prefix when the prefix
    adds no word of the index: the same rows, without merging them first.
    """
    match = fts5_query(query)
    if match is None:
        return None
    if _prefix_adds_terms(session, query) is False:
        match = fts5_query(query, prefix=False) or match
    return _matches(match), Quote.id == _FTS.c.rowid + 0


def search_condition(dialect: str, query: str) -> ColumnElement[bool] | None:
    """A WHERE clause on `quotes` matching `query`, or None when the query has no words."""
    if dialect == "sqlite":
        match = fts5_query(query)
        if match is None:
            return None
        return Quote.id.in_(_fts_rowids(match))
    words = _WORD.findall(query)
    if not words:
        return None
    return _pg_match(Quote.text, words)
