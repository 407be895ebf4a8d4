"""The export query through the Python API: what each filter keeps, and how rows stream."""

from __future__ import annotations

import datetime as dt
import inspect
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from quotes.export import (
    EXPORT_COLUMNS,
    ExportFilter,
    export_to_path,
    iter_export_rows,
    write_json,
    write_jsonl,
)
from quotes.store.models import Article, Quote
from tests.export.conftest import Sample, make_quote


def ids(sample: Sample, **filters: object) -> list[int]:
    return [r["quote_id"] for r in iter_export_rows(sample.db.engine, ExportFilter(**filters))]


def names(sample: Sample, *keys: str) -> list[int]:
    return sorted(sample.ids[k] for k in keys)


def test_columns_in_documented_order(sample: Sample) -> None:
    row = next(iter_export_rows(sample.db.engine))
    assert tuple(row) == EXPORT_COLUMNS
    assert EXPORT_COLUMNS[:3] == ("quote_id", "quote", "type")
    # New columns are appended, so positions scripts rely on never move.
    assert EXPORT_COLUMNS[15:19] == ("confidence", "verified_by", "verified_at", "suggested_topics")


def test_default_is_verified_only(sample: Sample) -> None:
    assert ids(sample) == names(sample, "q1", "q2", "q3", "q6")


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("verified", ("q1", "q2", "q3", "q6")),
        ("unverified", ("q4",)),
        ("rejected", ("q5",)),
        ("any", ("q1", "q2", "q3", "q4", "q5", "q6")),
    ],
)
def test_status(sample: Sample, status: str, expected: tuple[str, ...]) -> None:
    assert ids(sample, status=status) == names(sample, *expected)


def test_bad_status_is_refused() -> None:
    with pytest.raises(ValueError, match="status"):
        ExportFilter(status="all")


def test_speaker_by_name_any_case_alias_and_merged(sample: Sample) -> None:
    both = names(sample, "q1", "q2")  # q2 is attributed to the merged-away "J. Stoltenberg"
    assert ids(sample, speaker="jens stoltenberg") == both
    assert ids(sample, speaker="JENS STOLTENBERG") == both
    assert ids(sample, speaker="nato chief") == both  # alias
    assert ids(sample, speaker="J. Stoltenberg") == both  # the old name finds the survivor
    assert ids(sample, speaker="Ursula von der Leyen") == names(sample, "q3", "q6")
    assert ids(sample, speaker="Nobody At All") == []


def test_merged_speaker_exported_under_survivor(sample: Sample) -> None:
    rows = {r["quote_id"]: r for r in iter_export_rows(sample.db.engine)}
    q2 = rows[sample.ids["q2"]]
    assert q2["speaker"] == "Jens Stoltenberg"
    assert q2["speaker_title"] == "Secretary General"
    assert q2["speaker_organization"] == "NATO"


def test_topic_filter_and_dismissed_topics_left_out(sample: Sample) -> None:
    rows = {r["quote_id"]: r for r in iter_export_rows(sample.db.engine)}
    # Topics are what curators set; pending suggestions have their own column (issue 15).
    assert rows[sample.ids["q1"]]["topics"] == "Defence"  # Climate was dismissed
    assert rows[sample.ids["q1"]]["suggested_topics"] == "Economy"
    assert rows[sample.ids["q2"]]["topics"] is None
    assert rows[sample.ids["q2"]]["suggested_topics"] == "Economy"
    assert rows[sample.ids["q3"]]["topics"] is None  # only a dismissed one
    assert rows[sample.ids["q3"]]["suggested_topics"] is None
    assert ids(sample, topic="economy") == names(sample, "q1", "q2")
    assert ids(sample, topic="Defence") == names(sample, "q1")
    assert ids(sample, topic="climate") == []  # dismissed links do not count


def test_outlet(sample: Sample) -> None:
    assert ids(sample, outlet="reuters") == names(sample, "q1", "q2")
    assert ids(sample, outlet="BBC", status="any") == names(sample, "q3", "q4")


def test_published_range_inclusive(sample: Sample) -> None:
    assert ids(sample, since=dt.date(2024, 3, 5)) == names(sample, "q3")
    assert ids(sample, until=dt.date(2024, 1, 10)) == names(sample, "q1", "q2")
    assert ids(sample, since=dt.date(2024, 1, 11), until=dt.date(2024, 3, 4)) == []
    # An article without a date is outside every range.
    assert sample.ids["q6"] not in ids(sample, since=dt.date(1900, 1, 1))


