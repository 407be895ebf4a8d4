"""`quotes sql` (your own read-only query) and `quotes schema` (what there is to query).

`quotes sql` never migrates or creates the database: it is for looking, so it opens the file
as it is, read-only (see `quotes.store.readonly` for the layers of protection).
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from quotes.cli.common import DbOption, database_errors, err, fail, open_db
from quotes.cli.output import CsvFlag, JsonFlag, emit, pick_format
from quotes.store.readonly import (
    DEFAULT_LIMIT,
    DEFAULT_TIMEOUT,
    QueryTimeout,
    ReadOnlyQueryError,
    run_readonly_query,
)
from quotes.store.schema_doc import describe_schema


def sql(
    query: Annotated[str, typer.Argument(help='One SQL statement, e.g. "SELECT ...".')],
    db: DbOption = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.001, help="Stop the query after this many seconds.")
    ] = DEFAULT_TIMEOUT,
    limit: Annotated[
        int,
        typer.Option("--limit", min=0, help="Print at most this many rows (0: no limit)."),
    ] = DEFAULT_LIMIT,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Run a read-only SQL query; see `quotes schema` for the tables and views.

    Writes, ATTACH and setting pragmas are refused; the database file is never changed.
    Example: quotes sql "SELECT speaker, count(*) FROM verified_quotes GROUP BY 1 ORDER BY 2 DESC"
    """
    fmt = pick_format(as_json, as_csv)
    try:
        result = run_readonly_query(query, db, timeout=timeout, limit=limit)
    except QueryTimeout as exc:
        fail(f"{exc} (raise --timeout to allow longer)")
    except ReadOnlyQueryError as exc:
        fail(str(exc))
    emit(result.rows, result.columns, fmt)
    if result.truncated:
        err.print(
            f"[yellow]truncated:[/] showing the first {result.limit} rows; "
            "raise --limit (0 for all) to see more"
        )
    elif fmt == "table":
        err.print(f"{len(result.rows)} row{'s' * (len(result.rows) != 1)} in {result.seconds:.3f}s")


def schema(
    db: DbOption = None,
    as_json: JsonFlag = False,
) -> None:
    """The tables and views, each column with what it means: the map for `quotes sql`."""
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
