"""Every plan of a search's page selects the rows of the straightforward query (issue 19).

`quotes.store.search.page_plan` picks between driving from the matches, testing the exact
words row by row with the rows only the prefix finds as a list, and testing rows against
the whole match set. Hypothesis draws filters, searches (words, their prefixes, stems the
index shares, hostile text) and the thresholds between plans over one small database, and
compares every page with the plain query: filter conditions, ORDER BY, no plan.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, func, select

from quotes.curation import reads
from quotes.curation.filters import QueueFilter, apply_filter
from quotes.curation.reads import progress, queue_page
from quotes.curation.views import Count
from quotes.store import search
from quotes.store.database import Database, open_database
from quotes.store.models import Quote
from tests.factories import seed

# Words whose stems share prefixes ("security", "securities", "secure" are all "secur";
# "securitization" is "securit"), accents, joined words, digits.
VOCABULARY = (
    "security",
    "securities",
    "secure",
    "securitization",
    "second",
    "budget",
    "budgets",
    "Sécurité",
    "naïve",
    "foo_bar",
    "2024",
    "talks",
)
HOSTILE = ('"(', "AND", "NOT", "*", "_", "sec NOT", "'); DROP TABLE quotes;--", "NEAR(", "^x", "")
STATUSES = ("unverified", "verified", "rejected")


def _fill(database: Database) -> None:
    seeded = seed(database)
    with database.sessions.begin() as s:
        for i in range(60):
            words = [VOCABULARY[(i * k + k) % len(VOCABULARY)] for k in (1, 3, 7) if i % k == 0]
            s.add(
                Quote(
                    article_id=seeded.article_id,
                    speaker_id=(seeded.stoltenberg, seeded.lavrov, None)[i % 3],
                    text=f"quote {i}: " + " ".join(words or ["nothing"]),
                    start=i,
                    end=i + 5,
                    type="direct",
                    confidence=(i * 7 % 5) / 10,  # ties, so the key's id part counts
                    status=STATUSES[i % 3] if i % 4 else "unverified",
                )
            )


def _order(f: QueueFilter) -> list[Any]:
    if f.sort == "article":
        return [Quote.article_id, Quote.start, Quote.id]
    if f.sort == "newest":
        return [Quote.id.desc()]
    return [Quote.confidence, Quote.id]


def plain_ids(database: Database, f: QueueFilter) -> list[int]:
    with database.readers() as s:
        stmt = apply_filter(select(Quote.id), f, database.engine.dialect.name)
        return list(s.scalars(stmt.order_by(*_order(f))))


def plain_counts(database: Database, f: QueueFilter) -> dict[str, int]:
    with database.readers() as s:
        stmt = apply_filter(
            select(Quote.status, func.count()).group_by(Quote.status),
            f,
            database.engine.dialect.name,
            with_status=False,
        )
        return {str(k): int(v) for k, v in s.execute(stmt).all()}


def paged_ids(database: Database, f: QueueFilter, limit: int) -> list[int]:
    ids: list[int] = []
    after = None
    with database.readers() as s:
        while True:
            page = queue_page(s, f, after=after, limit=limit)
            ids += [row.id for row in page.rows]
            if page.next_key is None:
                return ids
            after = page.next_key


def _searches() -> st.SearchStrategy[str]:
    word = st.sampled_from(VOCABULARY)
    prefix = st.tuples(word, st.integers(1, 9)).map(lambda t: t[0][: t[1]])
    return st.one_of(
        word,
        prefix,
        st.tuples(word, prefix).map(" ".join),
        word.map(str.upper),
        st.sampled_from(HOSTILE),
        st.text(max_size=8),  # anything at all: no search string may raise
    )


@st.composite
def filters(draw: st.DrawFn) -> QueueFilter:
    return QueueFilter(
        status=draw(st.sampled_from((*STATUSES, "any"))),
        sort=draw(st.sampled_from(("confidence", "article", "newest"))),
        search=draw(_searches()),
        min_confidence=draw(st.none() | st.sampled_from((0.1, 0.3))),
        source=draw(st.none() | st.just("named")),
    )


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    f=filters(),
    many=st.sampled_from((1, 4, 6, 12, 25, 10_000)),
    cap=st.sampled_from((2, 7, 10_000)),
    limit=st.sampled_from((3, 50)),
    budget=st.sampled_from((1, 10, 4_000)),
    gathered=st.sampled_from((0, 30_000)),
)
# One example per plan on `_fill`'s data ("security": 21 rows of the exact word, 10 more
# by its prefix; "sec": the prefix alone, 31): driven, exact words plus the listed rows,
# the whole match set, a word the prefix adds nothing to, every status, the newest first.
@example(
    f=QueueFilter(search="security"), many=10_000, cap=10_000, limit=50, budget=4_000, gathered=0
)
@example(f=QueueFilter(search="security"), many=12, cap=7, limit=3, budget=4_000, gathered=0)
@example(f=QueueFilter(search="security"), many=12, cap=7, limit=3, budget=4_000, gathered=30_000)
@example(f=QueueFilter(search="security"), many=12, cap=7, limit=3, budget=10, gathered=0)
@example(
    f=QueueFilter(search="sec", status="verified"), many=12, cap=7, limit=3, budget=10, gathered=0
)
@example(
    f=QueueFilter(search="security", status="any", sort="newest"),
    many=12,
    cap=7,
    limit=3,
    budget=4_000,
    gathered=0,
)
@example(
    f=QueueFilter(search="security", status="any"),
    many=12,
    cap=7,
    limit=3,
    budget=4_000,
    gathered=0,
)
@example(f=QueueFilter(search="budget talks"), many=4, cap=2, limit=3, budget=1, gathered=0)
def test_every_plan_pages_and_counts_like_the_plain_query(
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
    f: QueueFilter,
    many: int,
    cap: int,
    limit: int,
    budget: int,
    gathered: int,
) -> None:
    with database.readers() as s:
        if not s.scalar(select(func.count()).select_from(Quote)):
            _fill(database)  # one database for every example
    monkeypatch.setattr(search, "MANY_MATCHES", many)
    monkeypatch.setattr(reads, "COUNT_CAP", cap)
    monkeypatch.setattr(reads, "SEARCH_BUDGET", budget)
    monkeypatch.setattr(search, "_MOST_GATHERED", gathered)
    assert paged_ids(database, f, limit) == plain_ids(database, f)

    want = plain_counts(database, f)
    with database.readers() as s:
        got = progress(s, f)
        exact = progress(s, f, exact=True)
    assert (exact.unverified, exact.verified, exact.rejected) == tuple(
        want.get(k, 0) for k in STATUSES
    )
    if got.matching is None:
        assert got == exact
    else:  # stopped at the cap, which the plain count passes
        assert got.matching.capped and got.matching.value == cap < sum(want.values())
        assert str(got.matching) == f"{cap:,}+"


@pytest.fixture
def prefixes(database: Database) -> Database:
    seeded = seed(database)
    with database.sessions.begin() as s:
        for i, text in enumerate(["security talks", "securitization", "budget"] * 4):
            s.add(
                Quote(
                    article_id=seeded.article_id,
                    text=text,
                    start=0,
                    end=5,
                    type="direct",
                    confidence=i / 20,
                )
            )
    return database


def test_the_index_tells_which_prefixes_add_words(prefixes: Database) -> None:
    if prefixes.engine.dialect.name != "sqlite":
        pytest.skip("FTS5's vocabulary")
    with prefixes.readers() as s:
        # "security" is stemmed to "secur", and "securitization" ("securit") starts with it.
        assert search._prefix_adds_terms(s, "security") is True
        assert search._prefix_adds_terms(s, "talks security") is True
        assert search._prefix_adds_terms(s, "budget") is False
        assert search._prefix_adds_terms(s, "securitization") is False
        assert search._prefix_adds_terms(s, "zzz") is False
        assert search._prefix_adds_terms(s, "!!!") is None


@pytest.fixture
def statements(prefixes: Database) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        seen.append((statement, params))

    event.listen(prefixes.engine, "before_cursor_execute", record)
    yield seen
    event.remove(prefixes.engine, "before_cursor_execute", record)


def _prefix_queries(seen: list[tuple[str, Any]]) -> list[str]:
    """The FTS5 prefix expressions the statements passed to MATCH."""
    found = []
    for _statement, params in seen:
        values = params.values() if isinstance(params, dict) else params or ()
        found += [v for v in values if isinstance(v, str) and "*" in v]
    return found


def test_a_whole_word_is_never_looked_up_as_a_prefix(
    prefixes: Database, statements: list[tuple[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A prefix query merges every match before its first row; once the index says the
    prefix adds no word, the page, its count and its progress use the exact word only."""
    if prefixes.engine.dialect.name != "sqlite":
        pytest.skip("FTS5 plans")
    monkeypatch.setattr(search, "MANY_MATCHES", 2)  # "budget" is a common word here
    monkeypatch.setattr(search, "_MOST_GATHERED", 0)  # too common to gather its matches
    monkeypatch.setattr(reads, "COUNT_CAP", 2)
    f = QueueFilter(search="budget")
    with prefixes.readers() as s:
        assert len(queue_page(s, f, limit=2).rows) == 2
        assert progress(s, f).matching == Count(2, capped=True)
    assert _prefix_queries(statements) == []
    statements.clear()
    # 4 rows of each: more than a few match, and the prefix adds few enough to list.
    monkeypatch.setattr(search, "MANY_MATCHES", 5)
    with prefixes.readers() as s:
        queue_page(s, QueueFilter(search="security"), limit=2)
    # "security" also finds "securitization": those rows are read once, as a list.
    assert _prefix_queries(statements) == ['("security"*) NOT ("security")']


