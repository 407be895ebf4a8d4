"""`quotes topics …`: the taxonomy and its suggestions, from the shell."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from quotes.cli.common import CuratorOption, DbOption, curation_errors, err, fail, open_db, service
from quotes.cli.output import CsvFlag, JsonFlag, RawFlag, emit, pick_format

topics_app = typer.Typer(
    help="The topic taxonomy: list, add, rename, merge, import/export TOML, suggest.",
    no_args_is_help=True,
)

TopicArg = Annotated[str, typer.Argument(help="A topic name.")]
COLUMNS = ["id", "name", "quotes", "suggested", "description"]


def _split(values: str | None) -> list[str]:
    return [v.strip() for v in (values or "").split(",") if v.strip()]


@topics_app.command("list")
def list_topics(
    db: DbOption = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
    raw: RawFlag = False,
) -> None:
    """Topics with how many quotes curators tagged and how many are suggested."""
    fmt = pick_format(as_json, as_csv)
    with curation_errors():
        topics = service(db).topics()
    emit(
        (
            {
                "id": t.id,
                "name": t.name,
                "quotes": t.quote_count,
                "suggested": t.suggested_count,
                "description": t.description,
            }
            for t in topics
        ),
        COLUMNS,
        fmt,
        title="topics",
        guard=not raw,
    )


@topics_app.command("add")
def add(
    name: TopicArg,
    description: Annotated[str | None, typer.Option(help="What the topic covers.")] = None,
    keywords: Annotated[str | None, typer.Option(help="Comma-separated words (by lemma).")] = None,
    phrases: Annotated[str | None, typer.Option(help="Comma-separated phrases.")] = None,
    entities: Annotated[str | None, typer.Option(help="Comma-separated names.")] = None,
    db: DbOption = None,
    curator: CuratorOption = None,
) -> None:
    """Add a topic, with optional match rules for suggestions."""
    rules = {
        k: v
        for k, v in (
            ("keywords", _split(keywords)),
            ("phrases", _split(phrases)),
            ("entities", _split(entities)),
        )
        if v
    }
    with curation_errors():
        topic = service(db, curator).create_topic(name, description, rules or None)
    err.print(f"added topic {topic.id}: {topic.name}")


@topics_app.command("rename")
def rename(
    name: TopicArg,
    new_name: Annotated[str, typer.Argument(help="The new name.")],
    db: DbOption = None,
    curator: CuratorOption = None,
) -> None:
    """Rename a topic; every tagged quote keeps it."""
    with curation_errors():
        topic = service(db, curator).rename_topic(name, new_name)
    err.print(f"renamed topic {topic.id} to {topic.name}")


@topics_app.command("merge")
def merge(
    source: TopicArg,
    target: Annotated[str, typer.Argument(help="The topic that remains.")],
    db: DbOption = None,
    curator: CuratorOption = None,
) -> None:
    """Merge a topic into another: its quotes are tagged with the other, then it is removed."""
    with curation_errors():
        topic = service(db, curator).merge_topics(source, target)
    err.print(f"merged {source} into {topic.name}")


@topics_app.command("import")
def import_(
    path: Annotated[Path, typer.Argument(help="A taxonomy TOML file ([[topic]] tables).")],
    db: DbOption = None,
    curator: CuratorOption = None,
) -> None:
    """Create or update topics from a taxonomy file (matched by name)."""
    from quotes.topics.io import import_taxonomy
    from quotes.topics.taxonomy import TaxonomyError, load_taxonomy

    try:
        taxonomy = load_taxonomy(path)
    except TaxonomyError as exc:
        fail(str(exc))
    with curation_errors():
        result = import_taxonomy(service(db, curator, create=True), taxonomy)
    err.print(
        f"{path}: {result.created} created, {result.updated} updated, {result.unchanged} unchanged"
    )


@topics_app.command("export")
def export(
    out_path: Annotated[Path | None, typer.Option("--out", help="Write here, not stdout.")] = None,
    db: DbOption = None,
) -> None:
    """Write the taxonomy as TOML (the format `quotes topics import` reads)."""
    from quotes.topics.io import export_taxonomy
    from quotes.topics.taxonomy import dump_taxonomy

    with curation_errors():
        text = dump_taxonomy(export_taxonomy(service(db)))
    if out_path is None:
        sys.stdout.write(text)
    else:
        out_path.write_text(text, encoding="utf-8")
        err.print(f"wrote {out_path}")


@topics_app.command("suggest")
def suggest(
    all_quotes: Annotated[
        bool, typer.Option("--all", help="Every quote, not only those with no topic yet.")
    ] = False,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to load.")] = None,
    db: DbOption = None,
) -> None:
    """Suggest topics from each quote's words and its article (dismissals are kept)."""
    from quotes.extract import ModelNotInstalled
    from quotes.ingest.pipeline import load_nlp
    from quotes.topics.apply import suggest_topics

    database = open_db(db)
    try:
        nlp = load_nlp(model)
    except ModelNotInstalled as exc:
        fail(str(exc), code=2)
    with curation_errors():
        result = suggest_topics(database, nlp, all_quotes=all_quotes)
    err.print(
        f"{result.suggestions} new suggestions on {result.quotes} quotes "
        f"in {result.articles} articles"
    )
