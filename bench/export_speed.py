"""How fast `quotes export --format csv` is next to the sqlite3 shell, on one machine, one run.

    .venv/bin/python bench/export_speed.py                       # 1,000,000 quotes
    .venv/bin/python bench/export_speed.py --n 100000 --repeat 3 # a quick look

The sqlite3 shell dumping the `verified_quotes` view is the floor: it is C from the row to the
byte. The target is our export within 1.3x of it (issue 19). Both run against the same file in
the same run, alternately when --repeat asks for several rounds, and the ratio is taken between
the best round of each (and between the median rounds), so it means something even on a busy
machine where the absolute times do not. Our export runs in a child process so its peak RSS is
its own, not the database fill's; the RSS before the export starts is printed next to it, and
the gap between the two is what the export itself holds (it should not grow with --n).

A benchmark, not a test: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))


def fill(db_path: Path, n: int, *, seed: int = 7) -> None:
    """N quotes, all verified (the export's default filter), from the shared generator."""
    from bench.synth import Shape, build

    build(db_path, Shape.for_quotes(n), seed=seed, verified_share=1.0, rejected_share=0.0)


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _maxrss_mib() -> float:
    # VmHWM, the process's own peak: Linux keeps ru_maxrss across exec, so a child started by
    # a parent that just filled a database would report the parent's peak as its own.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    # ru_maxrss is in KiB on Linux (bytes on macOS; this bench is for the Linux box).
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def export_child(db_path: Path, out_path: Path) -> None:
    """Runs in the child: the Python API writing CSV to a file, timings as JSON on stdout."""
    from quotes.export import ExportFilter, export_to_path
    from quotes.store.engine import make_engine

    engine = make_engine(str(db_path))
    before = _maxrss_mib()
    cpu = _cpu(resource.RUSAGE_SELF)
    started = time.perf_counter()
    rows = export_to_path(engine, ExportFilter(), out_path, fmt="csv")
    elapsed = time.perf_counter() - started
    cpu = _cpu(resource.RUSAGE_SELF) - cpu
    engine.dispose()
    print(
        json.dumps(
            {
                "rows": rows,
                "seconds": elapsed,
                "cpu_seconds": cpu,
                "rss_before_mib": before,
                "rss_peak_mib": _maxrss_mib(),
            }
        )
    )


def run(n: int, workdir: Path, db: Path | None = None, repeat: int = 1) -> dict[str, Any]:
    db_path = db or workdir / "bench.db"
    ours = workdir / "ours.csv"
    theirs = workdir / "sqlite3.csv"
    if db is None:
        started = time.perf_counter()
        fill(db_path, n)
        fill_seconds = time.perf_counter() - started
        print(
            f"filled {n:,} quotes in {fill_seconds:.1f}s "
            f"({db_path.stat().st_size / 2**20:.0f} MiB)",
            file=sys.stderr,
        )

    ours_runs: list[dict[str, Any]] = []
    shell_runs: list[tuple[float, float]] = []  # (wall, CPU) seconds
    for _ in range(max(1, repeat)):
        child = subprocess.run(
            [sys.executable, __file__, "--export-child", str(db_path), str(ours)],
            check=True,
            capture_output=True,
            text=True,
        )
        ours_runs.append(json.loads(child.stdout))
        if shutil.which("sqlite3"):
            cpu = _cpu(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            with theirs.open("wb") as fh:
                subprocess.run(
                    ["sqlite3", "-csv", "-header", str(db_path), "SELECT * FROM verified_quotes"],
                    check=True,
                    stdout=fh,
                )
            shell_runs.append((time.perf_counter() - started, _cpu(resource.RUSAGE_CHILDREN) - cpu))

    ours_wall = sorted(r["seconds"] for r in ours_runs)
    ours_cpu = sorted(r["cpu_seconds"] for r in ours_runs)
    shell_wall = sorted(w for w, _ in shell_runs)
    shell_cpu = sorted(c for _, c in shell_runs)

    def ratio(a: list[float], b: list[float], median: bool = False) -> float | None:
        if not a or not b:
            return None
        x, y = (a[len(a) // 2], b[len(b) // 2]) if median else (a[0], b[0])
        return round(x / y, 2) if y else None

    report: dict[str, Any] = {
        "n": n,
        "rounds": len(ours_runs),
        "exported_rows": ours_runs[0]["rows"],
        "export_seconds": round(ours_wall[0], 3),
        "sqlite3_seconds": round(shell_wall[0], 3) if shell_wall else None,
        "ratio": ratio(ours_wall, shell_wall),
        "median_ratio": ratio(ours_wall, shell_wall, median=True),
        # CPU time: on a machine loaded past its core count, wall time is mostly waiting.
        "cpu_ratio": ratio(ours_cpu, shell_cpu),
        "rss_before_export_mib": round(max(r["rss_before_mib"] for r in ours_runs), 1),
        "rss_peak_export_mib": round(max(r["rss_peak_mib"] for r in ours_runs), 1),
        "export_bytes": ours.stat().st_size,
        "sqlite3_bytes": theirs.stat().st_size if theirs.exists() else None,
    }
    return report


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="quotes to generate")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep the files")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--db", type=Path, help="export this database instead of filling one")
    parser.add_argument(
        "--repeat", type=int, default=1, help="rounds, ours and sqlite3 alternately; best kept"
    )
    parser.add_argument("--export-child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.export_child:
        export_child(*args.export_child)
        return {}

    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        report = run(args.n, args.keep, args.db, args.repeat)
    else:
        with tempfile.TemporaryDirectory(prefix="quotes-bench-") as tmp:
            report = run(args.n, Path(tmp), args.db, args.repeat)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(
            f"quotes export --format csv: {report['export_seconds']:.2f}s "
            f"for {report['exported_rows']:,} rows"
        )
        if report["sqlite3_seconds"] is not None:
            print(f"sqlite3 -csv verified_quotes: {report['sqlite3_seconds']:.2f}s")
            rounds = report["rounds"]
            best = "" if rounds == 1 else f" (best of {rounds} rounds each)"
            print(f"ratio: {report['ratio']:.2f}x wall, {report['cpu_ratio']:.2f}x CPU{best}")
            if rounds > 1:
                print(f"ratio of the median rounds: {report['median_ratio']:.2f}x wall")
        else:
            print("sqlite3 shell not found: no comparison")
        print(
            f"peak RSS of the export process: {report['rss_peak_export_mib']:.0f} MiB "
            f"({report['rss_before_export_mib']:.0f} MiB before it started)"
        )
    return report


if __name__ == "__main__":
    main()
