"""`quotes sql` cannot write, leak or blow up: one test per attack of issue 13 (items 3 and 6,
and VACUUM), on SQLite and, under `scripts/with-postgres.sh`, on PostgreSQL as the
non-superuser role the test cluster gives ($QUOTES_TEST_PG). The superuser ($QUOTES_TEST_PG_ADMIN)
is used only to check that it is refused and to create reader roles.

Memory limits are proven with small limits set through the options, never with gigabytes;
"fetches only what it prints" is proven with rows that raise an error when evaluated.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from quotes.cli import app
from quotes.store import query_stream
from quotes.store.database import Database
from quotes.store.readonly import QueryLimits, QueryTimeout, open_readonly_query
from tests.export.conftest import make_article, make_quote

runner = CliRunner()
ADMIN_URL = os.environ.get("QUOTES_TEST_PG_ADMIN")
QUOTES = 3


@pytest.fixture
def db(database: Database, db_url: str) -> str:
    """A migrated database (SQLite file or PostgreSQL) holding three quotes; its --db."""
    with database.sessions.begin() as s:
        article = make_article("a.txt", outlet="Reuters")
        s.add_all(make_quote(article, f"Quote {i}.") for i in range(QUOTES))
    return db_url


def is_pg(url: str) -> bool:
    return url.startswith("postgresql")


def sql(url: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["sql", "--db", url, *args])
    return result.exit_code, result.stdout, result.stderr


def quote_count(url: str) -> int:
    engine = create_engine(url if is_pg(url) else f"sqlite:///{url}")
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM quotes")).scalar_one())
    finally:
        engine.dispose()


def has_table(url: str, name: str) -> bool:
    engine = create_engine(url if is_pg(url) else f"sqlite:///{url}")
    try:
        return name in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def refused(code: int, out: str, err: str, why: str) -> None:
    assert code == 1, (out, err)
    assert out == ""
    assert why in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    "statement",
    [
        "ROLLBACK; DELETE FROM quotes",
        "COMMIT; DELETE FROM quotes",
        "SELECT 1; DELETE FROM quotes",
        "SELECT 1 /* ; */; DELETE FROM quotes",
        "SELECT '\\'; DELETE FROM quotes; --'",  # no backslash escapes in a plain string
    ],
)
def test_a_second_statement_is_refused_and_nothing_is_deleted(db: str, statement: str) -> None:
    refused(*sql(db, statement), "exactly one statement")
    assert quote_count(db) == QUOTES


def test_commit_then_create_is_refused(db: str) -> None:
    refused(*sql(db, "COMMIT; CREATE TABLE evil(x int)"), "exactly one statement")
    assert not has_table(db, "evil")


def test_commit_cannot_carry_a_query_past_the_time_limit(db: str) -> None:
    forever = (
        "SELECT pg_sleep(30)"
        if is_pg(db)
        else "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT max(x) FROM c"
    )
    # Refused before anything runs, so nothing waits on the sleep.
    refused(*sql(db, f"COMMIT; {forever}", "--timeout", "0.5"), "exactly one statement")


def test_the_time_limit_holds_inside_the_statement(db: str) -> None:
    """A query that lifts its own statement_timeout (PostgreSQL) or runs forever (SQLite) is
    still stopped."""
    query = (
        "SELECT set_config('statement_timeout', '0', false), pg_sleep(30)"
        if is_pg(db)
        else "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT max(x) FROM c"
    )
    refused(*sql(db, query, "--timeout", "0.3"), "timed out after 0.3s")


def test_semicolons_inside_literals_and_comments_stay_one_statement(db: str) -> None:
    queries = {"SELECT ';' AS s -- ; DELETE FROM quotes": ";"}
    if is_pg(db):
        queries["SELECT E'\\'; DELETE FROM quotes; --' AS s"] = "'; DELETE FROM quotes; --"
        queries["SELECT $x$; DELETE FROM quotes$x$ AS s"] = "; DELETE FROM quotes"
    else:
        queries["SELECT 1 AS [;DELETE FROM quotes], ';' AS s"] = ";"
    for query, value in queries.items():
        code, out, err = sql(db, query, "--json")
        assert code == 0, err
        assert json.loads(out)[0]["s"] == value
    assert quote_count(db) == QUOTES


def test_a_data_modifying_cte_is_refused(db: str) -> None:
    query = (
        "WITH d AS (DELETE FROM quotes RETURNING id) SELECT count(*) FROM d"
        if is_pg(db)
        else "WITH x AS (SELECT 1) DELETE FROM quotes"
    )
    refused(*sql(db, query), "DELETE is not allowed")
    refused(*sql(db, "EXPLAIN ANALYZE DELETE FROM quotes"), "EXPLAIN")
    assert quote_count(db) == QUOTES


def test_select_into_is_refused(db: str) -> None:
    refused(*sql(db, "SELECT * INTO evil FROM quotes"), "INTO is not allowed")
    assert not has_table(db, "evil")


def test_vacuum_is_refused_as_vacuum(db: str, tmp_path: Path) -> None:
    code, out, err = sql(db, "VACUUM")
    refused(code, out, err, "VACUUM is not allowed")
    assert "ATTACH" not in err
    copy = tmp_path / "copy.db"
    refused(*sql(db, f"VACUUM INTO '{copy}'"), "VACUUM is not allowed")
    assert not copy.exists()


def test_copy_to_program_and_server_files_are_out_of_reach(db: str, tmp_path: Path) -> None:
    marker = tmp_path / "f"
    refused(*sql(db, f"COPY (SELECT 1) TO PROGRAM 'id > {marker}'"), "COPY is not allowed")
    assert not marker.exists()
    if is_pg(db):  # the test role is not a superuser: the server refuses the function
        refused(*sql(db, "SELECT pg_read_file('/etc/passwd')"), "permission denied")


def test_explain_of_a_read_runs(db: str) -> None:
    code, out, err = sql(db, "EXPLAIN SELECT * FROM quotes", "--json")
    assert code == 0, err
    assert json.loads(out)


# --- memory and time -------------------------------------------------------------------


def test_one_sqlite_call_cannot_allocate_past_the_size_limit(db: str) -> None:
    if is_pg(db):
        pytest.skip("SQLite's length limit")
    for query in (
        "SELECT zeroblob(200000000)",
        "SELECT length(replace(hex(zeroblob(4000000)), '0', '00'))",  # 16 MB from 8 MB
        "SELECT length(hex(zeroblob(6000000)))",
    ):
        code, out, err = sql(db, query, "--max-bytes", "10000000")
        refused(code, out, err, "grew past 10000000 bytes")
        assert "--max-bytes" in err
    code, out, _ = sql(db, "SELECT length(hex(zeroblob(6000000))) AS n", "--json")
    assert code == 0 and json.loads(out) == [{"n": 12000000}]  # under the default limit
    # A table's default is smaller (rendering it cannot be interrupted), and says so.
    code, out, err = sql(db, "SELECT length(hex(zeroblob(6000000))) AS n")
    refused(code, out, err, "grew past 1048576 bytes")


def _exploding(db: str) -> str:
    """Rows 1..12 are numbers; evaluating row 13 or later fails the query."""
    if is_pg(db):
        return (
            "SELECT CASE WHEN g <= 12 THEN g ELSE 1 / (g - g) END AS n "
            "FROM generate_series(1, 3000000) g"
        )
    return (
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 3000000) "
        "SELECT CASE WHEN x <= 12 THEN x ELSE abs(x - x - 9223372036854775807 - 1) END AS n "
        "FROM c"
    )


def test_limit_fetches_only_what_it_prints(db: str) -> None:
    """`--limit 10` over three million rows evaluates a dozen: the rest would fail."""
    code, out, err = sql(db, _exploding(db), "--limit", "10", "--json")
    assert code == 0, err
    assert [r["n"] for r in json.loads(out)] == list(range(1, 11))
    assert "truncated" in err
    # The same query with a limit that reaches the failing rows does fail: the probe is real.
    code, _, err = sql(db, _exploding(db), "--limit", "20", "--json")
    assert code == 1


@pytest.mark.parametrize("limit", ["0", "1000001", "-1"])
def test_limit_zero_is_not_unlimited(db: str, limit: str) -> None:
    code, _, err = sql(db, "SELECT 1", "--limit", limit)
    assert code == 2 and "--limit" in err


def _big_cell(db: str) -> str:
    # 20 MB of text in one cell.
    if is_pg(db):
        return "SELECT repeat('ab', 10000000) AS big, 1 AS n"
    return "SELECT hex(zeroblob(10000000)) AS big, 1 AS n"


def test_a_huge_cell_is_cut_with_a_notice(db: str) -> None:
    code, out, err = sql(db, _big_cell(db), "--max-bytes", "30000000")
    assert code == 0, err
    assert len(out) < 20_000  # a table cell is cut at 4000 bytes
    assert "1 cell truncated at 4000 bytes" in err and "--max-cell-bytes" in err
    code, out, err = sql(db, _big_cell(db), "--json", "--max-cell-bytes", "100")
    assert code == 0, err
    row = json.loads(out)[0]
    assert len(row["big"]) == 101 and row["big"].endswith("…") and row["n"] == 1
    assert "truncated at 100 bytes" in err


def test_the_result_stops_at_its_byte_limit(db: str) -> None:
    rows = (
        "SELECT repeat('x', 1000) AS s FROM generate_series(1, 50)"
        if is_pg(db)
        else "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 50) "
        "SELECT hex(zeroblob(500)) AS s FROM c"
    )
    code, out, err = sql(db, rows, "--json", "--max-bytes", "9500")
    assert code == 0, err
    assert len(json.loads(out)) == 9  # 9 x 1000 bytes fit in 9500, the 10th does not
    assert "result stopped at 9500 bytes after 9 rows" in err and "--max-bytes" in err


def test_the_time_limit_includes_printing(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows arrive fast but the caller is slow (a clock moved on by hand): the next row after
    the deadline raises, even though the database finished long ago."""
    offset = [0.0]
    real = query_stream.clock
    monkeypatch.setattr(query_stream, "clock", lambda: real() + offset[0])
    with open_readonly_query(_exploding(db), db, limits=QueryLimits(timeout=60, rows=10)) as rows:
        seen = iter(rows)
        assert next(seen) == (1,)
        offset[0] = 61  # the caller took a minute to print that row
        with pytest.raises(QueryTimeout, match="timed out after 60s"):
            next(seen)


