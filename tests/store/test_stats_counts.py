"""`quotes stats` counts: right on every backend, and answered from indexes (issue 19).

Speed is not asserted (no test times anything); what makes the command fast at a million
quotes is that SQLite's plan reads a narrow index instead of the quote rows, which its
`EXPLAIN QUERY PLAN` states deterministically.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import update

from quotes.store.database import Database, open_database
from quotes.store.models import Quote, Speaker
from quotes.store.stats import collect_stats
from tests.factories import seed


def test_counts_by_status_and_type_from_one_pass(database: Database) -> None:
    seeded = seed(database)
    with database.sessions.begin() as s:
        s.execute(update(Quote).where(Quote.id == seeded.quotes[0]).values(status="verified"))
        s.execute(update(Quote).where(Quote.id == seeded.quotes[1]).values(status="rejected"))
        s.execute(update(Speaker).where(Speaker.id == seeded.lavrov).values(verified=True))
    with database.readers() as s:
        stats = collect_stats(s)
    assert stats.quotes == 4
    assert stats.quotes_by_status == {"unverified": 2, "verified": 1, "rejected": 1}
    assert stats.quotes_by_type == {"direct": 2, "indirect": 2}
    assert (stats.speakers, stats.verified_speakers) == (2, 1)


def test_an_empty_database_counts_every_status_as_zero(database: Database) -> None:
    with database.readers() as s:
        stats = collect_stats(s)
    assert stats.quotes_by_status == {"unverified": 0, "verified": 0, "rejected": 0}
    assert stats.quotes_by_type == {}


def plan(path: Path, sql: str) -> str:
    with sqlite3.connect(path) as raw:
        rows = raw.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
    return "\n".join(str(row[-1]) for row in rows)


@pytest.mark.parametrize(
    ("sql", "index"),
    [
        (
            "SELECT status, type, count(*) FROM quotes GROUP BY status, type",
            "ix_quotes_status_type",
        ),
        ("SELECT origin, count(*) FROM quote_topics GROUP BY origin", "ix_quote_topics_origin"),
        (
            "SELECT count(*) FROM speakers WHERE merged_into_id IS NULL AND verified = 1",
            "ix_speakers_live_verified",
        ),
    ],
)
def test_stats_queries_read_a_covering_index_without_sorting(
    tmp_path: Path, sql: str, index: str
) -> None:
    path = tmp_path / "quotes.db"
    open_database(str(path)).engine.dispose()
    shown = plan(path, sql)
    assert f"COVERING INDEX {index}" in shown
    assert "TEMP B-TREE" not in shown
