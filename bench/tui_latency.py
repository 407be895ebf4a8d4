"""How fast the workbench answers on big databases, next to the bare SQL for the same page.

    .venv/bin/python bench/tui_latency.py                   # 10,000 and 1,000,000 quotes
    .venv/bin/python bench/tui_latency.py --sizes 20000     # a quick look

For each size it builds a migrated database (plain executemany SQL, full-text index rebuilt
once at the end), then drives the real app headless with `App.run_test()` and times:

- first screen: app start until the first queue page is on screen;
- search / status filter: the filter applied until the new first page is on screen;
- verify: the key press until the row shows verified (optimistic) and until it is saved.

Next to each, the plain SQL doing the same work on a raw sqlite3 connection (the floor), and
the ratio. The workbench's own overhead (Textual start-up, rendering, a worker thread, the
ORM) is the difference; what must not happen is the ratio growing with the size, which
would mean a query that reads more than one page. A benchmark, not a test: nothing here
asserts on time.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

_VOCABULARY = (
    "the government will not accept any deal that weakens our security and we have made "
    "that clear to our partners in every meeting since talks began prices rose faster than "
    "expected inflation remains the central concern election minister defence budget climate "
    "policy reform vote parliament alliance sanctions ceasefire"
)
WORDS = _VOCABULARY.split()
RARE_WORD = "nato"  # in about 1 quote of 50: what the search measures
OUTLETS = ("Reuters", "AP", "BBC", "Der Spiegel", "Le Monde", "NHK", "Al Jazeera", "TASS")
QUOTES_PER_ARTICLE = 10
PAGE = 100

QUEUE_SQL = """
SELECT q.id, q.status, q.type, s.name, q.text, a.outlet, a.published, q.confidence,
       q.version, q.article_id, q.start
