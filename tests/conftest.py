"""Fixtures shared by every test: real databases migrated by the real migrations.

`database` runs each test on a new SQLite file and, when $QUOTES_TEST_PG names a
PostgreSQL server (`make test-pg` and CI start a throwaway one), again on a new
PostgreSQL database. No database is ever mocked.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from quotes.store.database import Database, open_database

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"
PG_URL = os.environ.get("QUOTES_TEST_PG")
BACKENDS = ["sqlite", *(["postgresql"] if PG_URL else [])]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A SQLite file, for the tests that are about SQLite files themselves."""
    return tmp_path / "quotes.db"


def _new_pg_database() -> str:
    assert PG_URL
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"quotes_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def _drop_pg_database(url: str) -> None:
    from quotes.store.engine import get_engine

    get_engine(url).dispose()
    # The superuser, where the cluster gives one: FORCE must also end backends the test role
    # may not signal (an autovacuum worker on the database, a reader role's session).
    owner = os.environ.get("QUOTES_TEST_PG_ADMIN") or PG_URL or ""
    admin = create_engine(owner, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty database on each backend under test (a path for SQLite)."""
    if request.param == "sqlite":
        yield str(tmp_path / "quotes.db")
        return
    url = _new_pg_database()
    yield url
    _drop_pg_database(url)


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    """A new database at the head revision."""
    db = open_database(db_url)
    yield db
    db.engine.dispose()


@pytest.fixture(autouse=True)
def _isolate_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # A developer's own $QUOTES_DB or curator must never leak into a test.
    monkeypatch.delenv("QUOTES_DB", raising=False)
    monkeypatch.setenv("QUOTES_CURATOR", "tester")
