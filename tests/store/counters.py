"""The one check of `quotes stats`' trigger-kept counters (migration 0010): every count they
give equals what the plain queries count in the same snapshot, the set of statements in
conflict is exactly what the statements listing and the queue's filter call a conflict,
and the stdlib fast path reads the same counters."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from quotes.store.database import Database
from quotes.store.statement_sql import conflicting_statement_ids
from quotes.store.stats import Stats, collect_stats, query_stats, read_sqlite_stats


def assert_counts_match(database: Database, path: Path, when: str = "") -> Stats:
    """The plain queries' `Stats`, after asserting the counters say the same."""
    with database.readers() as s:
        counted = collect_stats(s)
        queried = query_stats(s)
        kept = set(s.execute(text("SELECT statement_id FROM statement_conflicts")).scalars())
        conflicting = set(s.execute(conflicting_statement_ids()).scalars())
        negative = s.execute(text("SELECT name, k1, k2, n FROM stat_counts WHERE n < 0")).all()
    assert negative == [], when
    assert counted == queried, when
    assert kept == conflicting, when
    fast = read_sqlite_stats(str(path))
    assert fast is not None, when
    assert fast.stats == queried, when
    return queried
