"""Fixtures shared by every test: real SQLite files migrated by the real migrations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from quotes.store.database import Database, open_database

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "quotes.db"


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    """A new database file at the head revision."""
    db = open_database(str(db_path))
    yield db
    db.engine.dispose()


@pytest.fixture(autouse=True)
def _isolate_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A developer's own $QUOTES_DB or curator must never leak into a test.
    monkeypatch.delenv("QUOTES_DB", raising=False)
    monkeypatch.setenv("QUOTES_CURATOR", "tester")
