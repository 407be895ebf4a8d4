"""`quotes demo`: the README's main job, from sample articles to the curators' workbench.

It extracts the articles into the database, imports the folder's `topics.toml` taxonomy
when the database has no topics yet, suggests topics, and then opens the workbench. With
no terminal to draw on (CI, a pipe) it prints the summary and the counts instead.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quotes.cli.common import CuratorOption, DbOption, curator_name, database_errors, err, open_db
from quotes.cli.db import stats
from quotes.cli.extract import print_problem, print_summary

if TYPE_CHECKING:
    from quotes.store.database import Database


def demo(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Articles to extract. Default: ./seeds.")
    ] = None,
    db: DbOption = None,
    curator: CuratorOption = None,
    no_tui: Annotated[
        bool, typer.Option("--no-tui", help="Print the summary instead of opening the workbench.")
    ] = False,
) -> None:
    """Extract sample articles into the database and open the curation workbench."""
    from quotes.extract import ModelNotInstalled
    from quotes.ingest.pipeline import ingest_paths, load_nlp
    from quotes.topics.apply import suggest_topics

    paths = paths or [Path("seeds")]
    database = open_db(db, create=True)
    try:
        nlp = load_nlp(None)
    except ModelNotInstalled as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    with database_errors(database.label):
        # The taxonomy goes in first, so extraction suggests topics from its own parse.
        _import_taxonomy(database, paths, curator_name(curator))
        summary = ingest_paths(
            database,
            [str(p) for p in paths],
            nlp=nlp,
            on_problem=print_problem,
        )
        print_summary(summary)
        # Quotes stored before the taxonomy existed get their suggestions now.
        suggested = suggest_topics(database, nlp)
        if suggested.suggestions:
            err.print(f"topics: {suggested.suggestions} suggestions on older quotes")
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if interactive and not no_tui:
        from quotes.tui import run_workbench

        code = run_workbench(database, curator_name(curator))
        if code:
            raise typer.Exit(code)
        return
    stats(db=db, as_json=False)
    if not summary.ok:
        raise typer.Exit(1)


def _import_taxonomy(database: Database, paths: list[Path], curator: str) -> None:
    """Give a database with no topics the taxonomy (`topics.toml`) beside the articles."""
    from quotes.curation import CurationService
    from quotes.topics.io import import_taxonomy
    from quotes.topics.taxonomy import load_taxonomy

    service = CurationService(database, curator)
    if service.topics():
        return
    for folder in sorted({p if p.is_dir() else p.parent for p in paths}):
        taxonomy = folder / "topics.toml"
        if taxonomy.exists():
            result = import_taxonomy(service, load_taxonomy(taxonomy))
            err.print(f"topics: {result.created} imported from {taxonomy}")
