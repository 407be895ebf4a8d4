"""A search's first page without reading every match (issue 19), on every backend.

Two plans give the same rows: driven from the matches (a rare word) or walking the queue's
index and testing each row (a common word, `quotes.store.search.page_plan`). The
tests lower the "common" threshold so a handful of quotes takes the walking path, check
both paths return exactly the queue's order, page after page, and, on SQLite, that the
walking plan reads the queue index in order with no sort of the matches.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event

from quotes.curation.filters import QueueFilter, StatusFilter
from quotes.curation.reads import queue_page
from quotes.store import search
from quotes.store.database import Database
from quotes.store.models import Quote
from tests.factories import seed

WORDS = ("security", "budget")


@pytest.fixture
def searchable(database: Database) -> Database:
    """24 quotes, "security" in two of three, with mixed statuses and tied confidences."""
    seeded = seed(database)
    with database.sessions.begin() as s:
        for i in range(24):
            word = WORDS[1] if i % 3 == 0 else WORDS[0]
            s.add(
                Quote(
                    article_id=seeded.article_id,
                    text=f'talk {i} about {word} [x] "quoted" \'); DROP TABLE quotes;--',
                    start=0,
                    end=10,
                    type="direct",
                    confidence=(i * 7 % 5) / 10,
                    status="verified" if i % 4 == 0 else "unverified",
                )
            )
    return database


def expected_ids(database: Database, word: str, status: str) -> list[int]:
    with database.readers() as s:
        rows = s.query(Quote).filter(Quote.status == status).all()
    chosen = [q for q in rows if word in q.text]
    return [q.id for q in sorted(chosen, key=lambda q: (q.confidence, q.id))]


def all_pages(database: Database, f: QueueFilter, limit: int = 3) -> list[int]:
    ids: list[int] = []
    after = None
    with database.readers() as s:
        while True:
            page = queue_page(s, f, after=after, limit=limit)
            ids += [row.id for row in page.rows]
            if page.next_key is None:
                return ids
            after = page.next_key


@pytest.mark.parametrize("threshold", [3, 10_000], ids=["walking", "driven"])
@pytest.mark.parametrize("status", ["unverified", "verified"])
def test_both_plans_page_through_exactly_the_queue_order(
    searchable: Database, monkeypatch: pytest.MonkeyPatch, threshold: int, status: StatusFilter
) -> None:
    monkeypatch.setattr(search, "MANY_MATCHES", threshold)
    f = QueueFilter(status=status, search="secur")
    want = expected_ids(searchable, "security", status)
    assert len(want) > 3  # more than one page
    assert all_pages(searchable, f) == want


def test_many_matches_reads_a_bounded_prefix_and_counts_right(
    searchable: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    if searchable.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's planner chooses between its GIN and queue indexes itself")
    with searchable.readers() as s:
        monkeypatch.setattr(search, "MANY_MATCHES", 15)
        assert search.many_matches(s, "security")  # 16 matches
        monkeypatch.setattr(search, "MANY_MATCHES", 16)
        assert not search.many_matches(s, "security")
        assert not search.many_matches(s, "!!! ...")  # no words: nothing to walk


@pytest.fixture
def statements(searchable: Database) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        seen.append((statement, params))

    event.listen(searchable.engine, "before_cursor_execute", record)
    yield seen
    event.remove(searchable.engine, "before_cursor_execute", record)


def page_plan(database: Database, statements: list[tuple[str, Any]]) -> str:
    statement, params = next(s for s in reversed(statements) if "ORDER BY" in s[0])
    with database.readers() as s:
        rows = s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).all()
    return "\n".join(str(row[-1]) for row in rows)


def looks_like_a_million_quotes(database: Database) -> None:
    """Planner statistics of a big database (as `ANALYZE` leaves them), so SQLite plans the
    page as it would at scale: with a few rows it walks any index, whatever the query."""
    with database.sessions.begin() as s:
        conn = s.connection()
        conn.exec_driver_sql("ANALYZE")
        scale = 1_000_000 // (s.query(Quote).count() or 1)
        for tbl, idx, stat in conn.exec_driver_sql("SELECT * FROM sqlite_stat1").all():
            # Every count grows with the table except "1" (a unique key stays unique).
            grown = [n if n == "1" else str(int(n) * scale) for n in str(stat).split(" ")]
            conn.exec_driver_sql(
                "UPDATE sqlite_stat1 SET stat = ? WHERE tbl = ? AND idx IS ?",
                (" ".join(grown), tbl, idx),
            )
    database.engine.dispose()  # statistics are read when a connection opens


@pytest.mark.parametrize(("threshold", "walks"), [(3, True), (10_000, False)])
def test_a_common_word_walks_the_queue_index_instead_of_sorting_matches(
    searchable: Database,
    statements: list[tuple[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    threshold: int,
    walks: bool,
) -> None:
    if searchable.engine.dialect.name != "sqlite":
        pytest.skip("a SQLite query plan")
    looks_like_a_million_quotes(searchable)
    monkeypatch.setattr(search, "MANY_MATCHES", threshold)
    with searchable.readers() as s:
        queue_page(s, QueueFilter(search="security"), limit=5)
    plan = page_plan(searchable, statements)
    assert ("USE TEMP B-TREE FOR ORDER BY" not in plan) is walks
    assert ("INDEX ix_quotes_queue" in plan) is walks
