"""Exporting quotes: one filtered query streamed in batches, written as CSV, JSON Lines or JSON.

Used by `quotes export` and by the workbench ("export the current filter"), so everything a
caller needs is here and nothing here knows about Typer or Textual: build an `ExportFilter`,
pass it with an engine (or a session) to `iter_export_rows`, and hand the rows to one of the
writers, or call `export_to_path` / `export_to_stream` which do both.

Memory stays flat however many rows match: rows come from one database cursor `batch_size` at
a time and go straight to the file; nothing collects them in a list.

Give an `Engine` rather than a `Session` when you can. On SQLite the engine path reads through
a plain autocommit connection, so the export is one long *read* snapshot that never blocks a
curator's writes; a session from `Database.sessions` begins with BEGIN IMMEDIATE and would
hold the write lock for as long as the export runs (one from `Database.readers` does not).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import IO, TYPE_CHECKING, Any, Literal

from sqlalchemy import Connection, Dialect, Engine, and_, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.util import ClauseAdapter

from quotes.destination import open_destination
from quotes.spreadsheet import SAFE_LEADS, starts_formula
from quotes.store.engine import reader_engine
from quotes.store.models import QUOTE_STATUSES, Quote

if TYPE_CHECKING:
    from quotes.curation.filters import QueueFilter

ExportFormat = Literal["csv", "jsonl", "json"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "jsonl", "json")
# The quote statuses are the store models' (defined once there); "any" means no filter.
STATUSES: tuple[str, ...] = (*QUOTE_STATUSES, "any")

# The order of the columns is part of the format: scripts index CSV columns by position.
# It is the `verified_quotes` view's order, so `sqlite3 -csv db "SELECT * FROM verified_quotes"`
# and `quotes export` produce the same header.
EXPORT_COLUMNS: tuple[str, ...] = (
    "quote_id",
    "quote",
    "type",
    "speaker",
    "speaker_title",
    "speaker_organization",
    "cue",
    "topics",
    "article_title",
    "outlet",
    "author",
    "published",
    "source",
    "start",
    "end",
    "confidence",
    "verified_by",
    "verified_at",
    # Appended, not beside `topics`: scripts that index columns by position keep working.
    "suggested_topics",
    # The speaker's kind, so unnamed and collective sources ("experts", kind `group`) can be
    # told from named ones; appended for the same reason.
    "speaker_kind",
    # The statement this quote is a copy of and how many copies it has (quotes.statements):
    # the same words in other articles share the id. NULL for a quote not yet grouped.
    "statement_id",
    "copies",
)
# Free text that could reach a spreadsheet cell as a formula. Numbers and dates are left out:
# they are never negative and never start with one of the trigger characters.
TEXT_COLUMNS: frozenset[str] = frozenset(
    {
        "quote",
        "type",
        "speaker",
        "speaker_title",
        "speaker_organization",
        "cue",
        "topics",
        "article_title",
        "outlet",
        "author",
        "source",
        "verified_by",
        "suggested_topics",
    }
)
_TEXT_INDEXES = tuple(i for i, c in enumerate(EXPORT_COLUMNS) if c in TEXT_COLUMNS)
DEFAULT_BATCH = 2000
# Well under SQLite's bound-parameter limit (32766), so a long quote_ids list goes in chunks.
_ID_CHUNK = 5000
# The export's query names the quotes table `q`; the queue's conditions are aimed at it.
_QUOTES_AS_Q = Quote.__table__.alias("q")


@dataclass(frozen=True)
class ExportFilter:
    """Which quotes to export. Every field narrows; None (or the default) means "no filter".

    Built by the CLI from its options and by the workbench from its current filter, so the
    fields are plain values, not query objects. Every field but status and quote_ids is
    compiled by the review queue's filter (`quotes.curation.filters`), so each means exactly
    what it means in the workbench.

    status: "verified" (default), "unverified", "rejected" or "any".
    speaker: a name, alias or surname, matched case-, accent- and punctuation-insensitively;
        quotes of speakers merged into (or with) that speaker are included.
    speaker_id: one speaker by id (what the workbench's filter holds after a pick).
    topic: a topic name or its start (case-insensitive); dismissed suggestions do not count.
    outlet: the article's outlet or its start (case-insensitive).
    since, until: the article's published date, both ends inclusive.
    article: an article id, or its source (the full path/URL or its last path component).
    min_confidence, max_confidence: the extractor confidence, both ends inclusive.
    quote_ids: only these quotes (e.g. the rows selected in the workbench).
    queue: the workbench's own filter, taken whole instead of the fields above (status and
        quote_ids still apply): every field the queue filters by, present or future, is then
        exported exactly as the queue shows it.
    search: full-text search over the quote text, as the workbench searches: words, not FTS
        syntax, the last word a prefix.
    """

    status: str = "verified"
    speaker: str | None = None
    topic: str | None = None
    outlet: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    article: str | int | None = None
    min_confidence: float | None = None
    quote_ids: Sequence[int] | None = None
    search: str | None = None
    speaker_id: int | None = None
    max_confidence: float | None = None
    queue: QueueFilter | None = None

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}: {self.status!r}")


@dataclass
class _Query:
    """The FROM/WHERE part of the export query; the select list depends on the output."""

    body: str
    params: dict[str, Any] = field(default_factory=dict)
    dialect: str = "sqlite"
    empty: bool = False  # a filter that can match nothing (unknown speaker): skip the query


Source = Engine | Connection | Session


# --- the query -------------------------------------------------------------------------------


def _dialect(source: Source) -> str:
    bind = source.get_bind() if isinstance(source, Session) else source
    return bind.dialect.name


def _rows(source: Source, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    if isinstance(source, Engine):
        # A reader (deferred BEGIN): the look-up must not queue behind a curator's write.
        with reader_engine(source).connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql), dict(params))]
    return [tuple(r) for r in source.execute(text(sql), dict(params))]


def _merge_roots(source: Source) -> dict[int, int]:
    """Every merged speaker -> the speaker that finally survived it (merges can chain)."""
    pairs = dict(
        _rows(
            source, "SELECT id, merged_into_id FROM speakers WHERE merged_into_id IS NOT NULL", {}
        )
    )
    roots: dict[int, int] = {}
    for sid in pairs:
        seen = {sid}
        root = pairs[sid]
        while root in pairs and root not in seen:  # a cycle would be a bug elsewhere; stop
            seen.add(root)
            root = pairs[root]
        roots[sid] = root
    return roots


def resolve_speaker_ids(source: Source, name: str) -> set[int]:
    """Ids of every speaker a `speaker` filter of `name` matches (by name, alias or surname,
    merges followed): empty when the filter would match no one."""
    from quotes.curation.filters import speaker_ids_matching  # see _filter_sql

    stmt = speaker_ids_matching(name)
    if isinstance(source, Engine):
        # A reader (deferred BEGIN): the look-up must not queue behind a curator's write.
        with reader_engine(source).connect() as conn:
            return set(conn.scalars(stmt))
    return set(source.scalars(stmt))


def _queue_filter(filters: ExportFilter) -> QueueFilter:
    from quotes.curation.filters import QueueFilter  # see _filter_sql

    if filters.queue is not None:
        return replace(filters.queue, status="any")

    article = "" if filters.article is None else str(filters.article).strip()
    return QueueFilter(
        status="any",
        speaker_id=filters.speaker_id,
        speaker=filters.speaker,
        topic=filters.topic,
        outlet=filters.outlet,
        article_id=int(article) if article.isdigit() else None,
        article_source=article if article and not article.isdigit() else None,
        min_confidence=filters.min_confidence,
        max_confidence=filters.max_confidence,
        since=filters.since,
        until=filters.until,
        search=filters.search,
    )


def _named_dialect(name: str) -> Dialect:
    """The dialect to render SQL for a `:name`-parameter statement (pysqlite's cursor and
    `text()` both take that style)."""
    # Imported here: PostgreSQL's dialect costs the workbench's start-up (issue 19).
    if name == "sqlite":
        from sqlalchemy.dialects.sqlite.base import SQLiteDialect

        return SQLiteDialect(paramstyle="named")
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql.base import PGDialect

        # PGDialect's __init__ carries no annotations; its keyword is DefaultDialect's.
        pg: Callable[..., Dialect] = PGDialect
        return pg(paramstyle="named")
    raise ValueError(f"cannot export from a {name} database")


def _filter_sql(filters: ExportFilter, dialect: str) -> tuple[str, dict[str, Any]]:
    """The WHERE text and parameters of `filters`, minus status and quote ids, compiled
    from the queue's own conditions (`quotes.curation.filters`) aimed at this query's `q`.

    One definition is the point: the queue and the export used to disagree ("sanctions" 0
    in the queue, 2 in the export). Imported here rather than at the top because the
    `quotes.curation` package imports this module (its service exports), so a top-level
    import would be circular.
    """
    from quotes.curation.filters import filter_conditions

    conditions = filter_conditions(_queue_filter(filters), dialect, with_status=False)
    if not conditions:
        return "", {}
    clause = ClauseAdapter(_QUOTES_AS_Q).traverse(and_(*conditions))
    compiled = clause.compile(
        dialect=_named_dialect(dialect), compile_kwargs={"render_postcompile": True}
    )
    params = dict(compiled.params)
    if dialect == "sqlite":  # for the driver's own cursor: dates as SQLAlchemy stores them
        params = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in params.items()}
    return f"({compiled})", params


def _topics_sql(
    dialect: str, origin: str = "curator", shape: Callable[[str], str] | None = None
) -> str:
    """The quote's topics of one origin: `curator` (what curators set, the `topics` column)
    or `suggested` (pending suggestions, `suggested_topics`). Sorted names, so exports diff
    cleanly; SQLite's group_concat keeps input order and before 3.44 has no ORDER BY.

    On SQLite a quote with no topic or one (most) is answered without the sort, whose set-up
    per quote was a third of the two topic subqueries' time (measured). `shape` (SQLite) wraps
    the value inside the subquery, where naming an aggregate again costs nothing; wrapped
    outside, each mention would run the subquery again."""
    if dialect == "sqlite":
        wrap = shape or (lambda value: value)
        one, sorted_names = wrap("max(t.name)"), wrap("group_concat(name, ';')")
        return (
            f"(SELECT CASE WHEN count(*) < 2 THEN {one} ELSE "
            f"(SELECT {sorted_names} FROM (SELECT t2.name AS name "
            "FROM quote_topics qt2 JOIN topics t2 ON t2.id = qt2.topic_id "
            f"WHERE qt2.quote_id = q.id AND qt2.origin = '{origin}' ORDER BY t2.name)) END "
            "FROM quote_topics qt JOIN topics t ON t.id = qt.topic_id "
            f"WHERE qt.quote_id = q.id AND qt.origin = '{origin}')"
        )
    return (
        "(SELECT string_agg(t.name, ';' ORDER BY t.name) FROM quote_topics qt "
        "JOIN topics t ON t.id = qt.topic_id WHERE qt.quote_id = q.id "
        f"AND qt.origin = '{origin}')"
    )


def _column_sql(dialect: str) -> list[str]:
    """One SQL expression per EXPORT_COLUMNS entry, in order."""
    return [
        "q.id",
        "q.text",
        "q.type",
        "s.name",
        "s.title",
        "s.organization",
        "q.cue",
        _topics_sql(dialect),
        "a.title",
        "a.outlet",
        "a.author",
        "a.published",
        "a.source",
        "q.start",
        'q."end"',
        "q.confidence",
        "q.verified_by",
        "q.verified_at",
        _topics_sql(dialect, "suggested"),
        "s.kind",
        "(SELECT sq.statement_id FROM statement_quotes sq WHERE sq.quote_id = q.id)",
        "(SELECT nullif(count(*), 0) FROM statement_quotes sc JOIN statement_quotes sq "
        "ON sc.statement_id = sq.statement_id WHERE sq.quote_id = q.id)",
    ]


def _build_query(source: Source, filters: ExportFilter) -> _Query:
    dialect = _dialect(source)
    where: list[str] = []
    params: dict[str, Any] = {}
    query = _Query(body="", params=params, dialect=dialect)

    if filters.status != "any":
        # Unary + keeps SQLite off ix_quotes_queue: with it, "verified" (most rows) would be
        # read in index order and then sorted by id in a temp b-tree holding every row, which
        # is slow and not streaming. A scan in rowid order needs no sort.
        where.append("+q.status = :status" if dialect == "sqlite" else "q.status = :status")
        params["status"] = filters.status
    # Every other field means what it means in the queue: the queue's own conditions,
    # compiled for this query (see `_filter_sql`).
    condition, condition_params = _filter_sql(filters, dialect)
    if condition:
        where.append(condition)
        params.update(condition_params)
    if filters.quote_ids is not None:
        # Filled in per chunk at execution: the list can be longer than a statement may bind.
        where.append("q.id IN ({quote_ids})")
        if not filters.quote_ids:
            query.empty = True

    # A quote still pointing at a merged-away speaker is shown under the survivor. The map
    # is small (merges are curator actions), so it goes in as a literal VALUES table and the
    # common case, no merges at all, keeps the plain indexed join.
    roots = _merge_roots(source)
    if roots:
        values = ", ".join(f"({int(k)}, {int(v)})" for k, v in sorted(roots.items()))
        head = f"WITH merged(id, root) AS (VALUES {values}) SELECT {{columns}} "
        joins = (
            "LEFT JOIN merged m ON m.id = q.speaker_id "
            "LEFT JOIN speakers s ON s.id = coalesce(m.root, q.speaker_id)"
        )
    else:
        head = "SELECT {columns} "
        joins = "LEFT JOIN speakers s ON s.id = q.speaker_id"
    body = head + f"FROM quotes q JOIN articles a ON a.id = q.article_id {joins}"
    if where:
        body += " WHERE " + " AND ".join(where)
    query.body = body + " ORDER BY q.id"
    return query


def _statements(query: _Query, columns: str, filters: ExportFilter) -> list[str]:
    sql = query.body.replace("{columns}", columns, 1)
    if filters.quote_ids is None:
        return [sql]
    ids = sorted({int(i) for i in filters.quote_ids})
    chunks = [ids[i : i + _ID_CHUNK] for i in range(0, len(ids), _ID_CHUNK)]
    return [sql.replace("{quote_ids}", ", ".join(map(str, c))) for c in chunks]


@contextmanager
def sqlite_driver_connection(source: Source) -> Iterator[Any]:
    """The pysqlite connection under `source`, for statements run on the driver's own cursor.

    From an Engine, a pooled connection of its own in autocommit (the engine's connect hook
    set isolation_level=None): a SELECT is its own read snapshot, no BEGIN IMMEDIATE, no write
    lock held. From a Session or Connection, theirs, inside their transaction."""
    if isinstance(source, Engine):
        raw = source.raw_connection()
        try:
            yield raw.driver_connection
        finally:
            raw.close()
        return
    conn = source.connection() if isinstance(source, Session) else source
    yield conn.connection.driver_connection


def _driver_cursor_batches(
    dbapi_conn: Any, sql: str, params: Mapping[str, Any], batch_size: int
) -> Iterator[Sequence[Sequence[Any]]]:
    cursor = dbapi_conn.cursor()
    try:
        cursor.execute(sql, dict(params))
        while batch := cursor.fetchmany(batch_size):
            yield batch
    finally:
        cursor.close()


def _execute(
    source: Source, sql: str, params: Mapping[str, Any], batch_size: int
) -> Iterator[Sequence[Sequence[Any]]]:
    """Batches of rows of one statement, `batch_size` at a time from the database cursor.

    SQLite: the driver's own cursor, because SQLAlchemy's per-row processing would cost more
    than the rest of the export together; pysqlite steps the statement lazily, so fetchmany is
    true streaming. Other databases: a server-side cursor (`stream_results`, `yield_per`).
    """
    if _dialect(source) == "sqlite":
        with sqlite_driver_connection(source) as dbapi:
            yield from _driver_cursor_batches(dbapi, sql, params, batch_size)
        return
    if isinstance(source, Engine):
        with source.connect() as conn:
            yield from _execute(conn, sql, params, batch_size)
        return
    conn = source.connection() if isinstance(source, Session) else source
    result = conn.execution_options(stream_results=True, yield_per=batch_size).execute(
        text(sql), dict(params)
    )
    with result:
        yield from result.partitions()


def _iso(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def iter_export_tuples(
    source: Source, filters: ExportFilter | None = None, *, batch_size: int = DEFAULT_BATCH
) -> Iterator[tuple[Any, ...]]:
    """Rows as tuples in `EXPORT_COLUMNS` order: `iter_export_rows` without the dict per row.

    Dates and timestamps are ISO strings on every backend (as SQLite stores them), so the
    output does not depend on the database.
    """
    filters = filters or ExportFilter()
    query = _build_query(source, filters)
    if query.empty:
        return
    columns = ", ".join(_column_sql(query.dialect))
    convert_dates = query.dialect != "sqlite"
    for sql in _statements(query, columns, filters):
        for batch in _execute(source, sql, query.params, batch_size):
            if not convert_dates:
                yield from map(tuple, batch)  # already tuples from pysqlite: no copy
                continue
            for row in batch:
                yield (*row[:11], _iso(row[11]), *row[12:17], _iso(row[17]), *row[18:])


def iter_export_rows(
    source: Source, filters: ExportFilter | None = None, *, batch_size: int = DEFAULT_BATCH
) -> Iterator[dict[str, Any]]:
    """Matching quotes as dicts keyed by `EXPORT_COLUMNS`, in quote id order, streamed.

    `source` is an Engine (preferred: see the module docstring), a Connection or a Session.
    A speaker merged into another is exported under the survivor's name, title and
    organization, the way the workbench shows it. `topics` is the `;`-joined sorted names of
    the topics curators set, `suggested_topics` those of pending suggestions; None when none.
    """
    for row in iter_export_tuples(source, filters, batch_size=batch_size):
        yield dict(zip(EXPORT_COLUMNS, row, strict=True))


# --- writers ---------------------------------------------------------------------------------


def _as_tuples(rows: Iterable[Mapping[str, Any] | Sequence[Any]]) -> Iterator[Sequence[Any]]:
    for row in rows:
        if isinstance(row, Mapping):
            yield tuple(row.get(c) for c in EXPORT_COLUMNS)
        else:
            yield row


# --- CSV ----------------------------------------------------------------------------------------
#
# Lines are rendered here rather than by the csv module, by the same rules (QUOTE_MINIMAL:
# quote a field containing `,` `"` CR or LF and double its `"`; floats by repr, None as empty;
# CRLF), and a test checks the bytes equal csv.writer's on awkward data. The reason is speed:
# csv.writer tests every character against the line terminator through a function call,
# 0.6 s per 100,000 rows of this export (measured), more than the whole `sqlite3 -csv` dump;
# a few substring tests per free-text field are C. This row-by-row writer serves PostgreSQL
# and callers that bring their own rows; on SQLite `quotes.export_sqlite` shapes the cells in
# the SELECT and renders a batch of lines at once, with the same bytes.

_CONFIDENCE_AT = EXPORT_COLUMNS.index("confidence")


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        return repr(value)  # what csv.writer does: repr keeps every digit
    return str(value)


def _csv_line(fields: list[str], guard: bool) -> str:
    """One CSV line from all-text fields, touching only the columns that can hold free text
    (ids, offsets and dates never need quoting or the guard): the hot loop of a big export."""
    for i in _TEXT_INDEXES:
        v = fields[i]
        if v:
            # guard_cell's rule inlined (a call per cell costs more than the rest of the line)
            if guard and v[0] not in SAFE_LEADS and starts_formula(v):
                v = "'" + v
            if '"' in v or "," in v or "\n" in v or "\r" in v:
                v = '"' + v.replace('"', '""') + '"'
            fields[i] = v
    return ",".join(fields) + "\r\n"


def write_csv(
    rows: Iterable[Mapping[str, Any] | Sequence[Any]],
    fh: IO[str],
    *,
    guard: bool = True,
    bom: bool = False,
    header: bool = True,
) -> int:
    """RFC 4180 CSV (QUOTE_MINIMAL, CRLF, as csv.writer writes it) into a text file opened with
    newline="". Rows are dicts from `iter_export_rows` or tuples from `iter_export_tuples`.

    `guard` defuses spreadsheet formulas in text cells (see `guard_cell`); turn it off for
    data that only programs will read. `bom` writes a UTF-8 byte order mark first, which is
    how Excel recognises UTF-8. Returns the number of data rows written.
    """
    if bom:
        fh.write("\ufeff")
    if header:
        fh.write(_csv_line(list(EXPORT_COLUMNS), guard=False))
    count = 0
    batch: list[str] = []
    for row in _as_tuples(rows):
        batch.append(_csv_line([_csv_text(v) for v in row], guard))
        if len(batch) >= DEFAULT_BATCH:
            fh.write("".join(batch))
            count += len(batch)
            batch.clear()
    fh.write("".join(batch))
    return count + len(batch)


# --- JSON ------------------------------------------------------------------------------------


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return _iso(value)
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def _dict_rows(rows: Iterable[Mapping[str, Any] | Sequence[Any]]) -> Iterator[dict[str, Any]]:
    """Objects with exactly the `EXPORT_COLUMNS` keys, as the CSV header: one format, whatever
    the container. Another tool's field names are that tool's mapping (bench/ has the
    scorer's), never extra keys here."""
    for row in rows:
        if isinstance(row, Mapping):
            yield {c: row.get(c) for c in EXPORT_COLUMNS}
        else:
            yield dict(zip(EXPORT_COLUMNS, row, strict=True))


def write_jsonl(rows: Iterable[Mapping[str, Any] | Sequence[Any]], fh: IO[str]) -> int:
    """One JSON object per line (keys: `EXPORT_COLUMNS`, in order), UTF-8 unescaped."""
    dumps = json.JSONEncoder(ensure_ascii=False, default=_json_default).encode
    count = 0
    for row in _dict_rows(rows):
        fh.write(dumps(row))
        fh.write("\n")
        count += 1
    return count


def write_json(rows: Iterable[Mapping[str, Any] | Sequence[Any]], fh: IO[str]) -> int:
    """A JSON array written element by element, so a million rows never sit in memory."""
    dumps = json.JSONEncoder(ensure_ascii=False, default=_json_default).encode
    count = 0
    fh.write("[")
    for row in _dict_rows(rows):
        fh.write("\n" if count == 0 else ",\n")
        fh.write(dumps(row))
        count += 1
    fh.write("\n]\n" if count else "]\n")
    return count


# --- one call ----------------------------------------------------------------------------------


def write_rows(
    rows: Iterable[Mapping[str, Any] | Sequence[Any]],
    fh: IO[str],
    fmt: ExportFormat = "csv",
    *,
    guard: bool = True,
    bom: bool = False,
) -> int:
    """Dispatch to the writer for `fmt`; `guard` and `bom` only mean something for CSV."""
    if fmt == "csv":
        return write_csv(rows, fh, guard=guard, bom=bom)
    if fmt == "jsonl":
        return write_jsonl(rows, fh)
    if fmt == "json":
        return write_json(rows, fh)
    raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")


def export_to_stream(
    source: Source,
    filters: ExportFilter | None,
    fh: IO[str],
    fmt: ExportFormat = "csv",
    *,
    guard: bool = True,
    bom: bool = False,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Query and write in one go into an open text stream (newline="" for CSV). Returns rows.

    `progress`, if given, is called with the running row count after every batch (the
    workbench shows it; it runs in the exporting thread).
    """
    filters = filters or ExportFilter()
    if fmt == "csv" and _dialect(source) == "sqlite":
        from quotes.export_sqlite import write_sqlite_csv  # it builds on this module

        return write_sqlite_csv(
            source, filters, fh, guard=guard, bom=bom, batch_size=batch_size, progress=progress
        )
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    rows: Iterable[Sequence[Any]] = iter_export_tuples(source, filters, batch_size=batch_size)
    if progress is not None:
        rows = _with_progress(rows, progress, batch_size)
    return write_rows(rows, fh, fmt, guard=guard, bom=bom)


def export_to_path(
    source: Source,
    filters: ExportFilter | None,
    path: str | os.PathLike[str],
    fmt: ExportFormat = "csv",
    *,
    guard: bool = True,
    bom: bool = False,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Export into `path` the way that path needs (see `quotes.destination`): a regular file
    atomically (a failed or interrupted export never leaves a half file where the last good
    one was), a symlink's target, a FIFO or device in place, `-` or `/dev/stdout` to stdout.

    `progress` as for `export_to_stream`.
    """
    if fmt not in FORMATS:  # before opening: a FIFO's open blocks until a reader comes
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    with open_destination(path) as fh:
        return export_to_stream(
            source,
            filters,
            fh,
            fmt,
            guard=guard,
            bom=bom,
            batch_size=batch_size,
            progress=progress,
        )


def _with_progress(
    rows: Iterable[Sequence[Any]], progress: Callable[[int], None], every: int
) -> Iterator[Sequence[Any]]:
    count = 0
    for row in rows:
        yield row
        count += 1
        if count % every == 0:
            progress(count)
    progress(count)