# --- PostgreSQL roles ------------------------------------------------------------------


def _admin_for(db: str) -> str:
    """The superuser's URL, on the test's own database."""
    assert ADMIN_URL
    return make_url(ADMIN_URL).set(database=make_url(db).database).render_as_string(False)


@pytest.fixture
def pg_db(db: str) -> str:
    if not is_pg(db):
        pytest.skip("PostgreSQL roles")
    if not ADMIN_URL:
        pytest.skip("needs $QUOTES_TEST_PG_ADMIN (scripts/with-postgres.sh sets it)")
    return db


@pytest.fixture
def new_role(pg_db: str) -> Iterator[str]:
    """A fresh role name, dropped (with its grants) after the test."""
    name = f"qr_{uuid.uuid4().hex[:10]}"
    yield name
    admin = create_engine(_admin_for(pg_db), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first():
                conn.execute(text(f'DROP OWNED BY "{name}"'))
                conn.execute(text(f'DROP ROLE "{name}"'))
    finally:
        admin.dispose()


def test_a_superuser_is_refused(pg_db: str) -> None:
    refused(*sql(_admin_for(pg_db), "SELECT 1"), "superuser")
    refused(*sql(_admin_for(pg_db), "SELECT pg_read_file('/etc/passwd')"), "superuser")


def test_a_member_of_the_server_file_roles_is_refused(pg_db: str, new_role: str) -> None:
    admin = create_engine(_admin_for(pg_db), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{new_role}" LOGIN IN ROLE pg_read_server_files'))
    admin.dispose()
    as_member = make_url(pg_db).set(username=new_role).render_as_string(False)
    refused(*sql(as_member, "SELECT 1"), "member of pg_read_server_files")


def test_reader_role_reads_the_documented_tables_only(pg_db: str, new_role: str) -> None:
    owner = create_engine(pg_db)
    with owner.begin() as conn:  # a table the documentation does not list
        conn.execute(text("CREATE TABLE private_notes (x text)"))
    owner.dispose()
    result = runner.invoke(
        app, ["db", "reader", new_role, "--password", "-", "--db", _admin_for(pg_db)], input="pw\n"
    )
    assert result.exit_code == 0, result.stderr
    assert "created:" in result.stderr and "verified_quotes" in result.stderr
    assert "private_notes" not in result.stderr
    reader = make_url(pg_db).set(username=new_role, password="pw").render_as_string(False)
    code, out, err = sql(reader, "SELECT count(*) AS n FROM verified_quotes", "--json")
    assert code == 0, err
    assert json.loads(out) == [{"n": QUOTES}]
    refused(*sql(reader, "SELECT * FROM private_notes"), "permission denied")
    # Outside `quotes sql` too: the role's sessions are read-only and it has no write grant.
    engine = create_engine(reader)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SHOW default_transaction_read_only")).scalar() == "on"
            conn.execute(text("SET TRANSACTION READ WRITE"))
            with pytest.raises(Exception, match="permission denied"):
                conn.execute(text("DELETE FROM quotes"))
    finally:
        engine.dispose()
    assert quote_count(pg_db) == QUOTES
    # Running it again re-applies the grants rather than failing.
    again = runner.invoke(app, ["db", "reader", new_role, "--db", _admin_for(pg_db)])
    assert again.exit_code == 0 and "updated:" in again.stderr


@pytest.mark.parametrize("name", ["Robert'); DROP TABLE quotes;--", "pg_evil", "public", ""])
def test_reader_role_names_are_plain_identifiers(db: str, name: str) -> None:
    result = runner.invoke(app, ["db", "reader", name, "--db", db])
    assert result.exit_code == 1
    assert ("lowercase letters" if is_pg(db) else "for PostgreSQL") in result.stderr
    assert quote_count(db) == QUOTES


def test_a_table_shows_escapes_instead_of_obeying_them(db: str) -> None:
    """A cell or column name holding ESC/BEL (a terminal title, a screen clear) is printed
    as visible escapes in a table; JSON carries the exact text."""
    query = "SELECT 'a\x1b]0;pwned\x07' AS \"x\x1b[2J\""
    code, out, err = sql(db, query)
    assert code == 0, err
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;pwned\\x07" in out and "x\\x1b[2J" in out
    code, out, _ = sql(db, query, "--json")
    assert json.loads(out) == [{"x\x1b[2J": "a\x1b]0;pwned\x07"}]