def test_article_by_id_source_or_file_name(sample: Sample) -> None:
    a1 = names(sample, "q1", "q2")
    assert ids(sample, article=sample.ids["a1"]) == a1
    assert ids(sample, article=str(sample.ids["a1"])) == a1
    assert ids(sample, article="seeds/001_alpha.txt") == a1
    assert ids(sample, article="001_alpha.txt") == a1
    assert ids(sample, article="https://example.com/news/2") == names(sample, "q3")
    assert ids(sample, article="001_alpha") == []  # no partial names
    assert ids(sample, article="%") == []  # LIKE wildcards are literal


def test_min_confidence(sample: Sample) -> None:
    assert ids(sample, min_confidence=0.9) == names(sample, "q1", "q6")
    assert ids(sample, min_confidence=0.0) == names(sample, "q1", "q2", "q3", "q6")


def test_quote_ids_and_search(sample: Sample) -> None:
    assert ids(sample, quote_ids=[sample.ids["q3"], sample.ids["q1"], 999]) == names(
        sample, "q1", "q3"
    )
    assert ids(sample, quote_ids=[]) == []
    assert ids(sample, search="budget") == names(sample, "q3")
    assert ids(sample, search="defen") == names(sample, "q1")  # last word is a prefix
    assert ids(sample, search='"NEAR( OR') == []  # user text is never FTS syntax


def test_filters_combine(sample: Sample) -> None:
    assert ids(sample, speaker="Ursula von der Leyen", min_confidence=0.8) == names(sample, "q6")
    assert ids(sample, speaker="Jens Stoltenberg", topic="Defence", outlet="Reuters") == names(
        sample, "q1"
    )


def test_session_and_connection_give_the_same_rows(sample: Sample) -> None:
    from_engine = list(iter_export_rows(sample.db.engine, ExportFilter(status="any")))
    with sample.db.readers() as session:
        assert list(iter_export_rows(session, ExportFilter(status="any"))) == from_engine
    with sample.db.engine.connect() as conn:
        assert list(iter_export_rows(conn, ExportFilter(status="any"))) == from_engine


def test_values(sample: Sample) -> None:
    row = next(r for r in iter_export_rows(sample.db.engine) if r["quote_id"] == sample.ids["q1"])
    assert row["quote"] == "We will defend every ally."
    assert row["published"] == "2024-01-10"
    assert row["source"] == "seeds/001_alpha.txt"
    assert (row["start"], row["end"]) == (10, 10 + len(row["quote"]))
    assert row["confidence"] == 0.9
    assert row["verified_by"] == "tester"
    assert row["verified_at"].startswith("2026-01-02 03:04:05")
    assert row["cue"] == "said"
    assert row["outlet"] == "Reuters"
    assert row["author"] == "Ann Writer"
    assert row["article_title"] == "Alpha summit"


def test_parse_date() -> None:
    from quotes.curation.filters import parse_day as parse_date

    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)
    for bad in ("2024-13-01", "2023-02-29", "20240101", "yesterday", "2024-1-1"):
        with pytest.raises(ValueError, match=bad):
            parse_date(bad)


def test_jsonl_rows_have_exactly_the_export_columns(sample: Sample) -> None:
    """The product's own format: the CSV header's names in its order, nothing borrowed from
    another tool (the scorer's mapping lives in bench/scorer_format.py)."""
    fh = io.StringIO()
    n = write_jsonl(iter_export_rows(sample.db.engine), fh)
    lines = fh.getvalue().splitlines()
    assert n == len(lines) == 4
    for line in lines:
        assert list(json.loads(line)) == list(EXPORT_COLUMNS)


def test_json_array_is_valid_even_when_empty(sample: Sample) -> None:
    fh = io.StringIO()
    assert write_json(iter_export_rows(sample.db.engine), fh) == 4
    data = json.loads(fh.getvalue())
    assert [r["quote_id"] for r in data] == names(sample, "q1", "q2", "q3", "q6")
    fh = io.StringIO()
    assert write_json(iter_export_rows(sample.db.engine, ExportFilter(speaker="x")), fh) == 0
    assert json.loads(fh.getvalue()) == []