def _common_word_quotes(database: Database, n: int) -> None:
    seeded = seed(database)
    with database.sessions.begin() as s:
        for i in range(n):
            s.add(
                Quote(
                    article_id=seeded.article_id,
                    text=f"budget {i}" if i % 2 else f"talks {i}",
                    start=0,
                    end=5,
                    type="direct",
                    confidence=(i // 2 % 10) / 10,  # each pair: one of each, in key order
                )
            )


def _first_page_statements(database: Database) -> list[str]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(database.engine, "before_cursor_execute", record)
    with database.readers() as s:
        page = queue_page(s, QueueFilter(search="budget"), limit=10)
    event.remove(database.engine, "before_cursor_execute", record)
    assert len(page.rows) == 10 and page.next_key is not None
    # From the vocabulary seek on: the word's tokens are remembered from the first time.
    return seen[next(i for i, st in enumerate(seen) if "quotes_fts_terms WHERE" in st) :]


def test_a_first_page_runs_the_same_statements_whatever_the_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A common word's first page sends the same statements, IN lists of the same length
    included, at 200 and at 2,000 quotes, and none reads every match: no match set
    gathered, no MATCH without a LIMIT but the lookup of one row by its key."""
    monkeypatch.setattr(search, "MANY_MATCHES", 50)  # half of either database: common
    monkeypatch.setattr(search, "_MOST_GATHERED", 50)
    statements = []
    for n in (200, 2_000):
        database = open_database(str(tmp_path / f"{n}.db"))
        _common_word_quotes(database, n)
        statements.append(_first_page_statements(database))
        database.engine.dispose()
    assert statements[0] == statements[1]
    for sql in statements[0]:
        assert "IN (SELECT quotes_fts.rowid" not in sql  # no match set gathered
        assert "MATCH" not in sql or "LIMIT" in sql or "quotes_fts.rowid = quotes.id" in sql
