"""`quotes export --statements`: one row per statement, for tracing a quote to its source.

Each row says where the words ran first (article, outlet, date), every outlet that carries
them, every speaker those outlets give them, how many copies there are and whether the
attributions conflict. Statements stream a page at a time, so memory stays flat.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from collections.abc import Iterator
from typing import IO, Any, Literal

from quotes.destination import open_destination
from quotes.spreadsheet import guard_cell
from quotes.statements.reads import StatementInfo, iter_statements
from quotes.store.database import Database

StatementFormat = Literal["csv", "jsonl", "json"]

STATEMENT_COLUMNS: tuple[str, ...] = (
    "statement_id",
    "statement",
    "copies",
    "articles",
    "first_quote_id",
    "first_published",
    "first_outlet",
    "first_source",
    "outlets",
    "speakers",
    "conflict",
    "quote_ids",
)


def statement_record(s: StatementInfo) -> dict[str, Any]:
    first = s.first
    return {
        "statement_id": s.id,
        "statement": s.text,
        "copies": len(s.copies),
        "articles": s.articles,
        "first_quote_id": first.quote_id,
        "first_published": first.published,
        "first_outlet": first.outlet,
        "first_source": first.source,
        "outlets": ";".join(s.outlets),
        "speakers": ";".join(s.speakers),
        "conflict": s.conflict,
        "quote_ids": ";".join(str(c.quote_id) for c in s.copies),
    }


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _csv_value(value: Any) -> Any:
    """As `quotes export` writes them: ISO dates, 1/0 for booleans, NULL as empty."""
    return int(value) if isinstance(value, bool) else _plain(value)


def write_statements(
    database: Database,
    fh: IO[str],
    fmt: StatementFormat = "csv",
    *,
    conflicts_only: bool = False,
    min_copies: int = 1,
    guard: bool = True,
    bom: bool = False,
) -> int:
    """Write every matching statement to `fh` (opened with newline=""); returns the count."""
    with database.readers() as session:
        records: Iterator[dict[str, Any]] = (
            statement_record(s)
            for s in iter_statements(session, conflicts_only=conflicts_only, min_copies=min_copies)
        )
        count = 0
        if fmt == "csv":
            if bom:
                fh.write("\ufeff")
            writer = csv.writer(fh, lineterminator="\r\n")
            writer.writerow(STATEMENT_COLUMNS)
            for r in records:
                cells = [_csv_value(r[c]) for c in STATEMENT_COLUMNS]
                writer.writerow([guard_cell(v) if guard else v for v in cells])
                count += 1
            return count
        if fmt == "json":
            fh.write("[")
        for r in records:
            line = json.dumps({c: _plain(r[c]) for c in STATEMENT_COLUMNS}, ensure_ascii=False)
            if fmt == "json":
                fh.write(("\n" if count == 0 else ",\n") + line)
            else:
                fh.write(line + "\n")
            count += 1
        if fmt == "json":
            fh.write("\n]\n" if count else "]\n")
        return count


def export_statements_to_path(
    database: Database,
    path: str | os.PathLike[str],
    fmt: StatementFormat = "csv",
    **options: Any,
) -> int:
    """As `write_statements`, into `path` the way `quotes export` writes (atomic for a file)."""
    with open_destination(path) as fh:
        return write_statements(database, fh, fmt, **options)
