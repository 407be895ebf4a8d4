"""`quotes watch`: follow feeds, sitemaps and home pages, storing each new article once.

Progress and a per-source line per round go to stderr. Ctrl-C or SIGTERM stops cleanly: the
batch in hand is stored and the wait ends; a second Ctrl-C aborts at once. Exit status: 0
when every source was read in every round, 1 when any failed, 2 for bad arguments, 130
after Ctrl-C.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from quotes.cli.common import DbOption, database_errors, err, fail, open_db
from quotes.cli.extract import print_problem, print_summary
from quotes.store.redact import mask_url
from quotes.text_safety import visible

if TYPE_CHECKING:
    from quotes.ingest.web.ingest import SourceReport


def watch(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Feed, sitemap or home page URLs, or TOML sources files (\\[[outlets]] "
            "with name and feeds).",
            show_default=False,
        ),
    ],
    db: DbOption = None,
    every: Annotated[
        str, typer.Option("--every", help="Time between rounds: 30s, 15m, 1h.")
    ] = "15m",
    max_rounds: Annotated[
        int | None,
        typer.Option(
            "--max-rounds", min=1, help="Stop after N rounds (cron, tests).", show_default=False
        ),
    ] = None,
    delay: Annotated[
        float,
        typer.Option("--delay", min=0.0, help="Seconds between two requests to one host."),
    ] = 1.0,
    model: Annotated[
        str | None,
        typer.Option("--model", help="spaCy pipeline to load.", show_default=False),
    ] = None,
    batch_size: Annotated[
        int,
        typer.Option("--batch-size", min=1, help="Articles fetched and stored per transaction."),
    ] = 16,
) -> None:
    """Poll news feeds and sitemaps, extracting quotes from every new article."""
    from quotes.extract import ModelNotInstalled
    from quotes.ingest.pipeline import load_nlp
    from quotes.ingest.web.fetch import Fetcher, FetchPolicy, SystemClock
    from quotes.ingest.web.watch import load_sources, parse_every
    from quotes.ingest.web.watch import watch as run_watch

    try:
        seconds = parse_every(every)
        specs = load_sources(sources)
    except ValueError as exc:
        fail(visible(str(exc)), code=2)
    if not specs:
        fail("nothing to watch: give feed URLs or a sources file", code=2)
    database = open_db(db, create=True)
    try:
        nlp = load_nlp(model)
    except ModelNotInstalled as exc:
        fail(f"no spaCy English model is installed; install one with:\n{exc}", code=2)
    stop = threading.Event()
    clock = SystemClock(stop)
    fetcher = Fetcher(FetchPolicy(per_host_delay=delay), clock)
    interrupted: list[int] = []

    def on_report(number: int, report: SourceReport) -> None:
        line = visible(mask_url(report.line()))
        err.print(Text(f"round {number}: {line}"), soft_wrap=True)

    err.print(f"watching {len(specs)} source(s) every {every}; Ctrl-C stops", soft_wrap=True)
    with _stop_on_signals(stop, interrupted), database_errors(database.label):
        try:
            result = run_watch(
                database,
                specs,
                nlp=nlp,
                fetcher=fetcher,
                clock=clock,
                every=seconds,
                max_rounds=max_rounds,
                stop=stop,
                on_problem=print_problem,
                on_report=on_report,
                batch_size=batch_size,
            )
        finally:
            fetcher.close()
    print_summary(result.summary)
    if interrupted and interrupted[0] == signal.SIGINT:
        raise typer.Exit(130)
    if result.failed_sources or not result.summary.ok:
        raise typer.Exit(1)


@contextmanager
def _stop_on_signals(stop: threading.Event, received: list[int]) -> Iterator[None]:
    """SIGINT and SIGTERM set `stop` (the batch in hand is stored); a second one aborts."""

    def handler(signum: int, _frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        received.append(signum)
        stop.set()
        err.print("stopping after the current batch (again to abort)")

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
