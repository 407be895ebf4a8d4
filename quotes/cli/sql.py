"""`quotes sql` (your own read-only query) and `quotes schema` (what there is to query).

`quotes sql` never migrates or creates the database: it is for looking, so it opens the file
as it is, read-only (see `quotes.store.readonly` for the layers of protection and the
limits). JSON and CSV are printed while rows arrive, so memory stays flat and the time limit
covers printing too; a table has to see its rows first, so its cells are cut smaller.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from quotes.cli.common import DbOption, database_errors, err, fail, open_db
from quotes.cli.output import CsvFlag, JsonFlag, OutputFormat, RawFlag, emit, pick_format
from quotes.store.query_errors import QueryTimeout, ReadOnlyQueryError, ValueTooBig

# The limits come from the plain-Python modules. `quotes.store.readonly` loads SQLAlchemy
# only for a URL (a SQLite path goes straight to the stdlib driver) and `.schema_doc` always:
# both are imported when a command runs (issue 19: start-up).
from quotes.store.query_stream import (
    DEFAULT_LIMIT,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CELL_BYTES,
    DEFAULT_TIMEOUT,
    MAX_LIMIT,
    MIN_MAX_BYTES,
    TABLE_MAX_BYTES,
    TABLE_MAX_CELL_BYTES,
    QueryLimits,
    QueryStream,
)

_LIMITS = "Limits"


def sql(
    query: Annotated[str, typer.Argument(help='One SQL statement, e.g. "SELECT ...".')],
    db: DbOption = None,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=0.001,
            max=86400,
            help="Stop after this many seconds, printing included.",
            rich_help_panel=_LIMITS,
        ),
    ] = DEFAULT_TIMEOUT,
    limit: Annotated[
        int,
        typer.Option(
            "--limit",
            min=1,
            max=MAX_LIMIT,
            help=f"Print at most this many rows (1 to {MAX_LIMIT}; there is no unlimited).",
            rich_help_panel=_LIMITS,
        ),
    ] = DEFAULT_LIMIT,
    max_cell_bytes: Annotated[
        int | None,
        typer.Option(
            "--max-cell-bytes",
            min=1,
            help=f"Cut longer cells, marked with …. Default: {TABLE_MAX_CELL_BYTES} for a "
            f"table, {DEFAULT_MAX_CELL_BYTES} for --json and --csv.",
            show_default=False,
            rich_help_panel=_LIMITS,
        ),
    ] = None,
    max_bytes: Annotated[
        int | None,
        typer.Option(
            "--max-bytes",
            min=MIN_MAX_BYTES,
            help="Stop the result once it holds this many bytes; on SQLite also the largest "
            f"value the query may build. Default: {TABLE_MAX_BYTES} for a table, "
            f"{DEFAULT_MAX_BYTES} for --json and --csv.",
            show_default=False,
            rich_help_panel=_LIMITS,
        ),
    ] = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
    raw: RawFlag = False,
) -> None:
    """Run one read-only SQL statement; see `quotes schema` for the tables and views.

    Only one SELECT, WITH ... SELECT, VALUES or EXPLAIN runs (reading PRAGMAs too on SQLite);
    the database is never changed. On PostgreSQL a superuser is refused: connect as a role
    made by `quotes db reader`.
    Example: quotes sql "SELECT speaker, count(*) FROM verified_quotes GROUP BY 1 ORDER BY 2 DESC"
    """
    from quotes.store.readonly import open_readonly_query

    fmt = pick_format(as_json, as_csv)
    table = fmt is OutputFormat.table
    if max_cell_bytes is None:
        max_cell_bytes = TABLE_MAX_CELL_BYTES if table else DEFAULT_MAX_CELL_BYTES
    if max_bytes is None:
        max_bytes = TABLE_MAX_BYTES if table else DEFAULT_MAX_BYTES
    try:
        limits = QueryLimits(
            timeout=timeout, rows=limit, cell_bytes=max_cell_bytes, result_bytes=max_bytes
        )
        with open_readonly_query(query, db, limits=limits) as stream:
            emit(stream, stream.columns, fmt, guard=not raw)
    except QueryTimeout as exc:
        fail(f"{exc} (raise --timeout to allow longer)")
    except ValueTooBig as exc:
        fail(f"{exc} (raise --max-bytes to allow more)")
    except ReadOnlyQueryError as exc:
        fail(str(exc))
    _notices(stream, fmt)


def _notices(stream: QueryStream, fmt: OutputFormat) -> None:
    """What was cut, on stderr, so a shortened result is never mistaken for the whole."""
    limits = stream.limits
    if stream.cells_cut:
        plural = "s" * (stream.cells_cut != 1)
        err.print(
            f"[yellow]cut:[/] {stream.cells_cut} cell{plural} truncated at "
            f"{limits.cell_bytes} bytes (marked …); raise --max-cell-bytes to see more",
            soft_wrap=True,
        )
    if stream.cut_at_bytes:
        err.print(
            f"[yellow]truncated:[/] result stopped at {limits.result_bytes} bytes after "
            f"{stream.count} rows; raise --max-bytes to see more",
            soft_wrap=True,
        )
    elif stream.more_rows:
        err.print(
            f"[yellow]truncated:[/] showing the first {limits.rows} rows; "
            f"raise --limit (up to {MAX_LIMIT}) to see more",
            soft_wrap=True,
        )
    elif fmt is OutputFormat.table:
        rows = f"{stream.count} row{'s' * (stream.count != 1)}"
        err.print(f"{rows} in {stream.seconds:.3f}s")


def schema(
    db: DbOption = None,
    as_json: JsonFlag = False,
) -> None:
    """The tables and views, each column with what it means: the map for `quotes sql`."""
    from quotes.store.schema_doc import describe_schema

    database = open_db(db)
    with database_errors(database.label):
        docs = describe_schema(database.engine)
    if as_json:
        payload = [
            {
                "name": t.name,
                "kind": t.kind,
                "description": t.description,
                "columns": [c.__dict__ for c in t.columns],
            }
            for t in docs
        ]
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    console = Console(highlight=False)
    for t in docs:
        table = Table(
            title=f"[bold]{escape(t.name)}[/] ({t.kind}) — {escape(t.description)}",
            title_justify="left",
            show_edge=False,
            expand=False,
        )
        table.add_column("column", style="bold", no_wrap=True)
        table.add_column("type", style="dim", no_wrap=True)
        table.add_column("meaning", overflow="fold")
        for c in t.columns:
            table.add_row(
                escape(c.name),
                escape(c.type.lower()) + ("" if c.nullable else " *"),
                escape(c.description),
            )
        console.print(table)
        console.print()
    console.print('[dim]* not null. Query with: quotes sql "SELECT ... FROM verified_quotes"[/]')
