"""One set of output options for every listing command: a table, `--json` or `--csv`.

A listing command takes the two flags and hands its rows to `emit`:

    from quotes.cli.output import CsvFlag, JsonFlag, emit, pick_format

    def speakers(db: DbOption = None, as_json: JsonFlag = False, as_csv: CsvFlag = False) -> None:
        fmt = pick_format(as_json, as_csv)
        rows = ({"id": s.id, "name": s.name} for s in ...)   # dicts, or tuples in column order
        emit(rows, ["id", "name"], fmt, title="speakers")

- table: a rich table on stdout, for people; long cells wrap, nothing is cut.
- json: one JSON array of objects keyed by column, streamed row by row, UTF-8 unescaped.
- csv: RFC 4180 with a header row (csv module, CRLF), for spreadsheets and scripts. Every
  cell a spreadsheet would run as a formula gets a leading `'` (`quotes.spreadsheet`, the
  same guard as `quotes export`); a command passes `guard=False` for its `--raw` flag.

Data goes to stdout, everything else (counts, warnings) to stderr, so `| jq` and `> f.csv`
stay clean. JSON and CSV stream, so a big listing does not build up in memory; a table has to
measure its columns first and so holds its rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import IO, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from quotes.cli.common import fail
from quotes.spreadsheet import guard_cell
from quotes.text_safety import visible


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


JsonFlag = Annotated[
    bool,
    typer.Option(
        "--json", help="Print a JSON array of objects instead of a table.", rich_help_panel="Output"
    ),
]
CsvFlag = Annotated[
    bool,
    typer.Option(
        "--csv", help="Print CSV with a header row instead of a table.", rich_help_panel="Output"
    ),
]

RawFlag = Annotated[
    bool,
    typer.Option(
        "--raw",
        help="CSV: do not prefix cells a spreadsheet would run as a formula (= + - @) with '.",
        rich_help_panel="Output",
    ),
]


def pick_format(as_json: bool = False, as_csv: bool = False) -> OutputFormat:
    """The format the two flags ask for; both at once is a usage error (one line, exit 2)."""
    if as_json and as_csv:
        fail("--json and --csv cannot be used together", code=2)
    if as_json:
        return OutputFormat.json
    if as_csv:
        return OutputFormat.csv
    return OutputFormat.table


def plain(value: Any) -> Any:
    """A value JSON and CSV can carry: dates as ISO text, bytes as hex, Decimal as float."""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _as_sequence(row: Mapping[str, Any] | Sequence[Any], columns: Sequence[str]) -> Sequence[Any]:
    if isinstance(row, Mapping):
        return [row.get(c) for c in columns]
    return row


def _unchanged(value: Any) -> Any:
    return value


def _cell(value: Any) -> str:
    if value is None:
        return "[dim]∅[/]"  # NULL, distinct from an empty string
    value = plain(value)
    # Shown, never obeyed: a cell's ESC or BEL must not drive the terminal.
    return escape(visible(value if isinstance(value, str) else str(value)))


def emit(
    rows: Iterable[Mapping[str, Any] | Sequence[Any]],
    columns: Sequence[str],
    fmt: OutputFormat | str = OutputFormat.table,
    *,
    title: str | None = None,
    file: IO[str] | None = None,
    guard: bool = True,
) -> int:
    """Write `rows` (dicts keyed by `columns`, or sequences in `columns` order) to stdout (or
    `file`) as a table, JSON or CSV; return how many rows were written.

    `guard` (CSV only) defuses formula cells, header included: a `quotes sql` column name is
    as much user text as a value. JSON carries values exactly, for programs."""
    fmt = OutputFormat(fmt)
    fh = file if file is not None else sys.stdout
    count = 0
    if fmt is OutputFormat.json:
        fh.write("[")
        for row in rows:
            values = _as_sequence(row, columns)
            obj = {c: plain(v) for c, v in zip(columns, values, strict=True)}
            fh.write(
                ("\n" if count == 0 else ",\n") + json.dumps(obj, ensure_ascii=False, default=str)
            )
            count += 1
        fh.write("\n]\n" if count else "]\n")
    elif fmt is OutputFormat.csv:
        writer = csv.writer(fh, lineterminator="\r\n")
        cell = guard_cell if guard else _unchanged
        writer.writerow([cell(c) for c in columns])
        for row in rows:
            writer.writerow([cell(plain(v)) for v in _as_sequence(row, columns)])
            count += 1
    else:
        # A table measures its columns before printing, so it holds its rows anyway; that
        # also lets number columns be right-aligned.
        held = [list(_as_sequence(row, columns)) for row in rows]
        count = len(held)
        table = Table(title=title, title_justify="left", show_lines=False)
        for i, column in enumerate(columns):
            numeric = bool(held) and all(
                isinstance(r[i], int | float | Decimal) or r[i] is None for r in held
            )
            table.add_column(
                escape(visible(column)), overflow="fold", justify="right" if numeric else "left"
            )
        for values in held:
            table.add_row(*(_cell(v) for v in values))
        Console(file=fh, highlight=False, soft_wrap=False).print(table)
    fh.flush()
    return count
