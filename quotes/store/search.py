"""Full-text search over quote text, one function for every backend.

SQLite uses the FTS5 table the migrations keep in sync; PostgreSQL the GIN tsvector index.
User input is never passed to MATCH as syntax: each word becomes a quoted token, and the
last one a prefix, so "nato bla" finds "NATO blasted" while typing and `"` or `AND` in a
query cannot raise a syntax error.
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, func, literal_column, select, text

from quotes.store.models import Quote

_WORD = re.compile(r"\w+", re.UNICODE)


def fts5_query(query: str) -> str | None:
    words = _WORD.findall(query)
    if not words:
        return None
    tokens = [f'"{w}"' for w in words]
    tokens[-1] += "*"
    return " ".join(tokens)


def search_condition(dialect: str, query: str) -> ColumnElement[bool] | None:
    """A WHERE clause on `quotes` matching `query`, or None when the query has no words."""
    if dialect == "sqlite":
        match = fts5_query(query)
        if match is None:
            return None
        fts = (
            select(literal_column("rowid"))
            .select_from(text("quotes_fts"))
            .where(text("quotes_fts MATCH :fts_query").bindparams(fts_query=match))
        )
        return Quote.id.in_(fts)
    words = _WORD.findall(query)
    if not words:
        return None
    tsquery = " & ".join(f"{w}:*" for w in words)
    return func.to_tsvector("english", Quote.text).bool_op("@@")(
        func.to_tsquery("english", tsquery)
    )
