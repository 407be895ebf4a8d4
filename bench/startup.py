"""Start-up of small commands, as ratios against bare Python and against `import typer`.

Absolute times mean little on a shared, loaded machine, so every round runs each command
once, in a rotated order (paired and interleaved: a burst of load hits all of them alike),
and the figure is the median over rounds of each command's time divided by the baselines'
times in the same round. `import typer` is the floor a Typer CLI cannot go under; the
unloaded absolute time is estimated as ratio x the baseline's best time.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def commands(py: str, db: Path) -> dict[str, list[str]]:
    quotes = [py, "-m", "quotes"]
    return {
        "python -c pass": [py, "-c", "pass"],
        "python -c 'import typer'": [py, "-c", "import typer"],
        # What running any Typer 0.29 command costs (it checks parameters with pydantic),
        # and what opening any database costs (the ORM): the floors under `stats` and `sql`.
        "python -c 'import typer._adapters'": [py, "-c", "import typer._adapters"],
        "python -c 'import sqlalchemy.orm'": [py, "-c", "import sqlalchemy.orm"],
        "quotes --help": [*quotes, "--help"],
        "quotes stats": [*quotes, "stats", "--db", str(db)],
        'quotes sql "SELECT 1"': [*quotes, "sql", "--db", str(db), "SELECT 1"],
    }


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(cmd: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of `cmd`."""
    cpu = children_cpu()
    started = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started, children_cpu() - cpu


Times = dict[str, list[tuple[float, float]]]


def measure(cmds: dict[str, list[str]], rounds: int) -> Times:
    names = list(cmds)
    times: Times = {name: [] for name in names}
    for r in range(rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        for name in order:
            times[name].append(run_once(cmds[name]))
    return times


def median_ratio(ts: list[tuple[float, float]], base: list[tuple[float, float]], i: int) -> float:
    return statistics.median(t[i] / b[i] for t, b in zip(ts, base, strict=True))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "small.db"
        subprocess.run(
            [sys.executable, "-m", "quotes", "init", "--db", str(db)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        cmds = commands(sys.executable, db)
        for cmd in cmds.values():  # warm the page cache and the bytecode
            run_once(cmd)
        times = measure(cmds, args.rounds)
    bare = times["python -c pass"]
    floor = times["python -c 'import typer'"]
    best_bare = min(cpu for _, cpu in bare)
    print(
        f"{args.rounds} paired, interleaved rounds; median of per-round ratios, wall time and "
        "CPU time (user + system, which a loaded machine disturbs less). The last column is "
        "the CPU ratio times the best CPU time of `python -c pass`."
    )
    print()
    print(
        "| command | wall x `pass` | wall x `import typer` "
        "| CPU x `pass` | CPU x `import typer` | est. CPU ms |"
    )
    print("|---|---|---|---|---|---|")
    for name, ts in times.items():
        cpu_bare = median_ratio(ts, bare, 1)
        print(
            f"| `{name}` | {median_ratio(ts, bare, 0):.2f} | {median_ratio(ts, floor, 0):.2f} "
            f"| {cpu_bare:.2f} | {median_ratio(ts, floor, 1):.2f} "
            f"| {cpu_bare * best_bare * 1000:.0f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
