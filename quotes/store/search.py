"""Full-text search over quote text, one function for every backend.

SQLite uses the FTS5 table the migrations keep in sync; PostgreSQL the GIN tsvector index.
User input is never passed to MATCH as syntax: each word becomes a quoted token, and the
last one a prefix, so "nato bla" finds "NATO blasted" while typing and `"` or `AND` in a
query cannot raise a syntax error.

A page of a search is ordered by the queue's key, not by the match. On SQLite the plain
condition drives the query from the matches (every one is read and sorted), which is right
for a rare word and ruinous for a common one (half the database matches "security"). So
`many_matches` asks FTS5 whether there are more than a page's worth of matches to walk past,
reading at most `MANY_MATCHES` + 1 of them, and `walking_condition` is the same match as a
membership test the planner cannot drive from: it walks the queue's own index in order and
stops when the page is full.
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, Integer, Select, func, literal_column, select, text
from sqlalchemy.orm import Session

from quotes.store.models import Quote

# Above this many matches a page is found faster by walking the queue in order than by
# sorting the matches (at 1M quotes, a word in 1 of 1,000 quotes finds a page of 100 in
# about 100,000 index entries, which costs about what sorting 1,000 matches does).
MANY_MATCHES = 1_000

_WORD = re.compile(r"\w+", re.UNICODE)


def fts5_query(query: str) -> str | None:
    words = _WORD.findall(query)
    if not words:
        return None
    tokens = [f'"{w}"' for w in words]
    tokens[-1] += "*"
    return " ".join(tokens)


def _fts_rowids(match: str) -> Select[int]:
    return (
        select(literal_column("rowid", Integer))
        .select_from(text("quotes_fts"))
        .where(text("quotes_fts MATCH :fts_query").bindparams(fts_query=match))
    )


def many_matches(session: Session, query: str) -> bool:
    """True when SQLite's FTS index holds more than `MANY_MATCHES` matches for `query`.

    Reads at most `MANY_MATCHES` + 1 rowids, so asking costs the same for any word.
    """
    match = fts5_query(query)
    if match is None or session.get_bind().dialect.name != "sqlite":
        return False
    first = _fts_rowids(match).limit(MANY_MATCHES + 1).subquery()
    return (session.scalar(select(func.count()).select_from(first)) or 0) > MANY_MATCHES


def walking_condition(query: str) -> ColumnElement[bool] | None:
    """`search_condition` on SQLite, written so that the planner cannot drive from it.

    `quotes.id + 0` hides the column from the planner (SQLite uses no index for an
    expression), so the query walks the index of its ORDER BY and tests each row against
    the matches, built once as a lookup table, until the LIMIT is reached.
    """
    match = fts5_query(query)
    if match is None:
        return None
    return (Quote.id + 0).in_(_fts_rowids(match))


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
    tsquery = " & ".join(f"{w}:*" for w in words)
    return func.to_tsvector("english", Quote.text).bool_op("@@")(
        func.to_tsquery("english", tsquery)
    )
