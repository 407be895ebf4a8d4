"""What the counters of `quotes stats` (migration 0010) cost the writers (issue 19).

    python bench/stats_counters.py [--polnear ../shared/data/polnear] [--rounds 5]

Every insert into a counted table now also updates a counter row, and every change to a
statement's copies re-decides whether it is in conflict. Measured on the real write path:
PolNeAR dev's gold attributions (`bench/statements.py`'s items: one quote per gold
span, the gold speaker, grouping into statements included) stored into a new database with
the counters' triggers, and into one with them dropped (the schema otherwise identical), in
alternating rounds so a change of load on the shared machine hits both; then `quotes
statements rebuild` on each (it deletes and re-inserts every copy, the triggers' worst case).
The figure is the median over rounds of the per-round ratio of CPU time; the counters are
checked against the plain queries after every run, so the timed work is also the right one.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.statements import POLNEAR, polnear_items, store_all  # noqa: E402
from quotes.ingest.store import Extracted  # noqa: E402
from quotes.statements.maintenance import rebuild_database  # noqa: E402
from quotes.store.database import open_database  # noqa: E402
from quotes.store.stats import collect_stats, query_stats  # noqa: E402


def drop_counter_triggers(path: Path) -> int:
    """The schema at head without 0010's triggers: how every write went before them."""
    with sqlite3.connect(path) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'stat\\_%' "
                "ESCAPE '\\'"
            )
        ]
        for name in names:
            conn.execute(f"DROP TRIGGER {name}")
    return len(names)


def one_run(items: list[Extracted], *, counters: bool) -> tuple[float, float]:
    """(store, rebuild) CPU seconds into a new database, with or without the counters.

    CPU time of this process, where SQLite runs: a loaded machine disturbs it far less than
    wall time, and the triggers' cost is CPU."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.db"
        open_database(str(path)).engine.dispose()
        if not counters:
            assert drop_counter_triggers(path) > 0
        database = open_database(str(path))
        started = time.process_time()
        store_all(database, items)
        stored = time.process_time() - started
        started = time.process_time()
        rebuild_database(database)
        rebuilt = time.process_time() - started
        if counters:
            with database.readers() as session:
                assert collect_stats(session) == query_stats(session), "counters drifted"
        database.engine.dispose()
        return stored, rebuilt


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--polnear", type=Path, default=POLNEAR)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--split", choices=("dev", "train"), default="dev")
    args = ap.parse_args(argv)
    if not args.polnear.exists():
        print(f"(no PolNeAR at {args.polnear}: skipped)")
        return 0
    items = [i for i in polnear_items(args.polnear) if f"/{args.split}/" in i.article.source]
    quotes = sum(len(item.quotes) for item in items)
    one_run(items[:20], counters=True)  # warm imports and the page cache
    runs: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    for r in range(args.rounds):
        for counters in (r % 2 == 0, r % 2 != 0):
            runs[counters].append(one_run(items, counters=counters))

    def ratio(i: int) -> float:
        return statistics.median(
            w[i] / wo[i] for w, wo in zip(runs[True], runs[False], strict=True)
        )

    def ms(counters: bool, i: int) -> float:
        return statistics.median(run[i] for run in runs[counters]) * 1000

    print(
        f"{len(items)} PolNeAR {args.split} articles, {quotes} gold quotes, "
        f"{args.rounds} alternating rounds; "
        "median CPU times and median per-round ratio (with / without the counters' triggers):"
    )
    print()
    print("| step | with counters, CPU ms | without, CPU ms | ratio |")
    print("|---|---|---|---|")
    for i, step in enumerate(
        ("store (ingest write path, grouping included)", "statements rebuild")
    ):
        print(f"| {step} | {ms(True, i):.0f} | {ms(False, i):.0f} | {ratio(i):.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
