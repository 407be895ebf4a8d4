"""`quotes extract` killed with SIGKILL at random points: the file stays whole and resumable.

An article is stored with all its quotes or not at all, so after any kill every stored
article has exactly the quotes an uninterrupted run gives it, and re-running completes
the corpus without duplicating anything.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from quotes.store.database import open_database
from quotes.store.models import Article, Quote
from tests.reliability.corpus import seed_variants

QUOTES = [sys.executable, "-m", "quotes"]


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


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The corpus, and the quote counts of a clean, uninterrupted run over it."""
    folder = tmp_path_factory.mktemp("corpus")
    seed_variants(folder, copies=6)
    clean = tmp_path_factory.mktemp("clean") / "clean.db"
    subprocess.run(
        [*QUOTES, "extract", str(folder), "--db", str(clean)], check=True, capture_output=True
    )
    return folder, quotes_per_article(clean)


@pytest.mark.parametrize("run", range(2))
def test_sigkill_during_extract(
    tmp_path: Path, corpus: tuple[Path, dict[str, int]], run: int
) -> None:
    folder, expected = corpus
    db = tmp_path / "killed.db"
    child = subprocess.Popen(
        [*QUOTES, "extract", str(folder), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    # Let it load the model and store some batches, then kill it mid-run.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (db.exists() and quotes_per_article(db)):
        time.sleep(0.2)
    time.sleep(random.Random(run).uniform(0.0, 1.5))
    child.send_signal(signal.SIGKILL)
    child.wait()

    integrity(db)
    partial = quotes_per_article(db)
    assert len(partial) < len(expected), "the run finished before the kill; kill earlier"
    for name, n in partial.items():
        assert n == expected[name], (
            f"{name}: {n} quotes stored, a whole run stores {expected[name]}"
        )

    subprocess.run(
        [*QUOTES, "extract", str(folder), "--db", str(db)], check=True, capture_output=True
    )
    integrity(db)
    assert quotes_per_article(db) == expected
    assert Counter(quotes_per_article(db).values()) == Counter(expected.values())
