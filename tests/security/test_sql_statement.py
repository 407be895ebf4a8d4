"""The one-reading-statement check of `quotes sql`, on its own (no database): what it lets
through and what it refuses, with the tricks that hide or fake a semicolon."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotes.store.sql_statement import (
    Dialect,
    StatementRefused,
    StatementUnreadable,
    read_statement,
    tokenize,
)

BOTH: list[Dialect] = ["sqlite", "postgresql"]


@pytest.mark.parametrize("dialect", BOTH)
@pytest.mark.parametrize(
    ("sql", "text"),
    [
        ("SELECT 1", "SELECT 1"),
        ("SELECT 1;", "SELECT 1"),
        ("SELECT 1 ;  -- done\n", "SELECT 1 "),
        ("SELECT ';' AS semi", "SELECT ';' AS semi"),
        ("SELECT 'it''s; fine'", "SELECT 'it''s; fine'"),
        ('SELECT 1 AS "a;b"', 'SELECT 1 AS "a;b"'),
        ("SELECT 1 -- ; DELETE FROM quotes", "SELECT 1 -- ; DELETE FROM quotes"),
        ("SELECT 1 /* ; DROP TABLE quotes */", "SELECT 1 /* ; DROP TABLE quotes */"),
        ("WITH x AS (SELECT 1) SELECT * FROM x", "WITH x AS (SELECT 1) SELECT * FROM x"),
        ("VALUES (1), (2)", "VALUES (1), (2)"),
        ("EXPLAIN SELECT 1", "EXPLAIN SELECT 1"),
        ('SELECT "update" FROM t', 'SELECT "update" FROM t'),
        ("select t.delete from t", "select t.delete from t"),
    ],
)
def test_one_reading_statement_passes(dialect: Dialect, sql: str, text: str) -> None:
    assert read_statement(sql, dialect).text == text


@pytest.mark.parametrize("dialect", BOTH)
@pytest.mark.parametrize(
    ("sql", "why"),
    [
        ("ROLLBACK; DELETE FROM quotes", "exactly one statement"),
        ("ROLLBACK", "ROLLBACK is not allowed"),
        ("SELECT 1; DELETE FROM quotes", "exactly one statement"),
        ("SELECT 1;;SELECT 2", "exactly one statement"),
        ("COMMIT; SELECT pg_sleep(30)", "exactly one statement"),
        ("SELECT 1 /* x */; CREATE TABLE evil(x int)", "exactly one statement"),
        ("SELECT '\\'; DELETE FROM quotes; --'", "exactly one statement"),
        ("VACUUM", "VACUUM is not allowed"),
        ("WITH x AS (SELECT 1) DELETE FROM quotes", "DELETE is not allowed"),
        ("SELECT * INTO evil FROM quotes", "INTO is not allowed"),
        ("SELECT * FROM quotes FOR UPDATE", "UPDATE is not allowed"),
        ("EXPLAIN DELETE FROM quotes", "EXPLAIN DELETE is not a read"),
        ("COPY (SELECT 1) TO PROGRAM 'id'", "COPY is not allowed"),
        ("", "empty"),
        ("-- nothing\n;", "empty"),
        ("SELECT 1\x00; DELETE FROM quotes", "NUL"),
    ],
)
def test_anything_else_is_refused(dialect: Dialect, sql: str, why: str) -> None:
    with pytest.raises(StatementRefused, match=why):
        read_statement(sql, dialect)


def test_postgresql_literals() -> None:
    # E'' strings escape with a backslash: this is one SELECT of one string.
    sql = "SELECT E'\\'; DELETE FROM quotes; --'"
    assert read_statement(sql, "postgresql").text == sql
    # Dollar quotes, tagged or not, hide semicolons; a tag inside another does not close it.
    for sql in ("SELECT $$;$$", "SELECT $a$ $$; $a$", "SELECT $fn$ ' $fn$"):
        assert read_statement(sql, "postgresql").text == sql
    with pytest.raises(StatementRefused, match="exactly one"):
        read_statement("SELECT $a$ x $a$; DELETE FROM quotes", "postgresql")
    # Block comments nest on PostgreSQL only.
    nested = "SELECT 1 /* a /* b */ ; DELETE FROM quotes */"
    assert read_statement(nested, "postgresql").text == nested
    with pytest.raises(StatementRefused, match="exactly one"):
        read_statement(nested, "sqlite")
    # `$1` is a parameter, `a$b` one identifier, not a dollar quote.
    assert [t.kind for t in tokenize("SELECT a$b, $1", "postgresql")] == [
        "word",
        "word",
        "symbol",
        "param",
    ]


def test_sqlite_quoting() -> None:
    for sql in ("SELECT 1 AS [a;b]", "SELECT 1 AS `a;b`", "SELECT x'00ff'"):
        assert read_statement(sql, "sqlite").text == sql
    assert read_statement("PRAGMA table_info(quotes)", "sqlite").text.startswith("PRAGMA")
    with pytest.raises(StatementRefused, match="PRAGMA is not allowed"):
        read_statement("PRAGMA table_info(quotes)", "postgresql")


@pytest.mark.parametrize("dialect", BOTH)
@pytest.mark.parametrize(
    "sql", ["SELECT 'open", 'SELECT "open', "SELECT 1 /* open", "SELECT $$ open"]
)
def test_unterminated_is_unreadable(dialect: Dialect, sql: str) -> None:
    if dialect == "sqlite" and "$$" in sql:
        pytest.skip("SQLite has no dollar quotes")
    with pytest.raises(StatementUnreadable, match="unterminated"):
        read_statement(sql, dialect)


# Characters that make up the tricks: quotes, comment openers, dollars, backslashes.
_PIECES = st.sampled_from(
    ["'", '"', "`", "[", "]", "$$", "$a$", "--", "/*", "*/", "\\", "E'", "\n", " ", "x", ";"]
)


@given(st.lists(_PIECES, max_size=14).map("".join))
def test_sqlite_agrees_there_is_one_statement(noise: str) -> None:
    """Differential against SQLite's own tokenizer (`sqlite3.complete_statement`): whatever
    the check lets through has no complete statement before its end, so nothing can follow
    the statement SQLite runs."""
    sql = f"SELECT 1 {noise}; DELETE FROM quotes"
    try:
        text = read_statement(sql, "sqlite").text
    except (StatementRefused, StatementUnreadable):
        return
    cuts = [i for i, ch in enumerate(text) if ch == ";"]
    assert not any(sqlite3.complete_statement(text[: i + 1]) for i in cuts)
    assert "DELETE" not in [t.text.upper() for t in tokenize(text, "sqlite") if t.kind == "word"]
