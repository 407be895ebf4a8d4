"""Is this text exactly one statement that only reads? Decided by tokenizing, not by regex.

`quotes sql` hands someone's text to the database. The database's own defences (a read-only
transaction, SQLite's authorizer) stop most writes, but not everything: PostgreSQL runs
`ROLLBACK; DELETE ...` as two statements and the second one is outside the read-only
transaction, and `SELECT ... INTO t` creates a table. So before the text reaches a driver,
it is split into tokens the way the database will read it (comments, string literals, quoted
identifiers, PostgreSQL's dollar quotes and E'' strings), and refused unless it is one
statement starting with SELECT, WITH, VALUES or EXPLAIN of those (and, on SQLite, PRAGMA,
which the authorizer then limits to reading pragmas) with no data-modifying keyword anywhere.

The check errs on the side of refusing: a column that happens to be called `update` must be
written as `"update"`. It is one layer of several; see `quotes.store.readonly`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Dialect = Literal["sqlite", "postgresql"]

# What SQL itself counts as blank; other Unicode spaces are identifier characters to both
# SQLite and PostgreSQL, so treating them as blanks would let the check and the server disagree.
_BLANK = " \t\n\r\f\v"
_WORD = re.compile(r"[A-Za-z_\x80-\U0010ffff][A-Za-z0-9_$\x80-\U0010ffff]*")
_NUMBER = re.compile(r"[0-9.][0-9A-Za-z_.]*")
_DOLLAR_TAG = re.compile(r"\$(?:[A-Za-z_\x80-\U0010ffff][A-Za-z0-9_\x80-\U0010ffff]*)?\$")
_PG_PARAM = re.compile(r"\$[0-9]+")

READ_STARTS = frozenset({"select", "with", "values"})
_EXPLAIN_WORDS = frozenset({"analyze", "analyse", "verbose", "query", "plan"})
# Keywords that only a statement changing data (or creating a table from a query) contains:
# data-modifying CTEs, SELECT ... INTO, SELECT ... FOR UPDATE.
_WRITE_WORDS = frozenset({"insert", "update", "delete", "merge", "into", "truncate", "copy"})


class StatementRefused(Exception):
    """The text is not exactly one reading statement; the message says what was found."""


class StatementUnreadable(Exception):
    """The text could not be tokenized (an unterminated string, comment or quote)."""


@dataclass(frozen=True)
class ReadStatement:
    text: str  # the statement, without a trailing semicolon
    explain: bool  # an EXPLAIN, which PostgreSQL cannot run as a cursor


@dataclass(frozen=True)
class Token:
    kind: Literal["word", "quoted", "string", "number", "param", "symbol"]
    text: str
    start: int


def _skip_to(sql: str, i: int, closer: str, what: str) -> int:
    end = sql.find(closer, i)
    if end < 0:
        raise StatementUnreadable(f"unterminated {what} starting at character {i + 1}")
    return end + len(closer)


def _doubled(sql: str, i: int, quote: str, what: str, *, backslash: bool = False) -> int:
    """The index just past a literal opened at `i` by `quote`, where a doubled quote (and, in
    PostgreSQL's E'' strings, a backslash) escapes."""
    j = i + 1
    while j < len(sql):
        ch = sql[j]
        if backslash and ch == "\\":
            j += 2
            continue
        if ch == quote:
            if sql.startswith(quote, j + 1):
                j += 2
                continue
            return j + 1
        j += 1
    raise StatementUnreadable(f"unterminated {what} starting at character {i + 1}")


def _block_comment(sql: str, i: int, dialect: Dialect) -> int:
    if dialect == "sqlite":  # SQLite's block comments do not nest
        return _skip_to(sql, i + 2, "*/", "comment")
    depth, j = 1, i + 2
    while depth:
        opened, closed = sql.find("/*", j), sql.find("*/", j)
        if closed < 0:
            raise StatementUnreadable(f"unterminated comment starting at character {i + 1}")
        if 0 <= opened < closed:
            depth, j = depth + 1, opened + 2
        else:
            depth, j = depth - 1, closed + 2
    return j


def tokenize(sql: str, dialect: Dialect) -> list[Token]:
    """The tokens of `sql` as `dialect` reads them, without blanks and comments."""
    tokens: list[Token] = []
    i, n = 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch in _BLANK:
            i += 1
        elif sql.startswith("--", i):
            newline = sql.find("\n", i)
            i = n if newline < 0 else newline + 1
        elif sql.startswith("/*", i):
            i = _block_comment(sql, i, dialect)
        elif ch == "'":
            prev = tokens[-1] if tokens else None
            escaped = (
                dialect == "postgresql"
                and prev is not None
                and prev.kind == "word"
                and prev.text in ("E", "e")
                and prev.start + 1 == i
            )
            end = _doubled(sql, i, "'", "string literal", backslash=escaped)
            tokens.append(Token("string", sql[i:end], i))
            i = end
        elif ch == '"' or (dialect == "sqlite" and ch == "`"):
            end = _doubled(sql, i, ch, "quoted identifier")
            tokens.append(Token("quoted", sql[i:end], i))
            i = end
        elif dialect == "sqlite" and ch == "[":
            end = _skip_to(sql, i + 1, "]", "quoted identifier")
            tokens.append(Token("quoted", sql[i:end], i))
            i = end
        elif dialect == "postgresql" and ch == "$" and (tag := _DOLLAR_TAG.match(sql, i)):
            end = _skip_to(sql, tag.end(), tag.group(), "dollar-quoted string")
            tokens.append(Token("string", sql[i:end], i))
            i = end
        elif dialect == "postgresql" and ch == "$" and (param := _PG_PARAM.match(sql, i)):
            tokens.append(Token("param", param.group(), i))
            i = param.end()
        elif word := _WORD.match(sql, i):
            tokens.append(Token("word", word.group(), i))
            i = word.end()
        elif ch.isdigit() or (ch == "." and sql[i + 1 : i + 2].isdigit()):
            number = _NUMBER.match(sql, i)
            assert number is not None
            tokens.append(Token("number", number.group(), i))
            i = number.end()
        else:
            tokens.append(Token("symbol", ch, i))
            i += 1
    return tokens


def _explained(tokens: list[Token]) -> int:
    """The index of the statement an EXPLAIN (at index 0) explains."""
    i = 1
    if i < len(tokens) and tokens[i].text == "(":  # PostgreSQL: EXPLAIN (ANALYZE, ...) ...
        depth = 0
        while i < len(tokens):
            depth += {"(": 1, ")": -1}.get(tokens[i].text, 0)
            i += 1
            if depth == 0:
                break
    while i < len(tokens) and tokens[i].kind == "word" and tokens[i].text.lower() in _EXPLAIN_WORDS:
        i += 1
    return i


def _first_word(tokens: list[Token], i: int) -> str:
    while i < len(tokens) and tokens[i].text == "(":
        i += 1
    if i >= len(tokens):
        return ""
    return tokens[i].text.lower() if tokens[i].kind == "word" else tokens[i].text


def read_statement(sql: str, dialect: Dialect) -> ReadStatement:
    """`sql` without its trailing semicolon, if it is exactly one reading statement.

    Raises StatementRefused (what was refused, one line) or StatementUnreadable.
    """
    if "\x00" in sql:
        raise StatementRefused("the query contains a NUL character")
    tokens = tokenize(sql, dialect)
    end = next((k for k, t in enumerate(tokens) if t.text == ";" and t.kind == "symbol"), None)
    if end is not None:
        extra = next((t for t in tokens[end:] if t.text != ";"), None)
        if extra is not None:
            raise StatementRefused(
                "exactly one statement is allowed, and there is more after the ';' "
                f"(at character {extra.start + 1})"
            )
        text = sql[: tokens[end].start]
        tokens = tokens[:end]
    else:
        text = sql
    if not tokens:
        raise StatementRefused("the query is empty")
    first = _first_word(tokens, 0)
    allowed = READ_STARTS | ({"pragma"} if dialect == "sqlite" else set())
    if first == "explain":
        inner = _first_word(tokens, _explained(tokens))
        if inner not in READ_STARTS:
            raise StatementRefused(f"EXPLAIN {inner.upper() or '(nothing)'} is not a read")
    elif first not in allowed:
        raise StatementRefused(f"{first.upper()} is not allowed: {allowed_statements(dialect)}")
    for k, token in enumerate(tokens):
        after_dot = k > 0 and tokens[k - 1].text == "."
        if token.kind == "word" and token.text.lower() in _WRITE_WORDS and not after_dot:
            raise StatementRefused(
                f"{token.text.upper()} is not allowed (at character {token.start + 1}): "
                f"{allowed_statements(dialect)}"
            )
    return ReadStatement(text, explain=first == "explain")


def allowed_statements(dialect: Dialect) -> str:
    """What `quotes sql` runs, for the refusal messages and the help."""
    pragma = " (or a reading PRAGMA)" if dialect == "sqlite" else ""
    return f"quotes sql runs one SELECT, WITH ... SELECT, VALUES or EXPLAIN of those{pragma}"
