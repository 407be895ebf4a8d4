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
from quotes.store.database import Database

if TYPE_CHECKING:  # spaCy is imported only by the commands that run it
    from spacy.language import Language


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

    paths = paths or [Path("seeds")]
    database = open_db(db)
    try:
        nlp = load_nlp(None)
    except ModelNotInstalled as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    with database_errors(database.label):
        summary = ingest_paths(
            database,
            [str(p) for p in paths],
            nlp=nlp,
            on_problem=lambda p: err.print(f"[red]{p}[/]"),
        )
        err.print(
            f"articles: {summary.articles_new} new, {summary.articles_unchanged} unchanged, "
            f"{summary.articles_failed} failed; quotes added: {summary.quotes_added}; "
            f"speakers created: {summary.speakers_created}"
        )
        _topics(database, paths, nlp, curator_name(curator))
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if interactive and not no_tui:
        from quotes.tui import run_workbench

        run_workbench(database, curator_name(curator))
        return
    stats(db=db, as_json=False)
    if not summary.ok:
        raise typer.Exit(1)


def _topics(database: Database, paths: list[Path], nlp: Language, curator: str) -> None:
    """Give a fresh database the sample taxonomy, then suggest topics for new quotes."""
    from quotes.curation import CurationService
    from quotes.topics.apply import suggest_topics
    from quotes.topics.io import import_taxonomy
    from quotes.topics.taxonomy import load_taxonomy

    service = CurationService(database, curator)
    if not service.topics():
        for folder in {p if p.is_dir() else p.parent for p in paths}:
            taxonomy = folder / "topics.toml"
            if taxonomy.exists():
                result = import_taxonomy(service, load_taxonomy(taxonomy))
                err.print(f"topics: {result.created} imported from {taxonomy}")
    suggested = suggest_topics(database, nlp)
    if suggested.suggestions:
        err.print(f"topics: {suggested.suggestions} suggestions on {suggested.quotes} quotes")
