"""A rare word's page on PostgreSQL reads its matches first, a common word's walks (issue 19).

PostgreSQL's planner gives every prefix query the same share of the table and walks the
queue's index testing each row's tsvector: a word no quote holds then tested every row of
the queue (13 s at a million quotes, `bench/search_pg.py`). `quotes.store.search` reads the
share from the statistics ANALYZE keeps on the GIN index's lexemes and, for a word below
the "common" threshold, reads the matches from the index first (`SearchPlan.gathers`).
These tests run on PostgreSQL only, on `test_search_plans`' small database, analyzed: the
plan follows the statistics, and every plan pages and counts exactly like the plain query.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from quotes.curation.filters import QueueFilter, SortOrder, StatusFilter
from quotes.curation.reads import progress
from quotes.store import search
from quotes.store.database import Database
from tests.conftest import PG_URL, _drop_pg_database, _new_pg_database
from tests.store.test_search_plans import (
    HOSTILE,
    STATUSES,
    _fill,
    paged_ids,
    plain_counts,
    plain_ids,
)

pytestmark = pytest.mark.skipif(not PG_URL, reason="PostgreSQL's plans: needs $QUOTES_TEST_PG")


@pytest.fixture
def db_url() -> Iterator[str]:
    """PostgreSQL only (overrides the two-backend fixture): SQLite has its own plan tests."""
    url = _new_pg_database()
    yield url
    _drop_pg_database(url)


@pytest.fixture
def analyzed(database: Database) -> Database:
    """`test_search_plans`' quotes, with the statistics ANALYZE leaves (as autovacuum would)."""
    _fill(database)
    with database.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE quotes")
        conn.commit()
    return database


def _matching(database: Database, word: str) -> int:
    return len(plain_ids(database, QueueFilter(status="any", search=word)))


def test_the_estimate_comes_from_the_index_statistics(analyzed: Database) -> None:
    with analyzed.readers() as s:
        budget = search._pg_matches(s, ["budget"])  # one lexeme, no other starts with it
        secur = search._pg_matches(s, ["secur"])  # "secur" and "securit" (securitization)
        absent = search._pg_matches(s, ["zzzq"])
        stop = search._pg_matches(s, ["the"])
        both = search._pg_matches(s, ["budget", "talks"])
    assert budget is not None and abs(budget - _matching(analyzed, "budget")) <= 1
    # A prefix adds up every lexeme it starts: at least the quotes holding any of them.
    assert secur is not None and secur >= _matching(analyzed, "secur") - 1
    assert absent == 0  # below the share of any lexeme the statistics list
    assert stop == 0  # to_tsquery drops a stop word: the search matches nothing
    assert both is not None and both <= budget


@pytest.mark.parametrize(
    ("word", "many", "gathers"),
    [
        ("zzzq", 1_000, True),  # a typo: no quote holds it
        ("the", 1_000, True),  # a stop word only: nothing to match
        ("budget", 10_000, True),  # rare below a high threshold
        ("budget", 1, False),  # common above a low one: the planner walks the queue
        ("security", 1, False),
    ],
)
def test_a_rare_word_reads_its_matches_first_a_common_one_does_not(
    analyzed: Database, monkeypatch: pytest.MonkeyPatch, word: str, many: int, gathers: bool
) -> None:
    monkeypatch.setattr(search, "MANY_MATCHES", many)
    with analyzed.readers() as s:
        plan = search.page_plan(s, word)
    assert plan is not None and plan.gathers is gathers and not plan.probes


def test_without_statistics_the_planner_chooses(database: Database) -> None:
    # an empty table: ANALYZE has nothing to keep
    with database.readers() as s:
        plan = search.page_plan(s, "zzzq")
    assert plan is not None and not plan.gathers


WORDS = ("security", "sec", "budget", "budget talks", "zzzq", "the", "the security", "SÉCURITÉ")


@pytest.mark.parametrize("many", [1, 10_000], ids=["walks", "gathers"])
@pytest.mark.parametrize("word", [*WORDS, *HOSTILE])
@pytest.mark.parametrize(
    ("status", "sort"),
    [("unverified", "confidence"), ("any", "confidence"), ("verified", "newest")],
)
def test_every_pg_plan_pages_and_counts_like_the_plain_query(
    analyzed: Database,
    monkeypatch: pytest.MonkeyPatch,
    many: int,
    word: str,
    status: StatusFilter,
    sort: SortOrder,
) -> None:
    monkeypatch.setattr(search, "MANY_MATCHES", many)
    f = QueueFilter(status=status, sort=sort, search=word)
    assert paged_ids(analyzed, f, 3) == plain_ids(analyzed, f)
    want = plain_counts(analyzed, f)
    with analyzed.readers() as s:
        got = progress(s, f, exact=True)
    assert (got.unverified, got.verified, got.rejected) == tuple(want.get(k, 0) for k in STATUSES)
