"""CSV: RFC 4180 as the csv module writes it, the formula guard, the BOM, round trips."""

from __future__ import annotations

import csv
import io
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.export import (
    EXPORT_COLUMNS,
    TEXT_COLUMNS,
    ExportFilter,
    export_to_path,
    export_to_stream,
    iter_export_tuples,
    write_csv,
)
from quotes.spreadsheet import guard_cell, starts_formula
from quotes.store.database import Database, open_database
from tests.export.conftest import Sample, make_article, make_quote, make_speaker

NASTY = [
    'He said, "no", then left.',
    "Line one\nline two\r\nline three\rend",
    "Emoji 🎉👍🏽 and accents: Zoë, Ørsted, 北京",
    '"""',
    ",,,",
    "=SUM(A1:A9)",
    "+31 20 555 0100",
    "-1 is not a number here",
    "@channel",
    "\tstarts with a tab",
    "\rstarts with CR",
    "'already quoted",
    " leading and trailing spaces ",
    "semi;colons;too",
    # Formulas behind blanks and invisibles, which spreadsheets skip (issue 13).
    " =1+1",
    "\u00a0+1",
    "\u200b@SUM(A1)",
    "\ufeff-2+3",
    "\n=cmd",
    "\uff1d1+1",
    " \u200d plain after invisibles",
]


def read_csv(data: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data, newline="")))


def unguard(cell: str) -> str:
    return cell[1:] if cell[:1] == "'" else cell


@pytest.fixture
def nasty(database: Database) -> Database:
    """One verified quote per awkward string, also in the speaker, title and topic-free cells."""
    with database.sessions.begin() as s:
        for i, text in enumerate(NASTY):
            article = make_article(f"src/{i}.txt", title=text, outlet=text, author=text)
            speaker = make_speaker(f"{text} #{i}", title=text, organization=text)
            s.add(
                make_quote(
                    article, text, speaker=speaker, cue=text[:100], confidence=i / len(NASTY)
                )
            )
    return database


def test_round_trip_of_awkward_text(nasty: Database) -> None:
    fh = io.StringIO(newline="")
    assert export_to_stream(nasty.engine, None, fh, "csv") == len(NASTY)
    rows = read_csv(fh.getvalue())
    assert rows[0] == list(EXPORT_COLUMNS)
    by_id = {
        r["quote_id"]: r for r in [dict(zip(EXPORT_COLUMNS, r, strict=True)) for r in rows[1:]]
    }
    for row in iter_export_tuples(nasty.engine):
        got = by_id[str(row[0])]
        for name, value in zip(EXPORT_COLUMNS, row, strict=True):
            expected = "" if value is None else str(value)
            if name in TEXT_COLUMNS and starts_formula(expected):
                assert got[name] == "'" + expected, name
                assert unguard(got[name]) == expected
            else:
                assert got[name] == expected, name


def test_guard_prefixes_formula_cells_only_in_text_columns(nasty: Database) -> None:
    fh = io.StringIO(newline="")
    export_to_stream(nasty.engine, None, fh, "csv")
    rows = read_csv(fh.getvalue())[1:]
    quotes = [r[1] for r in rows]
    for text in NASTY:
        if starts_formula(text):
            assert "'" + text in quotes
        else:
            assert text in quotes
    assert all(r[0].isdigit() for r in rows)  # ids untouched


def test_raw_turns_the_guard_off(nasty: Database) -> None:
    fh = io.StringIO(newline="")
    export_to_stream(nasty.engine, None, fh, "csv", guard=False)
    assert sorted(r[1] for r in read_csv(fh.getvalue())[1:]) == sorted(NASTY)


def test_guard_cell() -> None:
    assert guard_cell("=1+1") == "'=1+1"
    assert guard_cell("ok") == "ok"
    assert guard_cell("") == ""
    assert guard_cell(None) is None
    assert guard_cell(-1) == -1  # numbers are not cells a spreadsheet evaluates as text


