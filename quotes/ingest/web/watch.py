"""`quotes watch`: poll sources in rounds until stopped, storing each new article once.

A round reads every source once (one failing source is one line and the round goes on),
then the watcher waits until `every` seconds after the round began. Stopping (Ctrl-C,
SIGTERM) sets an event: the article batch in hand is still stored, the next fetch is not
started, and the wait between rounds ends at once. Everything the next run needs (pages
stored, feed validators) is in the database, so a killed watcher resumes where it was.
"""

from __future__ import annotations

import re
import threading
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from quotes.ingest.types import IngestSummary, InputProblem
from quotes.ingest.web.fetch import Clock, Fetcher
from quotes.ingest.web.ingest import SourceReport, SourceSpec, WebIngester
from quotes.ingest.web.urls import looks_like_url
from quotes.store.database import Database

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
MIN_EVERY = 1.0


def parse_every(value: str) -> float:
    """Seconds in "90", "30s", "15m", "2h" or "1d"; ValueError naming the problem."""
    match = _DURATION.match(value)
    if not match:
        raise ValueError(f"--every takes a duration like 30s, 15m or 1h, not {value!r}")
    seconds = float(match.group(1)) * _UNITS[match.group(2).lower()]
    if seconds < MIN_EVERY:
        raise ValueError(f"--every must be at least {MIN_EVERY:g} second")
    return seconds


def load_sources(arguments: Sequence[str]) -> list[SourceSpec]:
    """URLs as given, and the outlets of TOML sources files, in order and without repeats.

    A sources file lists outlets, each with a `name` (stored as its articles' outlet) and
    `feeds` (feed, sitemap or home page URLs)::

        [[outlets]]
        name = "Example News"
        feeds = ["https://news.example/rss.xml", "https://news.example/sitemap.xml"]
    """
    specs: dict[str, SourceSpec] = {}
    for argument in arguments:
        if looks_like_url(argument):
            specs.setdefault(argument, SourceSpec(argument))
            continue
        for spec in _read_sources_file(Path(argument)):
            specs.setdefault(spec.url, spec)
    return list(specs.values())


def _read_sources_file(path: Path) -> list[SourceSpec]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"{path}: {(exc.strerror or str(exc)).lower()}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: not a valid TOML sources file ({exc})") from None
    outlets = data.get("outlets", [])
    if not isinstance(outlets, list) or not outlets:
        raise ValueError(f'{path}: expected [[outlets]] tables with "name" and "feeds"')
    specs: list[SourceSpec] = []
    for number, outlet in enumerate(outlets, start=1):
        if not isinstance(outlet, dict):
            raise ValueError(f"{path}: outlet {number} is not a table")
        name = outlet.get("name")
        feeds = outlet.get("feeds", [])
        if isinstance(outlet.get("url"), str):
            feeds = [*feeds, outlet["url"]] if isinstance(feeds, list) else feeds
        if name is not None and not isinstance(name, str):
            raise ValueError(f'{path}: outlet {number}: "name" must be a string')
        if not isinstance(feeds, list) or not all(isinstance(f, str) for f in feeds) or not feeds:
            raise ValueError(f'{path}: outlet {number}: "feeds" must be a list of URLs')
        clean = " ".join(name.split())[:200] if name else None
        specs.extend(SourceSpec(feed, clean or None) for feed in feeds)
    return specs


@dataclass(slots=True)
class RoundResult:
    number: int
    reports: list[SourceReport] = field(default_factory=list)


@dataclass(slots=True)
class WatchResult:
    rounds: list[RoundResult] = field(default_factory=list)
    summary: IngestSummary = field(default_factory=IngestSummary)
    stopped: bool = False

    @property
    def failed_sources(self) -> int:
        return sum(1 for r in self.rounds for s in r.reports if s.error is not None)


def watch(
    database: Database,
    sources: Sequence[SourceSpec],
    *,
    nlp: Language,
    fetcher: Fetcher,
    clock: Clock,
    every: float,
    max_rounds: int | None = None,
    stop: threading.Event | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
    on_report: Callable[[int, SourceReport], None] | None = None,
    batch_size: int = 16,
    max_chars: int | None = None,
) -> WatchResult:
    """Poll `sources` every `every` seconds for `max_rounds` rounds (None: until stopped)."""
    stop = stop or threading.Event()
    extra = {"max_chars": max_chars} if max_chars is not None else {}
    ingester = WebIngester(
        database,
        nlp,
        fetcher,
        on_problem=on_problem,
        batch_size=batch_size,
        stop=stop,
        follow_any_page=True,
        **extra,
    )
    result = WatchResult(summary=ingester.summary)
    number = 0
    while not stop.is_set():
        number += 1
        started = clock.now()
        current = RoundResult(number)
        result.rounds.append(current)
        for spec in sources:
            if stop.is_set():
                break
            report = ingester.read(spec)
            current.reports.append(report)
            if on_report is not None:
                on_report(number, report)
        if max_rounds is not None and number >= max_rounds:
            break
        if not stop.is_set():
            clock.sleep(max(0.0, started + every - clock.now()))
    result.stopped = stop.is_set()
    return result
