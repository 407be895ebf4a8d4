"""Start-up of small commands, as ratios against bare Python and against `import typer`.

Absolute times mean little on a shared, loaded machine, so every round runs each command
once, in a rotated order (paired and interleaved: a burst of load hits all of them alike),
and the figure is the median over rounds of each command's time divided by the baselines'
times in the same round. `import typer` is the floor a Typer CLI cannot go under; the
unloaded absolute time is estimated as ratio x the baseline's best time.

The small database is `bench/synth.py`'s shape at 1,000 quotes. `quotes tui` is measured to
its first queue page: a fresh interpreter does what the command does (the CLI's imports,
the command's database, which on a SQLite file at the code's schema is the first page read
without SQLAlchemy, and the workbench) with Textual's headless driver, and exits the moment
the first page of quotes is on screen.

`--stats-db PATH` (repeatable) also compares the whole `quotes stats` command with the
sqlite3 shell running the plain SQL of the counts (`SQLITE_STATS_SQL` in
`quotes.store.stats_sqlite`: the queries PostgreSQL still runs, and SQLite ran before its
counters were kept by triggers, migration 0010) on bigger databases, paired the same way
(issue 19: within 1.5x of the plain SQL at 1M, and flat from 10k to 1M). The databases must be
at the code's schema: `quotes stats` would otherwise upgrade them, inside the timing.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

SMALL_QUOTES = 1000

# What `quotes tui` does before its first screen, minus the terminal: the CLI's imports, the
# command's database (`workbench_database`: the first page read without SQLAlchemy on a
# SQLite file at the code's schema) and the workbench as `run_workbench` makes it (claiming a
# slice on opening); then out at once, so the process's time is the first screen's.
TUI_FIRST_SCREEN = """
import asyncio, os, sys
import quotes.cli
from quotes.cli.tui import workbench_database
database, first = workbench_database(sys.argv[1], "bench")
from quotes.curation.claim_terms import DEFAULT_SLICE
from quotes.tui.app import WorkbenchApp
from quotes.tui.queue import QueueScreen

async def first_screen() -> None:
    app = WorkbenchApp(database, "bench", claim_slice=DEFAULT_SLICE, first_screen=first)
    async with app.run_test(size=(140, 40)):
        while True:
            s = app.screen
            if isinstance(s, QueueScreen) and s.loaded_generation == s.generation and s.order:
                sys.stdout.write(f"{len(s.order)} rows\\n")
                sys.stdout.flush()
                os._exit(0)
            await asyncio.sleep(0.001)

