"""`quotes extract` killed with SIGKILL mid-run: the file stays whole and resumable.

No sleeps: the run is killed at known points, either by itself inside its k-th write
transaction (rows written, commit not yet; `QUOTES_FAULT_KILL_IN_WRITE`), or by the test
once the run has stopped itself right after its k-th commit, which the test sees with a
plain read-only connection (`QUOTES_FAULT_STOP_AFTER_COMMIT`). An article is stored with
all its quotes or not at all, so after any kill every stored article has exactly the quotes
an uninterrupted run gives it, and re-running completes the corpus to the clean result.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from quotes.store.database import open_database
from quotes.store.models import Article, Quote
from tests.reliability.corpus import seed_variants
from tests.reliability.processes import (
    QUOTES,
    committed_articles,
    kill,
    start,
    wait_killed_by_hook,
    wait_until_stopped,
)

BATCH = 2
COPIES = 3  # 15 articles: 8 write transactions of BATCH articles (the last holds one)
ARTICLES = 5 * COPIES


def quotes_per_article(db: Path) -> dict[str, int]:
    database = open_database(str(db))
    with database.readers() as s:
        rows = s.execute(
            select(Article.source, func.count(Quote.id))
            .outerjoin(Quote, Quote.article_id == Article.id)
            .group_by(Article.id)
        ).all()
    database.engine.dispose()
    return {Path(src).name: n for src, n in rows}


def integrity(db: Path) -> None:
    database = open_database(str(db))
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    database.engine.dispose()


def extract(folder: Path, db: Path) -> list[str]:
    return [*QUOTES, "extract", str(folder), "--db", str(db), "--batch-size", str(BATCH)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The corpus, and the quote counts of a clean, uninterrupted run over it."""
    folder = tmp_path_factory.mktemp("corpus")
    seed_variants(folder, copies=COPIES)
    clean = tmp_path_factory.mktemp("clean") / "clean.db"
    subprocess.run(extract(folder, clean), check=True, capture_output=True)
    counts = quotes_per_article(clean)
    assert len(counts) == ARTICLES and sum(counts.values()) > 0
    return folder, counts


def only_whole_articles_then_resume(
    db: Path, folder: Path, expected: dict[str, int], stored: int
) -> None:
    integrity(db)
    partial = quotes_per_article(db)
    assert len(partial) == stored
    for name, n in partial.items():
        assert n == expected[name], f"{name}: {n} quotes stored, a clean run {expected[name]}"
    subprocess.run(extract(folder, db), check=True, capture_output=True)
    integrity(db)
    assert quotes_per_article(db) == expected
    assert Counter(quotes_per_article(db).values()) == Counter(expected.values())


@pytest.mark.parametrize("k", [1, 4, 8])
def test_killed_inside_the_kth_write_transaction(
    tmp_path: Path, corpus: tuple[Path, dict[str, int]], k: int
) -> None:
    """The k-th transaction's rows were written but never committed: none of them survive."""
    folder, expected = corpus
    db = tmp_path / "killed.db"
    wait_killed_by_hook(start(extract(folder, db), kill_in_write=k))
    only_whole_articles_then_resume(db, folder, expected, stored=(k - 1) * BATCH)


@pytest.mark.parametrize("k", [1, 3, 7])
def test_killed_after_the_kth_observed_commit(
    tmp_path: Path, corpus: tuple[Path, dict[str, int]], k: int
) -> None:
    """Killed from outside once k batches are committed, as seen by an independent reader."""
    folder, expected = corpus
    db = tmp_path / "killed.db"
    child = start(extract(folder, db), stop_after_commit=k)
    try:
        wait_until_stopped(child)
        assert committed_articles(db) == k * BATCH
    finally:
        kill(child)
    assert committed_articles(db) == k * BATCH
    only_whole_articles_then_resume(db, folder, expected, stored=k * BATCH)
