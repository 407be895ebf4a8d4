"""Every CSV meant for a spreadsheet is guarded by one rule (issue 13, item 8).

`quotes export`, `quotes sql --csv`, `quotes speakers list/show --csv` and `quotes topics list
--csv` all defuse a formula, also one hidden behind leading spaces, NBSP, zero-width
characters, a BOM or a line feed; `--raw` gives the exact text on each.
"""

from __future__ import annotations

import csv
import io
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quotes.cli import app
from quotes.spreadsheet import guard_cell
from quotes.store.database import Database
from tests.export.conftest import make_article, make_quote, make_speaker

runner = CliRunner()

# Formulas as an attacker would hide them; each one ran unguarded somewhere before.
HOSTILE = [
    "=1+1",
    " =1+1",
    "\u00a0+1+1",
    "\u200b@SUM(A1:A2)",
    "\ufeff-2+3",
    '\n=HYPERLINK("http://evil")',
    "\t=1",
    "\r=1",
    " \u200d\u2060=cmd|' /C calc'!A0",
    "\uff1d1+1",  # fullwidth =
    "\u3000\uff0b1",  # ideographic space, fullwidth +
]
# Ordinary text stays byte-identical.
HARMLESS = ["Jens Stoltenberg", "'already text", " leading space", "Zoë ＡＢＣ", "1-2", "a=b"]


def spreadsheet_runs(cell: str) -> bool:
    """How a spreadsheet decides, written independently of `quotes.spreadsheet`: skip
    whitespace and invisible characters, then look at the first one left."""
    for ch in cell:
        if ch in "=+-@\t\r\uff1d\uff0b\uff0d\uff20":
            return True
        invisible = ch.isspace() or unicodedata.category(ch) in ("Zs", "Cf", "Cc")
        if not invisible and ch not in "\u200b\u200c\u200d\ufeff":
            return False
    return False


@settings(max_examples=500)
@given(
    st.lists(
        st.sampled_from(
            [" ", "\u00a0", "\u200b", "\u200c", "\u200d", "\ufeff", "\n", "\u2028", "\x00"]
        ),
        max_size=4,
    ).map("".join),
    st.text(max_size=20),
)
@example("", "=1+1")
@example("\u200b", "-1")
@example(" ", "plain")
def test_guarded_cell_is_never_a_formula_and_loses_nothing(lead: str, body: str) -> None:
    value = lead + body
    guarded = guard_cell(value)
    assert not spreadsheet_runs(guarded)
    assert guarded in (value, "'" + value)  # only ever a prefix: the value is recoverable
    if guarded != value:
        assert spreadsheet_runs(value)  # and only where needed, so normal data is unchanged


@given(st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), st.booleans()))
def test_non_text_is_left_alone(value: object) -> None:
    assert guard_cell(value) == value  # a negative number stays a number


def test_known_formulas_and_harmless_text() -> None:
    for value in HOSTILE:
        assert guard_cell(value) == "'" + value, repr(value)
    for value in HARMLESS:
        assert guard_cell(value) == value, repr(value)


# --- every command ----------------------------------------------------------------------------


@pytest.fixture
def hostile_db(database: Database) -> Database:
    """Each hostile string as a verified quote, a speaker and a topic."""
    from quotes.store.models import Topic

    with database.sessions.begin() as s:
        for i, value in enumerate(HOSTILE):
            article = make_article(f"src/{i}.txt", title=value)
            speaker = make_speaker(f"{value}#{i}", title=value)
            s.add(make_quote(article, value, speaker=speaker))
            s.add(Topic(name=f"{value}#{i}", description=value))
    return database


def run_csv(*args: str) -> list[list[str]]:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8"), newline="")))


def commands(db_url: str) -> dict[str, list[str]]:
    return {
        "export": ["export", "--db", db_url],
        "sql": ["sql", "--db", db_url, "SELECT quote, speaker FROM verified_quotes", "--csv"],
        "speakers list": ["speakers", "list", "--db", db_url, "--csv"],
        "topics list": ["topics", "list", "--db", db_url, "--csv"],
    }


@pytest.mark.parametrize("command", ["export", "sql", "speakers list", "topics list"])
def test_every_csv_command_guards(hostile_db: Database, db_url: str, command: str) -> None:
    rows = run_csv(*commands(db_url)[command])
    cells = [c for row in rows for c in row]
    assert len(rows) > len(HOSTILE)  # header + one row per hostile string at least
    assert not [c for c in cells if spreadsheet_runs(c)]
    raw = run_csv(*commands(db_url)[command], "--raw")
    raw_cells = {c for row in raw for c in row}
    # The same command with --raw carries the exact text, and the guarded output differs
    # from it only by the leading ' on the cells that needed one.
    assert any(value in raw_cells or f"{value}#0" in raw_cells for value in HOSTILE)
    assert len(raw) == len(rows)
    for guarded_row, raw_row in zip(rows, raw, strict=True):
        assert [guard_cell(c) for c in raw_row] == guarded_row


def test_speakers_show_guards(hostile_db: Database, db_url: str) -> None:
    rows = run_csv("speakers", "show", "=1+1#0", "--db", db_url, "--csv")
    assert rows[1][1] == "'=1+1#0"
    raw = run_csv("speakers", "show", "=1+1#0", "--db", db_url, "--csv", "--raw")
    assert raw[1][1] == "=1+1#0"


def test_sql_column_names_are_guarded_too(hostile_db: Database, db_url: str) -> None:
    rows = run_csv("sql", "--db", db_url, "SELECT 1 AS \"=cmd\", '-5' AS x, -5 AS y", "--csv")
    assert rows == [["'=cmd", "x", "y"], ["1", "'-5", "-5"]]  # text guarded, a number not