def test_crlf_line_ends_and_quote_minimal(sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "q.csv"
    export_to_path(sample.db.engine, None, out, "csv")
    data = out.read_bytes()
    assert data.count(b"\r\n") == 5  # header + 4 rows, no bare LF
    assert b"\n" not in data.replace(b"\r\n", b"")
    header = data.split(b"\r\n")[0].decode()
    assert header == ",".join(EXPORT_COLUMNS)
    assert b'"=HYPERLINK' not in data  # guarded cells become '=...
    assert b'"\'=HYPERLINK(""http://x"") said, ""no"""' in data


def test_excel_bom(sample: Sample, tmp_path: Path) -> None:
    with_bom, without = tmp_path / "a.csv", tmp_path / "b.csv"
    export_to_path(sample.db.engine, None, with_bom, "csv", bom=True)
    export_to_path(sample.db.engine, None, without, "csv")
    assert with_bom.read_bytes() == b"\xef\xbb\xbf" + without.read_bytes()
    assert read_csv(with_bom.read_text(encoding="utf-8-sig"))[0] == list(EXPORT_COLUMNS)


@pytest.mark.parametrize("guard", [True, False])
def test_sqlite_path_writes_the_bytes_csv_writer_writes(nasty: Database, guard: bool) -> None:
    """The fast path renders lines itself; it must equal the csv module, byte for byte."""
    fast = io.StringIO(newline="")
    export_to_stream(nasty.engine, None, fast, "csv", guard=guard)
    reference = io.StringIO(newline="")
    writer = csv.writer(reference, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(EXPORT_COLUMNS)
    text_at = [i for i, c in enumerate(EXPORT_COLUMNS) if c in TEXT_COLUMNS]
    for row in iter_export_tuples(nasty.engine):
        cells = list(row)
        if guard:
            for i in text_at:
                cells[i] = guard_cell(cells[i])
        writer.writerow(cells)
    assert fast.getvalue() == reference.getvalue()
    generic = io.StringIO(newline="")
    write_csv(iter_export_tuples(nasty.engine), generic, guard=guard)
    assert generic.getvalue() == reference.getvalue()


def test_write_csv_takes_dicts(sample: Sample) -> None:
    from quotes.export import iter_export_rows

    a, b = io.StringIO(newline=""), io.StringIO(newline="")
    write_csv(iter_export_rows(sample.db.engine), a)
    write_csv(iter_export_tuples(sample.db.engine), b)
    assert a.getvalue() == b.getvalue()


# Text a database can hold: no lone surrogates (not encodable as UTF-8). NUL is allowed.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from(",\"\r\n\t=+-@'; "),
    min_size=1,
    max_size=60,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(TEXT, min_size=1, max_size=5), speaker=TEXT)
def test_raw_csv_reads_back_identically(
    texts: list[str], speaker: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    db = open_database(str(tmp_path_factory.mktemp("hyp") / "h.db"))
    try:
        with db.sessions.begin() as s:
            article = make_article("h.txt", title=texts[0])
            s.add(article)
            sp = make_speaker(speaker, organization=speaker)
            for text in texts:
                s.add(make_quote(article, text, speaker=sp))
        fh = io.StringIO(newline="")
        export_to_stream(db.engine, ExportFilter(), fh, "csv", guard=False)
        rows = read_csv(fh.getvalue())[1:]
        assert [r[1] for r in rows] == texts
        assert {r[3] for r in rows} == {speaker}
        assert {r[5] for r in rows} == {speaker}
        assert {r[8] for r in rows} == {texts[0]}
        # The guarded export differs only by the prefix.
        fh = io.StringIO(newline="")
        export_to_stream(db.engine, ExportFilter(), fh, "csv")
        assert [
            unguard(r[1]) if starts_formula(t) else r[1]
            for r, t in zip(read_csv(fh.getvalue())[1:], texts, strict=True)
        ] == texts
    finally:
        db.engine.dispose()


def test_printable_ascii_is_not_quoted_needlessly(database: Database) -> None:
    plain = string.ascii_letters + " .!?()"
    with database.sessions.begin() as s:
        s.add(make_quote(make_article("p.txt"), plain))
    fh = io.StringIO(newline="")
    export_to_stream(database.engine, None, fh, "csv")
    assert f",{plain}," in fh.getvalue()