def test_streams_many_rows_as_a_generator(sample: Sample) -> None:
    with sample.db.sessions.begin() as s:
        article = s.get(Article, sample.ids["a2"])
        assert article is not None
        s.add_all(make_quote(article, f"Quote number {i}, with a comma.") for i in range(5000))
    rows = iter_export_rows(sample.db.engine, ExportFilter(outlet="BBC"), batch_size=500)
    assert inspect.isgenerator(rows) and isinstance(rows, Iterator)
    first = next(rows)  # a row arrives before the rest have been read
    assert first["quote_id"] == sample.ids["q3"]
    seen = [first["quote_id"], *(r["quote_id"] for r in rows)]
    assert len(seen) == 5001 and seen == sorted(seen)


def test_export_to_path_is_atomic_and_cleans_up(sample: Sample, tmp_path: Path) -> None:
    target = tmp_path / "out" / "quotes.jsonl"
    calls: list[int] = []
    assert export_to_path(sample.db.engine, None, target, "jsonl", progress=calls.append) == 4
    assert calls and calls[-1] == 4
    assert len(target.read_text(encoding="utf-8").splitlines()) == 4
    with pytest.raises(ValueError, match="format"):
        export_to_path(sample.db.engine, None, target, "xml")  # type: ignore[arg-type]
    assert len(target.read_text(encoding="utf-8").splitlines()) == 4  # the old file survived
    assert [p.name for p in target.parent.iterdir()] == ["quotes.jsonl"]  # no .part left


def test_unattributed_quote(sample: Sample) -> None:
    rows = list(iter_export_rows(sample.db.engine, ExportFilter(status="rejected")))
    assert rows[0]["speaker"] is None and rows[0]["speaker_title"] is None


def test_does_not_hold_the_write_lock(sample: Sample) -> None:
    """Mid-export, a curator (BEGIN IMMEDIATE) can still write."""
    rows = iter_export_rows(sample.db.engine, ExportFilter(status="any"), batch_size=1)
    next(rows)
    with sample.db.sessions.begin() as s:
        quote = s.get(Quote, sample.ids["q4"])
        assert quote is not None
        quote.status = "verified"
    assert len(list(rows)) == 5


def test_runs_while_a_curator_holds_the_write_lock(sample: Sample) -> None:
    """The export (speaker look-ups included) reads beside an open write transaction.

    Proven by state, not time: every connection the export takes refuses to wait for a lock
    (SQLite busy_timeout 0, PostgreSQL lock_timeout 1 ms), so had it needed the writer's lock
    it would have raised instead of answering.
    """
    from sqlalchemy import event

    engine = sample.db.engine
    sqlite = engine.dialect.name == "sqlite"

    def refuse_to_wait(dbapi_connection: Any, *_: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 0" if sqlite else "SET lock_timeout = 1")
        cursor.close()

    with sample.db.sessions.begin() as s:
        quote = s.get(Quote, sample.ids["q4"])
        assert quote is not None
        quote.status = "verified"
        s.flush()  # the writer now holds its lock and has an uncommitted change
        event.listen(engine, "checkout", refuse_to_wait)
        try:
            rows = list(iter_export_rows(engine, ExportFilter(speaker="Ursula von der Leyen")))
        finally:
            event.remove(engine, "checkout", refuse_to_wait)
        assert [r["quote_id"] for r in rows] == names(sample, "q3", "q6")  # not q4 yet
    engine.dispose()  # the connections that refused to wait do not go back to work


def test_long_quote_id_lists_go_in_chunks(sample: Sample) -> None:
    every = ids(sample, status="any")
    many = list(range(1, 12_001))  # more ids than one statement may bind on SQLite
    assert ids(sample, status="any", quote_ids=many) == every
    assert ids(sample, status="any", quote_ids=[*many, *many]) == every  # duplicates once


def test_exported_file_is_an_ordinary_file(tmp_path: Path) -> None:
    """Written through a private temporary file, the export still gets the umask's mode."""
    import os

    from quotes.destination import process_umask as _umask
    from quotes.store.database import open_database

    db = open_database(str(tmp_path / "e.db"))
    out = tmp_path / "out.csv"
    export_to_path(db.engine, ExportFilter(status="any"), out)
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()
    assert os.access(out, os.R_OK)
