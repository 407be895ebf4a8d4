"""Grouping a quote costs the same, in statements run and rows read, however large the
database: every lookup is an index search with a bound (SQLite's plan is checked)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, text

from quotes.statements.grouping import QuoteText, assign_statements
from quotes.store.database import Database
from quotes.store.models import Article, Quote

BASE = "the alliance is ready to defend every inch of allied territory number"


def add_quotes(database: Database, texts: list[str]) -> list[QuoteText]:
    with database.sessions.begin() as s:
        body = "\n".join(texts)
        article = Article(content_hash=str(hash(body)), source="x", text=body)
        s.add(article)
        s.flush()
        rows, at = [], 0
        for t in texts:
            q = Quote(article_id=article.id, text=t, start=at, end=at + len(t), type="direct")
            s.add(q)
            s.flush()
            rows.append(QuoteText(q.id, t, "direct"))
            at += len(t) + 1
        return rows


@contextmanager
def counting(database: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def hook(_c: Any, _cur: Any, statement: str, *_a: Any) -> None:
        seen.append(statement)

    event.listen(database.engine, "before_cursor_execute", hook)
    try:
        yield seen
    finally:
        event.remove(database.engine, "before_cursor_execute", hook)


def statements_for_one_quote(database: Database, existing: int) -> int:
    # Many earlier quotes sharing most shingles with the new one, each a different statement.
    earlier = [f"{BASE} {n} and {n + 1} and more {n * 7}" for n in range(existing)]
    with database.sessions.begin() as s:
        assign_statements(s, add_quotes(database, earlier))
    (new,) = add_quotes(database, [f"{BASE} 99999 and other words again"])
    with counting(database) as seen, database.sessions.begin() as s:
        assign_statements(s, [new])
    return len(seen)


def test_statements_per_quote_do_not_grow_with_the_database(tmp_path: Any) -> None:
    from quotes.store.database import open_database

    small = open_database(str(tmp_path / "small.db"))
    large = open_database(str(tmp_path / "large.db"))
    assert statements_for_one_quote(small, 5) == statements_for_one_quote(large, 300)


def test_lookups_are_index_searches(database: Database) -> None:
    if database.engine.dialect.name != "sqlite":
        return
    with database.engine.connect() as conn:
        plans = [
            " ".join(str(r[-1]) for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
            for sql in (
                "SELECT quote_id FROM statement_fingerprints WHERE fingerprint = 1 "
                "ORDER BY quote_id DESC LIMIT 64",
                "SELECT statement_id FROM statement_quotes WHERE text_key = 'k' LIMIT 8",
            )
        ]
    assert "SEARCH statement_fingerprints USING COVERING INDEX" in plans[0], plans[0]
    assert "TEMP B-TREE" not in plans[0], plans[0]
    assert "SEARCH statement_quotes USING INDEX ix_statement_quotes_text_key" in plans[1], plans[1]
