"""`quotes export --format csv` on SQLite: cells shaped in the SELECT, lines made a batch at a time.

The sqlite3 shell dumping `verified_quotes` is the yardstick (issue 19: within 1.3x), and the
shell spends nearly all its time in the query, so what the export adds must cost no Python
call per row or per cell. The SELECT therefore hands over the cells as the text they will be
in the file: NULL as '', numbers and dates cast by SQLite, the formula guard applied
(`quotes.spreadsheet.sqlite_guard_sql`, `guard_cell`'s rule), and runs of columns that
seldom need CSV quotes already joined with commas. Python then works per batch and per column
with C-level string operations: the quote text and the article title (often with commas) are
quoted cell by cell where needed; a joined run is checked once for the whole batch (commas
where the joins put them, no quote mark or line break) and used as it is.

A row the joined runs cannot carry (a cell with a comma, quote mark or line break inside a
run, or one the SQL guard could not decide) is read again by id on the same connection, inside
the same read snapshot, and rendered cell by cell (`row_line`). The bytes are those of
`quotes.export.write_csv`; a property test compares them on hostile text.

Measured at 100,000 rows, which is why it is built this way: `instr`/`replace` quoting in
SQL cost more than the whole Python side; one column per cell costs ~0.14 s in conversions
alone; Python's `csv.writer` costs 0.6 s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any

from quotes.export import (
    _CONFIDENCE_AT,
    _TEXT_INDEXES,
    EXPORT_COLUMNS,
    TEXT_COLUMNS,
    ExportFilter,
    Source,
    _build_query,
    _column_sql,
    _csv_line,
    _csv_text,
    _statements,
    _topics_sql,
    sqlite_driver_connection,
)
from quotes.spreadsheet import SQLITE_BLANKS_PARAM, guard_cell, skipped_blanks, sqlite_guard_sql

# Rows fetched at a time: small batches keep the per-column work in the CPU cache (500 was
# ~25% faster than 2,000 at 100,000 rows); memory is flat either way.
FETCH_ROWS = 500
# Cells handed over alone: free text that often holds commas, and the confidence, which only
# Python renders as today's output has it (`str` of a float is its shortest repr).
_ALONE = frozenset({"quote", "article_title", "confidence"})
_TOPIC_ORIGINS = {"topics": "curator", "suggested_topics": "suggested"}


def _runs() -> tuple[tuple[int, ...], ...]:
    """`EXPORT_COLUMNS` indexes cut into the SELECT's output columns: each `_ALONE` column by
    itself, every other stretch of neighbours as one joined run."""
    runs: list[tuple[int, ...]] = []
    current: list[int] = []
    for i, name in enumerate(EXPORT_COLUMNS):
        if name in _ALONE:
            if current:
                runs.append(tuple(current))
                current = []
            runs.append((i,))
        else:
            current.append(i)
    if current:
        runs.append(tuple(current))
    return tuple(runs)


RUNS = _runs()
assert RUNS[0] == (0,), "the quote id leads, alone: `csv_lines` reads ids from it"
_CONFIDENCE_RUN = RUNS.index((_CONFIDENCE_AT,))
# (output column, commas a clean cell of it holds) for every column but the confidence.
_CHECKED = tuple((r, len(run) - 1) for r, run in enumerate(RUNS) if r != _CONFIDENCE_RUN)


# Never NULL by the schema: no coalesce. Were one NULL after all, its run would be NULL and
# the row rendered cell by cell (see `csv_lines`), so the schema is not trusted blindly.
_NOT_NULL = frozenset({"quote", "type", "source", "start", "end"})


def _cell_sql(name: str, expr: str, guard: bool) -> str:
    """One cell's text; NULL only where the row must be rendered by Python."""

    def shaped(value: str, nullable: bool = True) -> str:
        if not guard:
            return f"coalesce({value}, '')" if nullable else value
        if not nullable:
            return sqlite_guard_sql(value)
        # NULL in, '' out; NULL out of the guard then means "undecided".
        return f"CASE WHEN {value} IS NULL THEN '' ELSE {sqlite_guard_sql(value)} END"

    if name in _TOPIC_ORIGINS:
        # Shaped inside the subquery: outside, each mention of it would run it again. The
        # aggregate always yields one row, so no coalesce is needed around it.
        return _topics_sql("sqlite", _TOPIC_ORIGINS[name], shaped)
    if name in TEXT_COLUMNS:
        return shaped(expr, name not in _NOT_NULL)
    if name == "confidence":
        return f"coalesce({expr}, '')"
    if name == "quote_id":
        return f"CAST({expr} AS TEXT)"
    if name in _NOT_NULL:
        return expr  # `||` turns an integer into its text, as CAST does
    return f"coalesce(CAST({expr} AS TEXT), '')"


def csv_cells_sql(guard: bool) -> str:
    """The SELECT list: one output column per entry of `RUNS`, a run's cells joined by ','."""
    cells = [
        _cell_sql(name, expr, guard)
        for name, expr in zip(EXPORT_COLUMNS, _column_sql("sqlite"), strict=True)
    ]
    return ", ".join(" || ',' || ".join(cells[i] for i in run) for run in RUNS)


