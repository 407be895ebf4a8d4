"""`quotes export`: the filtered quotes as CSV, JSON Lines or a JSON array, to a file or stdout.

The command only turns options into an `ExportFilter` and picks the destination; the query
and the formats live in `quotes.export`, which the workbench calls too, and every filter
option is compiled by the review queue's own filter, so `--topic sanctions` here finds
exactly what the workbench's filter "sanctions" shows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quotes.cli.common import DbOption, database_errors, err, fail, open_db, safe_text
from quotes.destination import is_stdout

# `quotes.export` loads SQLAlchemy and the models: imported when the command runs, never by
# `quotes --help` (issue 19: start-up).
if TYPE_CHECKING:
    from quotes.export import ExportFilter, Source


class Status(StrEnum):
    verified = "verified"
    unverified = "unverified"
    rejected = "rejected"
    any = "any"


class Format(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    json = "json"


_SUFFIX_FORMATS = {
    ".csv": Format.csv,
    ".jsonl": Format.jsonl,
    ".ndjson": Format.jsonl,
    ".json": Format.json,
}
_FILTERS = "Filters"


def _date(option: str, value: str | None) -> dt.date | None:
    from quotes.curation.filters import parse_day

    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError as exc:
        fail(f"{option}: {exc}")


def export(
    db: DbOption = None,
    status: Annotated[
        Status, typer.Option(help="Which quotes by curation status.", rich_help_panel=_FILTERS)
    ] = Status.verified,
    speaker: Annotated[
        str | None,
        typer.Option(
            help="Speaker name, alias or surname (any case; includes merged speakers).",
            rich_help_panel=_FILTERS,
        ),
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option(help="Topic name or its start (any case).", rich_help_panel=_FILTERS),
    ] = None,
    outlet: Annotated[
        str | None,
        typer.Option(help="Article outlet or its start (any case).", rich_help_panel=_FILTERS),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            help="Published on or after this date (YYYY-MM-DD).",
            rich_help_panel=_FILTERS,
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            help="Published on or before this date (YYYY-MM-DD).",
            rich_help_panel=_FILTERS,
            show_default=False,
        ),
    ] = None,
    article: Annotated[
        str | None,
        typer.Option(
            help="Article id, or its source (path, URL or file name).", rich_help_panel=_FILTERS
        ),
    ] = None,
    min_confidence: Annotated[
        float | None,
        typer.Option(
            min=0.0,
            max=1.0,
            help="Only quotes with at least this confidence.",
            rich_help_panel=_FILTERS,
        ),
    ] = None,
    max_confidence: Annotated[
        float | None,
        typer.Option(
            min=0.0,
            max=1.0,
            help="Only quotes with at most this confidence.",
            rich_help_panel=_FILTERS,
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            help="Words that must occur in the quote (full-text search).", rich_help_panel=_FILTERS
        ),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="csv, jsonl or json. Default: from --out's extension, else csv.",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Write here instead of stdout: a file is replaced atomically, a symlink's "
            "target, a FIFO or a device is written in place; - or /dev/stdout is stdout.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    excel: Annotated[
        bool, typer.Option("--excel", help="CSV: start with a UTF-8 BOM so Excel reads UTF-8.")
    ] = False,
    raw: Annotated[
        bool,
        typer.Option(
            "--raw", help="CSV: do not prefix cells a spreadsheet would run as a formula with '."
        ),
    ] = False,
    statements: Annotated[
        bool,
        typer.Option(
            "--statements",
            help="One row per statement (the same quote across articles): first seen, outlets, "
            "speakers, copies, conflict. The quote filters do not apply.",
        ),
    ] = False,
) -> None:
    """Export quotes (verified ones by default) as CSV, JSON Lines or JSON.

    Columns: quote_id, quote, type, speaker, speaker_title, speaker_organization, cue, topics,
    article_title, outlet, author, published, source, start, end, confidence, verified_by,
    verified_at, suggested_topics, speaker_kind (person, organization, other; group or unnamed
    for a source the article does not name), statement_id and copies (the statement this quote
    is a copy of, and how many copies it has); JSON rows are objects with exactly these keys.
    CSV cells that a spreadsheet would run as a formula get a leading ' unless --raw.
    """
    from quotes.export import ExportFilter, export_to_path

    filters = ExportFilter(
        status=status.value,
        speaker=speaker,
        topic=topic,
        outlet=outlet,
        since=_date("--since", since),
        until=_date("--until", until),
        article=article,
        min_confidence=min_confidence,
        max_confidence=max_confidence,
        search=search,
    )
    if filters.since and filters.until and filters.since > filters.until:
        fail(f"--since {filters.since} is after --until {filters.until}")
    low, high = min_confidence, max_confidence
    if low is not None and high is not None and low > high:
        fail(f"--min-confidence {low} is above --max-confidence {high}")
    if out is not None and (str(out) == "-" or is_stdout(out)):
        out = None  # `-`, /dev/stdout: the same stream as no --out, with its pipe handling
    chosen = fmt or (_SUFFIX_FORMATS.get(out.suffix.lower()) if out else None) or Format.csv
    if excel and chosen is not Format.csv:
        err.print("[yellow]note:[/] --excel only applies to CSV; ignored")
    if statements:
        from quotes.cli.statements import export_statements

        export_statements(db, out, chosen.value, guard=not raw, bom=excel and chosen is Format.csv)
        return
    database = open_db(db)
    with database_errors(database.label):
        if speaker:
            from quotes.export import resolve_speaker_ids

            if not resolve_speaker_ids(database.engine, speaker):
                err.print(f"[yellow]warning:[/] no speaker named {safe_text(repr(speaker))}")
        guard, bom = not raw, excel and chosen is Format.csv
        if out is not None:
            try:
                count = export_to_path(
                    database.engine, filters, out, chosen.value, guard=guard, bom=bom
                )
            except OSError as exc:
                fail(f"cannot write {out}: {exc.strerror or exc}")
            err.print(f"exported {count} quote{'s' * (count != 1)} to {safe_text(str(out))}")
            return
        count = _to_stdout(database.engine, filters, chosen, guard=guard, bom=bom)
    if count >= 0:
        err.print(f"exported {count} quote{'s' * (count != 1)}")


def _to_stdout(
    engine: Source, filters: ExportFilter, chosen: Format, *, guard: bool, bom: bool
) -> int:
    """UTF-8 with untranslated newlines whatever the locale, so CSV keeps its CRLF.
    Returns the row count, or -1 when the reader went away (`| head`)."""
    from quotes.export import export_to_stream

    sys.stdout.flush()
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None:  # a text-only stream (some test harnesses): write to it as it is
        return export_to_stream(engine, filters, sys.stdout, chosen.value, guard=guard, bom=bom)
    stream = io.TextIOWrapper(binary, encoding="utf-8", newline="", write_through=False)
    try:
        return export_to_stream(engine, filters, stream, chosen.value, guard=guard, bom=bom)
    except BrokenPipeError:  # `quotes export | head`: the reader has all it wanted
        return -1
    finally:
        with contextlib.suppress(BrokenPipeError):
            stream.flush()
        stream.detach()  # leave sys.stdout's buffer open