asyncio.run(first_screen())
"""


def commands(py: str, db: Path) -> dict[str, list[str]]:
    quotes = [py, "-m", "quotes"]
    return {
        "python -c pass": [py, "-c", "pass"],
        "python -c 'import typer'": [py, "-c", "import typer"],
        # What checking a typed value costs Typer 0.29 (pydantic), and what opening a
        # database through SQLAlchemy costs (the ORM): the floors `stats` and `sql` avoid.
        "python -c 'import typer._adapters'": [py, "-c", "import typer._adapters"],
        "python -c 'import sqlalchemy.orm'": [py, "-c", "import sqlalchemy.orm"],
        "quotes --help": [*quotes, "--help"],
        "quotes stats": [*quotes, "stats", "--db", str(db)],
        'quotes sql "SELECT 1"': [*quotes, "sql", "--db", str(db), "SELECT 1"],
        "quotes tui (to the first screen)": [py, "-c", TUI_FIRST_SCREEN, str(db)],
    }


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(cmd: list[str], stdin: str | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of `cmd`."""
    cpu = children_cpu()
    started = time.perf_counter()
    subprocess.run(
        cmd,
        cwd=ROOT,
        check=True,
        input=stdin,
        text=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started, children_cpu() - cpu


Times = dict[str, list[tuple[float, float]]]
Command = tuple[list[str], str | None]  # argv, standard input


def measure(cmds: dict[str, Command], rounds: int) -> Times:
    names = list(cmds)
    times: Times = {name: [] for name in names}
    for r in range(rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        for name in order:
            times[name].append(run_once(*cmds[name]))
    return times


def median_ratio(ts: list[tuple[float, float]], base: list[tuple[float, float]], i: int) -> float:
    return statistics.median(t[i] / b[i] for t, b in zip(ts, base, strict=True))


def startup_table(rounds: int) -> None:
    from bench.synth import Shape, build

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "small.db"
        build(db, Shape.for_quotes(SMALL_QUOTES), seed=7, verified_share=0.1, rejected_share=0.1)
        cmds: dict[str, Command] = {
            name: (cmd, None) for name, cmd in commands(sys.executable, db).items()
        }
        for cmd in cmds.values():  # warm the page cache and the bytecode
            run_once(*cmd)
        times = measure(cmds, rounds)
    bare = times["python -c pass"]
    floor = times["python -c 'import typer'"]
    best_bare = min(cpu for _, cpu in bare)
    best_bare_wall = min(wall for wall, _ in bare)
    print(
        f"{rounds} paired, interleaved rounds on a {SMALL_QUOTES:,}-quote database; median of "
        "per-round ratios, wall time and CPU time (user + system, which a loaded machine "
        "disturbs less). The last two columns are the ratios times the best time of "
        "`python -c pass` in the run."
    )
    print()
    print(
        "| command | wall x `pass` | wall x `import typer` "
        "| CPU x `pass` | CPU x `import typer` | est. CPU ms | est. wall ms |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, ts in times.items():
        cpu_bare = median_ratio(ts, bare, 1)
        wall_bare = median_ratio(ts, bare, 0)
        print(
            f"| `{name}` | {wall_bare:.2f} | {median_ratio(ts, floor, 0):.2f} "
            f"| {cpu_bare:.2f} | {median_ratio(ts, floor, 1):.2f} "
            f"| {cpu_bare * best_bare * 1000:.0f} | {wall_bare * best_bare_wall * 1000:.0f} |"
        )


def stats_sql(conn: sqlite3.Connection) -> list[str]:
    """The plain queries of the counts `quotes stats` shows, as it ran them on this database
    before the counters (and as it runs them on PostgreSQL): the compiled ones, without the
    conflict query when there are no shared statements (a conflict needs two copies). The
    plain-SQL baseline of every stats comparison."""
    from quotes.store.stats_sqlite import SQLITE_STATS_SQL

    shared = conn.execute(SQLITE_STATS_SQL["shared_statements"]).fetchone()[0]
    return [
        sql for name, sql in SQLITE_STATS_SQL.items() if shared or name != "statement_conflicts"
    ]


def stats_against_shell(paths: list[Path], rounds: int) -> None:
    """The whole `quotes stats` command against the sqlite3 shell running the plain SQL."""
    from quotes.store.revisions import linear_head, sqlite_stamped_revision

    shell = shutil.which("sqlite3")
    if shell is None:
        print("(no sqlite3 shell: stats comparison skipped)")
        return
    print()
    print(
        "The whole `quotes stats` command (reading the counters) against `sqlite3` running "
        f"the plain queries of the same counts, {rounds} paired rounds, median times and "
        "median ratio:"
    )
    print()
    print(
        "| database | quotes | queries | `quotes stats` ms | sqlite3 ms | wall ratio | CPU ratio |"
    )
    print("|---|---|---|---|---|---|---|")
    for path in paths:
        uri = f"file:{path.resolve()}?mode=ro"
        with sqlite3.connect(uri, uri=True) as conn:
            queries = stats_sql(conn)
            stamped = sqlite_stamped_revision(conn)
        if stamped != linear_head():
            print(f"| {path.name} | (at revision {stamped}: run `quotes db upgrade` first) |")
            continue
        script = "".join(f"{sql};\n" for sql in queries)
        cmds: dict[str, Command] = {
            "ours": ([sys.executable, "-m", "quotes", "stats", "--db", str(path)], None),
            "shell": ([shell, uri], script),
        }
        for cmd in cmds.values():
            run_once(*cmd)
        times = measure(cmds, rounds)
        n = subprocess.run(
            [shell, uri, "SELECT count(*) FROM quotes"], capture_output=True, text=True
        ).stdout.strip()
        ours = statistics.median(w for w, _ in times["ours"]) * 1000
        plain = statistics.median(w for w, _ in times["shell"]) * 1000
        print(
            f"| {path.name} | {n} | {len(queries)} | {ours:.0f} | {plain:.0f} "
            f"| {median_ratio(times['ours'], times['shell'], 0):.2f} "
            f"| {median_ratio(times['ours'], times['shell'], 1):.2f} |"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument(
        "--stats-db",
        type=Path,
        action="append",
        default=[],
        help="Also compare `quotes stats` with the sqlite3 shell running the plain queries on "
        "this database (read only; it must be at the code's schema, or `quotes stats` "
        "upgrades it).",
    )
    ap.add_argument("--stats-only", action="store_true", help="Skip the start-up table.")
    args = ap.parse_args(argv)
    if not args.stats_only:
        startup_table(args.rounds)
    if args.stats_db:
        stats_against_shell(args.stats_db, args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