def _quoted(text: str) -> str:
    if '"' in text or "," in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def row_line(row: Sequence[Any], guard: bool) -> str:
    """One row of plain values (`_column_sql` order) as a CSV line without its CRLF, a cell at a
    time: what `write_csv` writes, for the rows the batch path hands back."""
    fields = [_csv_text(v) for v in row]
    if guard:
        for i in _TEXT_INDEXES:
            fields[i] = guard_cell(fields[i])
    return ",".join(map(_quoted, fields))


def csv_lines(batch: Sequence[Sequence[Any]], refetch: Callable[[list[str]], list[str]]) -> str:
    """The CSV lines (each ending CRLF) of a batch of rows selected with `csv_cells_sql`.

    `refetch` takes the quote ids (the first column's text) of the rows the joined runs cannot
    carry and returns their lines, in that order."""
    count = len(batch)
    columns: list[Iterable[Any]] = list(zip(*batch, strict=True))
    redo: set[int] = set()
    for r, commas in _CHECKED:
        column: Sequence[Any] = columns[r]  # type: ignore[assignment]  # a tuple from zip
        try:
            joined = "".join(column)
        except TypeError:  # NULL: a cell the SQL could not shape; the row goes round again
            redo.update(i for i, v in enumerate(column) if v is None)
            column = ["" if v is None else v for v in column]
            columns[r] = column
            joined = "".join(column)
        special = '"' in joined or "\n" in joined or "\r" in joined
        if not commas:
            if special or "," in joined:
                columns[r] = [
                    '"' + v.replace('"', '""') + '"'
                    if "," in v or '"' in v or "\n" in v or "\r" in v
                    else v
                    for v in column
                ]
        elif special or joined.count(",") != commas * count:
            redo.update(
                i
                for i, v in enumerate(column)
                if v.count(",") != commas or '"' in v or "\n" in v or "\r" in v
            )
    columns[_CONFIDENCE_RUN] = map(str, columns[_CONFIDENCE_RUN])
    lines = list(map(",".join, zip(*columns, strict=True)))
    if redo:
        order = sorted(redo)
        ids: Sequence[str] = columns[0]  # type: ignore[assignment]  # quote ids, never redone
        for i, line in zip(order, refetch([ids[i] for i in order]), strict=True):
            lines[i] = line
    lines.append("")
    return "\r\n".join(lines)


def _refetcher(dbapi: Any, source: Source, guard: bool) -> Callable[[list[str]], list[str]]:
    """Lines for rows by quote id, read with plain values on `dbapi` (the connection the batch
    cursor is open on, so the same snapshot) and rendered by `row_line`. The statement is
    built on the first call: most exports never make one."""
    built: list[tuple[str, dict[str, Any]]] = []

    def refetch(ids: list[str]) -> list[str]:
        if not built:
            query = _build_query(source, ExportFilter(status="any", quote_ids=[0]))
            # No quote_ids in the filter given here: the `{quote_ids}` slot stays to fill.
            (template,) = _statements(query, ", ".join(_column_sql("sqlite")), ExportFilter())
            built.append((template, dict(query.params)))
        template, params = built[0]
        numbers = [int(i) for i in ids]
        cursor = dbapi.cursor()
        try:
            cursor.execute(template.replace("{quote_ids}", ", ".join(map(str, numbers))), params)
            by_id = {row[0]: row_line(row, guard) for row in cursor}
        finally:
            cursor.close()
        return [by_id[n] for n in numbers]

    return refetch


def write_sqlite_csv(
    source: Source,
    filters: ExportFilter,
    fh: IO[str],
    *,
    guard: bool,
    bom: bool,
    batch_size: int,
    progress: Callable[[int], None] | None = None,
) -> int:
    """`export_to_stream` for CSV on SQLite: the header, then the rows a batch at a time.

    Fetches at most `FETCH_ROWS` rows at a time whatever `batch_size` says; `progress` is
    called with the running count after each batch written."""
    query = _build_query(source, filters)
    if bom:
        fh.write("\ufeff")
    fh.write(_csv_line(list(EXPORT_COLUMNS), guard=False))
    if query.empty:
        return 0
    params = dict(query.params)
    if guard:
        params[SQLITE_BLANKS_PARAM] = skipped_blanks()
    count = 0
    fetch = max(1, min(batch_size, FETCH_ROWS))
    with sqlite_driver_connection(source) as dbapi:
        refetch = _refetcher(dbapi, source, guard)
        for sql in _statements(query, csv_cells_sql(guard), filters):
            cursor = dbapi.cursor()
            try:
                cursor.execute(sql, params)
                while batch := cursor.fetchmany(fetch):
                    fh.write(csv_lines(batch, refetch))
                    count += len(batch)
                    if progress is not None:
                        progress(count)
            finally:
                cursor.close()
    return count
