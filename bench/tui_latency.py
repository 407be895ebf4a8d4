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
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench.timing import best_seconds  # noqa: E402

RARE_WORD = "nato"  # in about 1 quote of 50 (bench/synth.py): what the search measures
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


def build_database(path: Path, n_quotes: int, *, seed: int = 7) -> None:
    """A database of `n_quotes` quotes in the shared benchmark shape (bench/synth.py)."""
    from bench.synth import Shape, build

    build(path, Shape.for_quotes(n_quotes), seed=seed, verified_share=0.1, rejected_share=0.1)


# -- the bare SQL ------------------------------------------------------------------------


def sql_baselines(path: Path) -> dict[str, float]:
    con = sqlite3.connect(path, isolation_level=None)
    page = QUEUE_SQL.format(extra="", limit=PAGE + 1)
    search = QUEUE_SQL.format(extra=SEARCH_SQL, limit=PAGE + 1)
    times = {
        "first screen": best_seconds(lambda: con.execute(page, ("unverified",)).fetchall()),
        "search filter": best_seconds(
            lambda: con.execute(search, ("unverified", f'"{RARE_WORD}"*')).fetchall()
        ),
        "status filter": best_seconds(lambda: con.execute(page, ("verified",)).fetchall()),
    }
    first = con.execute(page, ("unverified",)).fetchone()

    def verify() -> None:
        con.execute("BEGIN IMMEDIATE")
        con.execute(
            "UPDATE quotes SET status='verified', version=version+1 WHERE id=? AND version=?",
            (first[0], first[8]),
        )
        con.execute("ROLLBACK")  # leave the row for the workbench to verify

    times["verify (saved)"] = best_seconds(verify)
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
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        times["first screen query"] = screen.last_query_seconds

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


# -- help ----------------------------------------------------------------------------------


async def help_pairs(path: Path, rounds: int = 10) -> list[tuple[float, float]]:
    """(cold, warm) seconds of `?` until the keys are on screen, in pairs taken back to back:
    cold builds the help as every open used to (screen and text from scratch), warm is the
    cached screen the workbench now shows. The pair's ratio holds on a loaded machine where
    the absolute times do not."""
    from quotes.store.database import open_database
    from quotes.tui.app import WorkbenchApp
    from quotes.tui.help import HelpScreen, help_text
    from quotes.tui.queue import QueueScreen

    database = open_database(str(path))
    app = WorkbenchApp(database, "bench", blink=False)
    pairs = []
    async with app.run_test(size=(140, 40)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, QueueScreen))

        def help_shown() -> bool:
            screen = app.screen
            if not isinstance(screen, HelpScreen):
                return False
            return any(w.region.area > 0 for w in screen.query("#help-keys"))

        async def open_close() -> float:
            started = time.perf_counter()
            _press(app, "question_mark")
            await _until(pilot, help_shown)
            elapsed = time.perf_counter() - started
            _press(app, "escape")
            await _until(pilot, lambda: isinstance(app.screen, QueueScreen))
            return elapsed

        await open_close()  # imports and first layout, in neither measure
        for _ in range(rounds):
            installed = "help:" + ",".join(QueueScreen.SCOPES)  # how open_help names it
            if app.is_screen_installed(installed):
                app.uninstall_screen(installed)
            help_text.cache_clear()
            cold = await open_close()
            warm = await open_close()
            pairs.append((cold, warm))
        await app.action_quit()
    database.engine.dispose()
    return pairs


def help_report(pairs: list[tuple[float, float]]) -> str:
    def median(xs: list[float]) -> float:
        return sorted(xs)[len(xs) // 2]

    cold = median([c for c, _ in pairs])
    warm = median([w for _, w in pairs])
    ratio = median([c / w for c, w in pairs if w > 0])
    return (
        f"help (?): cached {warm * 1000:.0f} ms, built per open {cold * 1000:.0f} ms, "
        f"paired ratio {ratio:.1f}x (medians of {len(pairs)} pairs)"
    )


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
    parser.add_argument(
        "--help-rounds", type=int, default=10, help="pairs for the help measure (0: skip it)"
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
    if args.help_rounds:
        with tempfile.TemporaryDirectory(prefix="tui-bench-help-") as tmp:
            path = Path(tmp) / "help.db"
            build_database(path, 2_000)  # help reads no rows: any size will do
            print(help_report(asyncio.run(help_pairs(path, args.help_rounds))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