FROM quotes q JOIN articles a ON a.id = q.article_id
LEFT JOIN speakers s ON s.id = q.speaker_id
WHERE q.status = ? {extra}
ORDER BY q.confidence, q.id LIMIT {limit}
"""
SEARCH_SQL = "AND q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"


# -- building the databases --------------------------------------------------------------


def _quote_text(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 16))]
    if rng.random() < 0.02:
        words.insert(rng.randrange(len(words)), RARE_WORD)
    return " ".join(words)


def _articles(n_quotes: int, n_speakers: int, seed: int) -> Iterator[tuple[Any, ...]]:
    """(article row, [quote rows]) with offsets that really point into the article text."""
    rng = random.Random(seed)
    made = 0
    article_id = 0
    while made < n_quotes:
        article_id += 1
        parts: list[str] = []
        quotes: list[tuple[Any, ...]] = []
        at = 0
        for _ in range(min(QUOTES_PER_ARTICLE, n_quotes - made)):
            lead = "The minister said "
            text = _quote_text(rng)
            start = at + len(lead) + 1
            parts.append(f'{lead}"{text}".')
            at += len(parts[-1]) + 1
            status = rng.choices(("unverified", "verified", "rejected"), (8, 1, 1))[0]
            quotes.append(
                (
                    article_id,
                    text,
                    start,
                    start + len(text),
                    "direct",
                    "said",
                    rng.randint(1, n_speakers),
                    round(rng.random(), 4),
                    status,
                    "bench" if status != "unverified" else None,
                )
            )
            made += 1
        body = "\n".join(parts)
        article = (
            article_id,
            hashlib.sha256(f"{seed}:{article_id}".encode()).hexdigest(),
            f"bench/{article_id}.txt",
            f"Article {article_id}",
            OUTLETS[article_id % len(OUTLETS)],
            f"2024-{1 + article_id % 12:02d}-{1 + article_id % 28:02d}",
            "en",
            body,
        )
        yield article, quotes


def build_database(path: Path, n_quotes: int, *, seed: int = 7) -> None:
    """A migrated database with `n_quotes` quotes, written by executemany in big batches."""
    from quotes.store.database import open_database

    database = open_database(str(path))  # the real migrations: the real schema and indexes
    database.engine.dispose()
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA synchronous=OFF")
    trigger = con.execute(
        "SELECT sql FROM sqlite_master WHERE type='trigger' AND name='quotes_fts_ai'"
    ).fetchone()
    con.execute("BEGIN")
    if trigger:  # index once at the end instead of row by row
        con.execute("DROP TRIGGER quotes_fts_ai")
    n_speakers = max(2, min(5000, n_quotes // 50))
    now = "2024-06-01 12:00:00"
    con.executemany(
        "INSERT INTO speakers (id, name, normalized_name, kind, verified, version, created_at,"
        " updated_at) VALUES (?, ?, ?, 'person', 0, 1, ?, ?)",
        ((i, f"Speaker {i}", f"speaker {i}", now, now) for i in range(1, n_speakers + 1)),
    )
    con.executemany(
        "INSERT INTO speaker_aliases (speaker_id, alias, normalized, origin)"
        " VALUES (?, ?, ?, 'extractor')",
        ((i, f"Speaker {i}", f"speaker {i}") for i in range(1, n_speakers + 1)),
    )
    article_rows: list[tuple[Any, ...]] = []
    quote_rows: list[tuple[Any, ...]] = []

    def flush() -> None:
        con.executemany(
            "INSERT INTO articles (id, content_hash, source, title, outlet, published, language,"
            f" text, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{now}')",
            article_rows,
        )
        con.executemany(
            'INSERT INTO quotes (article_id, text, start, "end", type, cue, speaker_id,'
            " confidence, status, verified_by, version, created_at, updated_at)"
            f" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, '{now}', '{now}')",
            quote_rows,
        )
        article_rows.clear()
        quote_rows.clear()

    for article, quotes in _articles(n_quotes, n_speakers, seed):
        article_rows.append(article)
        quote_rows.extend(quotes)
        if len(quote_rows) >= 50_000:
            flush()
    flush()
    if trigger:
        con.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')")
        con.execute(trigger[0])
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.close()


# -- the bare SQL ------------------------------------------------------------------------


def _best(fn: Callable[[], Any], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def sql_baselines(path: Path) -> dict[str, float]:
    con = sqlite3.connect(path, isolation_level=None)
    page = QUEUE_SQL.format(extra="", limit=PAGE + 1)
    search = QUEUE_SQL.format(extra=SEARCH_SQL, limit=PAGE + 1)
    times = {
        "first screen": _best(lambda: con.execute(page, ("unverified",)).fetchall()),
        "search filter": _best(
            lambda: con.execute(search, ("unverified", f'"{RARE_WORD}"*')).fetchall()
        ),
        "status filter": _best(lambda: con.execute(page, ("verified",)).fetchall()),
    }
    first = con.execute(page, ("unverified",)).fetchone()

    def verify() -> None:
        con.execute("BEGIN IMMEDIATE")
        con.execute(
            "UPDATE quotes SET status='verified', version=version+1 WHERE id=? AND version=?",
            (first[0], first[8]),
        )
        con.execute("ROLLBACK")  # leave the row for the workbench to verify

    times["verify (saved)"] = _best(verify)
    times["verify (shown)"] = times["verify (saved)"]
    con.close()
    return times


# -- the workbench -----------------------------------------------------------------------


async def _until(pilot: Any, done: Callable[[], bool], timeout: float = 300.0) -> None:
    """Poll without `pilot.pause()`, which would also wait for every other message."""
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the workbench did not answer in time")
        await asyncio.sleep(0.0005)


def _press(app: Any, key: str) -> None:
    """A key press as the terminal driver delivers it; returns before the app handles it."""
    from textual import events

    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    app._driver.send_message(event)


async def workbench_times(path: Path) -> dict[str, float]:
    from quotes.store.database import open_database
    from quotes.tui.app import WorkbenchApp
    from quotes.tui.queue import QueueScreen

    database = open_database(str(path))
    app = WorkbenchApp(database, "bench", blink=False)
    times: dict[str, float] = {}
    started = time.perf_counter()
    async with app.run_test(size=(140, 40)) as pilot:

        def shown() -> bool:
            s = app.screen
            return (
                isinstance(s, QueueScreen) and s.loaded_generation == s.generation and bool(s.order)
            )

        await _until(pilot, shown)
        times["first screen"] = time.perf_counter() - started
        times["first screen query"] = app.screen.last_query_seconds
        screen = app.screen
        assert isinstance(screen, QueueScreen)

        started = time.perf_counter()
        screen.set_filter(replace(screen.filter, search=RARE_WORD))
        await _until(pilot, shown)
        times["search filter"] = time.perf_counter() - started
        times["search filter query"] = screen.last_query_seconds
        screen.set_filter(replace(screen.filter, search=None))
        await _until(pilot, shown)

        started = time.perf_counter()
        _press(app, "f")  # unverified -> verified
        await _until(pilot, lambda: screen.filter.status == "verified" and shown())
        times["status filter"] = time.perf_counter() - started
        times["status filter query"] = screen.last_query_seconds
        for _ in range(3):  # back to unverified
            await pilot.press("f")
        await _until(pilot, lambda: shown() and screen.filter.status == "unverified")

        row = screen.current_row()
        assert row is not None
        started = time.perf_counter()
        _press(app, "v")
        await _until(pilot, lambda: screen.rows[row.id].status == "verified")
        times["verify (shown)"] = time.perf_counter() - started
        await _until(
            pilot,
            lambda: app.writes_pending == 0 and screen.rows[row.id].version == row.version + 1,
        )
        times["verify (saved)"] = time.perf_counter() - started
        await app.action_quit()
    database.engine.dispose()
    return times


# -- report --------------------------------------------------------------------------------


def run(
    sizes: list[int], workdir: Path, *, reuse: bool = False
) -> list[tuple[int, str, float, float | None, float]]:
    results = []
    for n in sizes:
        path = workdir / f"bench-{n}.db"
        if not (reuse and path.exists()):
            path.unlink(missing_ok=True)
            started = time.perf_counter()
            build_database(path, n)
            elapsed = time.perf_counter() - started
            print(f"{n:>9,} quotes: built in {elapsed:.1f}s", file=sys.stderr)
        baseline = sql_baselines(path)
        ours = asyncio.run(workbench_times(path))
        for metric, seconds in ours.items():
            if not metric.endswith(" query"):
                query = ours.get(f"{metric} query")
                results.append((n, metric, seconds, query, baseline[metric]))
    return results


def report(results: list[tuple[int, str, float, float | None, float]]) -> str:
    """One line per measure; "service" is the query as the workbench's worker ran it."""
    head = f"{'quotes':>9}  {'what':<15} {'workbench':>10} {'service':>9} {'plain SQL':>10}"
    lines = [head + f" {'ratio':>8}"]
    for n, metric, ours, query, sql in results:
        ratio = ours / sql if sql > 0 else float("inf")
        service = f"{query * 1000:>7.1f}ms" if query is not None else f"{'':>9}"
        lines.append(
            f"{n:>9,}  {metric:<15} {ours * 1000:>8.1f}ms {service} {sql * 1000:>8.2f}ms"
            f" {ratio:>7.0f}x"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,1000000", help="comma-separated quote counts")
    parser.add_argument("--dir", type=Path, help="where to build the databases (default: temp)")
    parser.add_argument(
        "--reuse", action="store_true", help="with --dir: use databases already built there"
    )
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if args.dir:
        args.dir.mkdir(parents=True, exist_ok=True)
        results = run(sizes, args.dir, reuse=args.reuse)
    else:
        with tempfile.TemporaryDirectory(prefix="tui-bench-") as tmp:
            results = run(sizes, Path(tmp))
    print(report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
