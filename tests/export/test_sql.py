"""`quotes sql`: read-only, time-limited, row-capped; and the shared output options."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.store.database import Database, open_database
from quotes.store.readonly import (
    QueryTimeout,
    ReadOnlyQueryError,
    ReadOnlyViolation,
    readonly_connect,
    run_readonly_query,
)
from tests.export.conftest import make_article, make_quote

runner = CliRunner()

FOREVER = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT max(x) FROM c"


@pytest.fixture
def sqlite_db(db_path: Path) -> Path:
    """A SQLite file with a few quotes, checkpointed so the main file holds everything."""
    db = open_database(str(db_path))
    with db.sessions.begin() as s:
        article = make_article("a.txt", outlet="Reuters")
        s.add_all(make_quote(article, f"Quote {i}.", confidence=i / 10) for i in range(5))
    db.engine.dispose()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db_path


def digest(path: Path) -> tuple[str, str]:
    """The main file's bytes, and the WAL's if it has any: opening a WAL database (even
    read-only) may create an empty -wal file, which holds nothing."""
    wal = path.with_name(path.name + "-wal")
    wal_bytes = wal.read_bytes() if wal.exists() else b""
    return (
        hashlib.sha256(path.read_bytes()).hexdigest(),
        hashlib.sha256(wal_bytes).hexdigest() if wal_bytes else "-",
    )


def sql(db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["sql", "--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def test_select_as_table_json_and_csv(sqlite_db: Path) -> None:
    query = "SELECT id, text, confidence FROM quotes ORDER BY id"
    code, out, err = sql(sqlite_db, query)
    assert code == 0, err
    assert "Quote 4." in out and "5 rows" in err
    code, out, _ = sql(sqlite_db, query, "--json")
    assert code == 0
    data = json.loads(out)
    assert [r["text"] for r in data] == [f"Quote {i}." for i in range(5)]
    assert data[1]["confidence"] == 0.1
    code, out, _ = sql(sqlite_db, query, "--csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["id", "text", "confidence"] and len(rows) == 6
    code, _, err = sql(sqlite_db, query, "--csv", "--json")
    assert code == 2 and "cannot be used together" in err


def test_the_view_and_fts_are_queryable(sqlite_db: Path) -> None:
    code, out, _ = sql(sqlite_db, "SELECT count(*) AS n FROM verified_quotes", "--json")
    assert code == 0 and json.loads(out) == [{"n": 5}]
    code, out, _ = sql(
        sqlite_db, "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'quote'", "--json"
    )
    assert code == 0 and len(json.loads(out)) == 5


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO topics (name, created_at) VALUES ('x', '2024-01-01')",
        "UPDATE quotes SET text = 'changed'",
        "DELETE FROM quotes",
        "DROP TABLE quotes",
        "DROP VIEW verified_quotes",
        "CREATE TABLE t (x)",
        "CREATE TEMP TABLE t (x)",
        "ALTER TABLE quotes ADD COLUMN x",
        "ATTACH DATABASE '{other}' AS other",
        "PRAGMA query_only = OFF",
        "PRAGMA journal_mode = DELETE",
        "VACUUM",
        "REINDEX",
        "ANALYZE",
        "INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')",
        "UPDATE sqlite_master SET sql = 'x' WHERE name = 'quotes'",
        "WITH x AS (SELECT 1) DELETE FROM quotes",
    ],
)
def test_writes_are_refused_and_the_file_is_untouched(
    sqlite_db: Path, tmp_path: Path, statement: str
) -> None:
    other = tmp_path / "other.db"
    before = digest(sqlite_db)
    code, out, err = sql(sqlite_db, statement.format(other=other))
    assert code == 1
    assert out == ""
    assert "read-only:" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert digest(sqlite_db) == before
    assert not other.exists()


def test_refusal_names_what_was_refused(sqlite_db: Path) -> None:
    with pytest.raises(ReadOnlyViolation, match="read-only: ATTACH is not allowed"):
        run_readonly_query("ATTACH DATABASE ':memory:' AS m", str(sqlite_db))
    with pytest.raises(ReadOnlyViolation, match="read-only: DELETE is not allowed"):
        run_readonly_query("DELETE FROM quotes", str(sqlite_db))
    with pytest.raises(ReadOnlyViolation, match="read-only: VACUUM is not allowed"):
        run_readonly_query("VACUUM", str(sqlite_db))
    with pytest.raises(ReadOnlyViolation, match="PRAGMA query_only = 0"):
        run_readonly_query("PRAGMA query_only = 0", str(sqlite_db))
    with pytest.raises(ReadOnlyViolation, match="PRAGMA wal_checkpoint is not allowed"):
        run_readonly_query("PRAGMA wal_checkpoint", str(sqlite_db))


def test_the_connection_refuses_writes_without_the_statement_check(sqlite_db: Path) -> None:
    """The layers under the statement check hold on their own: the authorizer names what it
    denied, and the read-only file refuses whatever the authorizer let through."""
    before = digest(sqlite_db)
    conn, authorizer = readonly_connect(sqlite_db)
    try:
        for statement in ("DELETE FROM quotes", "CREATE TABLE t (x)", "VACUUM"):
            with pytest.raises(sqlite3.DatabaseError):
                conn.execute(statement)
        assert authorizer.refused[0] == "DELETE quotes"
    finally:
        conn.close()
    assert digest(sqlite_db) == before


def test_reading_pragmas_are_allowed(sqlite_db: Path) -> None:
    result = run_readonly_query("PRAGMA table_info(quotes)", str(sqlite_db))
    assert "text" in [r[1] for r in result.rows]
    assert run_readonly_query("PRAGMA user_version", str(sqlite_db)).rows == [(0,)]


def test_a_query_that_runs_forever_is_stopped(sqlite_db: Path) -> None:
    with pytest.raises(QueryTimeout, match=r"timed out after 0\.3s"):
        run_readonly_query(FOREVER, str(sqlite_db), timeout=0.3)
    code, _, err = sql(sqlite_db, FOREVER, "--timeout", "0.2")
    assert code == 1
    assert "timed out" in err and "--timeout" in err


def test_row_cap_says_it_truncated(sqlite_db: Path) -> None:
    numbers = (
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 50) SELECT x FROM c"
    )
    result = run_readonly_query(numbers, str(sqlite_db), limit=10)
    assert result.truncated and len(result.rows) == 10
    assert not run_readonly_query(numbers, str(sqlite_db), limit=50).truncated
    with pytest.raises(ReadOnlyQueryError, match="between 1 and 1000000"):
        run_readonly_query(numbers, str(sqlite_db), limit=0)  # 0 is not "unlimited"
    code, out, err = sql(sqlite_db, numbers, "--limit", "7", "--json")
    assert code == 0
    assert len(json.loads(out)) == 7
    assert "truncated" in err and "7" in err
    code, out, err = sql(sqlite_db, numbers, "--json")
    assert len(json.loads(out)) == 50 and "truncated" not in err


def test_default_limit_is_1000(sqlite_db: Path) -> None:
    many = (
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 1500) SELECT x FROM c"
    )
    code, out, err = sql(sqlite_db, many, "--csv")
    assert code == 0
    assert len(out.splitlines()) == 1001 and "truncated" in err


def test_errors_are_one_line(sqlite_db: Path, tmp_path: Path) -> None:
    for args in (["SELEC 1"], ["SELECT * FROM nope"], ["SELECT 1; SELECT 2"]):
        code, _, err = sql(sqlite_db, *args)
        assert code == 1, args
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    missing = tmp_path / "missing.db"
    code, _, err = sql(missing, "SELECT 1")
    assert code == 1 and "no database" in err
    assert not missing.exists()  # quotes sql never creates a database
    with pytest.raises(ReadOnlyQueryError):
        run_readonly_query("SELECT 1", "sqlite://")


def test_blobs_and_nulls_print(sqlite_db: Path) -> None:
    code, out, _ = sql(sqlite_db, "SELECT x'00ff' AS b, NULL AS n", "--json")
    assert code == 0 and json.loads(out) == [{"b": "00ff", "n": None}]
    code, out, _ = sql(sqlite_db, "SELECT x'00ff' AS b, NULL AS n")
    assert code == 0 and "00ff" in out


def test_emit_api_directly() -> None:
    from quotes.cli.output import OutputFormat, emit

    rows: list[dict[str, Any] | tuple[Any, ...]] = [{"a": 1, "b": "x,y"}, (2, None)]
    fh = io.StringIO()
    assert emit(rows, ["a", "b"], OutputFormat.csv, file=fh) == 2
    assert list(csv.reader(io.StringIO(fh.getvalue()))) == [["a", "b"], ["1", "x,y"], ["2", ""]]
    fh = io.StringIO()
    emit(iter(rows), ["a", "b"], "json", file=fh)
    assert json.loads(fh.getvalue()) == [{"a": 1, "b": "x,y"}, {"a": 2, "b": None}]
    fh = io.StringIO()
    assert emit([], ["a"], "json", file=fh) == 0 and json.loads(fh.getvalue()) == []
    fh = io.StringIO()
    emit(rows, ["a", "b"], "table", file=fh, title="t")
    assert "x,y" in fh.getvalue()


def test_server_database_branch(database: Database, db_url: str) -> None:
    """PostgreSQL: a READ ONLY transaction and statement_timeout (runs under make test-pg)."""
    if database.engine.dialect.name == "sqlite":
        pytest.skip("the SQLite branch is covered above")
    with database.sessions.begin() as s:
        s.add(make_quote(make_article("pg.txt"), "On the server."))
    result = run_readonly_query("SELECT text FROM quotes", db_url)
    assert result.rows == [("On the server.",)] and not result.truncated
    numbers = "SELECT generate_series(1, 30)"
    assert run_readonly_query(numbers, db_url, limit=5).truncated
    with pytest.raises(ReadOnlyViolation, match="read-only"):
        run_readonly_query("DELETE FROM quotes", db_url)
    with pytest.raises(QueryTimeout, match="timed out"):
        run_readonly_query("SELECT pg_sleep(5)", db_url, timeout=0.3)
    assert run_readonly_query("SELECT count(*) FROM quotes", db_url).rows == [(1,)]
