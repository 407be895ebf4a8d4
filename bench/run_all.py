"""`make bench`: every benchmark in one run, written to bench/RESULTS.md.

Each benchmark prints its own comparison against a baseline measured in the same run
(bare spaCy, textacy, the sqlite3 shell, plain SQL), so the ratios mean something on a
shared machine where absolute times do not. Benchmarks never fail the build: a benchmark
that breaks is reported in the results as broken.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def benchmarks(py: str, bench_py: str, quick: bool) -> list[tuple[str, list[str]]]:
    big = "20000" if quick else "1000000"
    sizes = "2000,20000" if quick else "10000,100000,1000000"
    return [
        (
            "Extraction accuracy: what curators see (extract, then export) and the component, "
            "against textacy (same model, same scorer)",
            [bench_py, "bench/accuracy.py", *(["--corpus", "quick"] if quick else [])],
        ),
        (
            "Extraction speed: the quotes component against the bare spaCy pipeline and textacy",
            [bench_py, "bench/extract_speed.py", "--mb", "0.2" if quick else "1.0"],
        ),
        (
            "Extraction at scale: one worker against two --shard workers",
            [py, "bench/shard_speed.py", "--copies", "2" if quick else "30"],
        ),
        (
            "Start-up of small commands against bare Python and `import typer`",
            [py, "bench/startup.py", "--rounds", "5" if quick else "15"],
        ),
        (
            "What the counters of `quotes stats` cost writers (issue 19)",
            [py, "bench/stats_counters.py", "--rounds", "1" if quick else "5"],
        ),
        (
            "Storing during extraction as the database grows (issue 19)",
            [
                py,
                "bench/store_growth.py",
                "--mb",
                "0.05" if quick else "0.3",
                "--sizes",
                sizes,
                "--rounds",
                "2" if quick else "3",
            ],
        ),
        (
            "Statements: the same quote across articles (issue 17)",
            [py, "bench/statements.py", *(["--sample", "5"] if quick else [])],
        ),
        (
            "Parsing less (issue 19 stretch)",
            [
                bench_py,
                "bench/skim_speed.py",
                "--rounds",
                "1" if quick else "2",
                "--seeds-mb",
                "0.05" if quick else "0.2",
            ],
        ),
        ("Export against the sqlite3 shell", [py, "bench/export_speed.py", "--n", big]),
        (
            "Text search on PostgreSQL against a bare `@@ ... LIMIT` (issue 19)",
            ["scripts/with-postgres.sh", py, "bench/search_pg.py", "--sizes", sizes],
        ),
        (
            "Scale and growth: workbench operations and export against plain SQL",
            [py, "bench/scale.py", "--cpu", "--sizes", sizes],
        ),
        (
            "Workbench latency in the real app against plain SQL",
            [py, "bench/tui_latency.py", "--sizes", "2000,20000" if quick else "10000,1000000"],
        ),
        (
            "Workbench for a team (issue 15): pickers, Enter, help and claims against plain SQL",
            [py, "bench/workbench_team.py", "--quotes", big],
        ),
        ("Topic suggestions: coverage of the seed gold quotes", [py, "bench/topic_coverage.py"]),
        (
            "Confidence: calibration, review order and refit on PolNeAR dev",
            [py, "bench/calibration.py"],
        ),
    ]


def machine() -> str:
    mem = ""
    try:
        kib = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        mem = f", {kib / 2**20:.0f} GiB"
    except (OSError, StopIteration):
        pass
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores{mem}, "
        f"Python {platform.python_version()}"
    )


def commit() -> str:
    """The commit measured, and whether the tree had changes on top of it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return (head or "unknown") + (" with uncommitted changes" if dirty else "")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--bench-python",
        default=sys.executable,
        help="the interpreter with textacy installed (make bench-env)",
    )
    ap.add_argument("--quick", action="store_true", help="small sizes, for a quick look")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = ap.parse_args(argv)
    command = "make bench" + (" (--quick)" if args.quick else "")
    lines = [
        "# Benchmark results",
        "",
        f"- date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- machine: {machine()}",
        f"- command: `{command}`",
        f"- commit: {commit()}",
        "",
        "Every figure below is from this one run. Analyses, profiles and before/after",
        "comparisons of past changes are in [NOTES.md](NOTES.md), which this run leaves as it is.",
        "",
    ]
    for title, cmd in benchmarks(sys.executable, args.bench_python, args.quick):
        print(f"== {title}", file=sys.stderr, flush=True)
        started = time.perf_counter()
        run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        took = time.perf_counter() - started
        shown = " ".join(Path(c).name if i == 0 else c for i, c in enumerate(cmd))
        lines += [f"## {title}", "", f"`{shown}` ({took:.0f} s)", ""]
        body = run.stdout.strip()
        if run.returncode != 0:
            body += (
                f"\n\n**broken** (exit {run.returncode}):\n\n```\n{run.stderr.strip()[-2000:]}\n```"
            )
        lines += [body if body.startswith("|") else f"```\n{body}\n```", ""]
        print(body, file=sys.stderr)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
