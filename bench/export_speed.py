"""How fast `quotes export --format csv` is next to the sqlite3 shell, on one machine, one run.

    .venv/bin/python bench/export_speed.py            # 1,000,000 quotes
    .venv/bin/python bench/export_speed.py --n 20000  # a quick look

The sqlite3 shell dumping the `verified_quotes` view is the floor: it is C from the row to the
byte. The target is our export within 2x of it. Both run against the same file in the same
run, so the ratio means something even on a busy machine where the absolute times do not.
Our export runs in a child process so its peak RSS is its own, not the database fill's; the
RSS before the export starts is printed next to it, and the gap between the two is what the
export itself holds (it should not grow with --n).

A benchmark, not a test: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

_VOCABULARY = (
    "the government will not accept any deal that weakens our security and we have made that "
    "clear to our partners in every meeting since the spring talks began in earnest last year "
    "prices rose faster than expected inflation remains the central concern of households "
    "election campaign minister said defence budget climate policy reform vote parliament"
)
WORDS = _VOCABULARY.split()
OUTLETS = ("Reuters", "AP", "BBC", "Der Spiegel", "Le Monde", "El País", "NHK", "Al Jazeera")
CUES = ("said", "told", "added", "warned", "according to", "argued", "stressed", "claimed")
TOPICS = ("defence", "economy", "climate", "elections", "health", "migration", "energy", "trade")


def _sentence(rng: random.Random, length: int) -> str:
    """Text of about `length` characters, with the commas and quotes real quotes have."""
    words: list[str] = []
    size = 0
    while size < length:
        word = rng.choice(WORDS)
        if rng.random() < 0.08:
            word += ","
        words.append(word)
        size += len(word) + 1
    text = " ".join(words)
    if rng.random() < 0.1:
        text = f'{text[:60]} "{text[60:90]}" {text[90:]}'
    return text[:1].upper() + text[1:] + "."


def fill(db_path: Path, n: int, *, seed: int = 7) -> None:
    """N verified quotes through plain executemany: the ORM would take longer than the export."""
    from quotes.store.database import open_database

    for stale in (db_path, db_path.with_name(db_path.name + "-wal")):
        stale.unlink(missing_ok=True)  # --keep reruns start from scratch
    open_database(str(db_path)).engine.dispose()  # the real migrations make the schema
    rng = random.Random(seed)
    n_speakers = max(10, n // 200)
    n_articles = max(1, n // 8)
    conn = sqlite3.connect(db_path)
    # The FTS triggers would index every row: export never reads quotes_fts, so the bench
    # database (thrown away afterwards) does without them.
    for trigger in ("quotes_fts_ai", "quotes_fts_ad", "quotes_fts_au"):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    now = "2026-11-22 12:00:00.000000"
    with conn:
        conn.executemany(
            "INSERT INTO speakers (id, name, normalized_name, kind, title, organization, verified, "
            "version, created_at, updated_at) VALUES (?, ?, ?, 'person', ?, ?, 1, 1, ?, ?)",
            (
                (
                    i,
                    f"Speaker Number{i}",
                    f"speaker number{i}",
                    "Minister of Things",
                    rng.choice(OUTLETS) + " Party",
                    now,
                    now,
                )
                for i in range(1, n_speakers + 1)
            ),
        )
        conn.executemany(
            "INSERT INTO topics (id, name, created_at) VALUES (?, ?, ?)",
            ((i, name, now) for i, name in enumerate(TOPICS, 1)),
        )
        conn.executemany(
            "INSERT INTO articles (id, content_hash, source, title, outlet, author, published, "
            "language, text, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'en', ?, ?)",
            (
                (
                    i,
                    f"{i:064x}",
                    f"corpus/{i:07d}.txt",
                    _sentence(rng, 70).rstrip("."),
                    rng.choice(OUTLETS),
                    "Jane Reporter",
                    f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    "(article text)",
                    now,
                )
                for i in range(1, n_articles + 1)
            ),
        )

        def quotes() -> Iterator[tuple[Any, ...]]:
            for i in range(1, n + 1):
                text = _sentence(rng, rng.randint(150, 250))
                start = rng.randint(0, 5000)
                yield (
                    i,
                    1 + (i - 1) // 8,
                    text,
                    start,
                    start + len(text),
                    rng.choice(("direct", "indirect", "mixed")),
                    rng.choice(CUES),
                    1 + i % n_speakers,
                    round(rng.random(), 3),
                    "verified",
                    "bench",
                    now,
                    now,
                    now,
                )

        conn.executemany(
            'INSERT INTO quotes (id, article_id, text, start, "end", type, cue, speaker_id, '
            "confidence, status, verified_by, verified_at, version, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
            quotes(),
        )
        conn.executemany(
            "INSERT INTO quote_topics (quote_id, topic_id, origin, created_at) VALUES (?, ?, ?, ?)",
            (
                (i, 1 + (i * 7 + k) % len(TOPICS), "dismissed" if i % 10 == 0 else "suggested", now)
                for i in range(1, n + 1, 3)
                for k in range(1 + i % 2)
            ),
        )
    conn.close()


def _maxrss_mib() -> float:
    # ru_maxrss is in KiB on Linux (bytes on macOS; this bench is for the Linux box).
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def export_child(db_path: Path, out_path: Path) -> None:
    """Runs in the child: the Python API writing CSV to a file, timings as JSON on stdout."""
    from quotes.export import ExportFilter, export_to_path
    from quotes.store.engine import make_engine

    engine = make_engine(str(db_path))
    before = _maxrss_mib()
    started = time.perf_counter()
    rows = export_to_path(engine, ExportFilter(), out_path, fmt="csv")
    elapsed = time.perf_counter() - started
    engine.dispose()
    print(
        json.dumps(
            {
                "rows": rows,
                "seconds": elapsed,
                "rss_before_mib": before,
                "rss_peak_mib": _maxrss_mib(),
            }
        )
    )


def run(n: int, workdir: Path) -> dict[str, Any]:
    db_path = workdir / "bench.db"
    ours = workdir / "ours.csv"
    theirs = workdir / "sqlite3.csv"
    started = time.perf_counter()
    fill(db_path, n)
    fill_seconds = time.perf_counter() - started
    print(
        f"filled {n:,} quotes in {fill_seconds:.1f}s ({db_path.stat().st_size / 2**20:.0f} MiB)",
        file=sys.stderr,
    )

    child = subprocess.run(
        [sys.executable, __file__, "--export-child", str(db_path), str(ours)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(child.stdout)

    sqlite3_seconds: float | None = None
    if shutil.which("sqlite3"):
        started = time.perf_counter()
        with theirs.open("wb") as fh:
            subprocess.run(
                ["sqlite3", "-csv", "-header", str(db_path), "SELECT * FROM verified_quotes"],
                check=True,
                stdout=fh,
            )
        sqlite3_seconds = time.perf_counter() - started

    report: dict[str, Any] = {
        "n": n,
        "exported_rows": result["rows"],
        "export_seconds": round(result["seconds"], 3),
        "sqlite3_seconds": None if sqlite3_seconds is None else round(sqlite3_seconds, 3),
        "ratio": None if not sqlite3_seconds else round(result["seconds"] / sqlite3_seconds, 2),
        "rss_before_export_mib": round(result["rss_before_mib"], 1),
        "rss_peak_export_mib": round(result["rss_peak_mib"], 1),
        "export_bytes": ours.stat().st_size,
        "sqlite3_bytes": theirs.stat().st_size if theirs.exists() else None,
    }
    return report


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="quotes to generate")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep the files")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--export-child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.export_child:
        export_child(*args.export_child)
        return {}

    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        report = run(args.n, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="quotes-bench-") as tmp:
            report = run(args.n, Path(tmp))
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(
            f"quotes export --format csv: {report['export_seconds']:.2f}s "
            f"for {report['exported_rows']:,} rows"
        )
        if report["sqlite3_seconds"] is not None:
            print(f"sqlite3 -csv verified_quotes: {report['sqlite3_seconds']:.2f}s")
            print(f"ratio: {report['ratio']:.2f}x (target: within 2x)")
        else:
            print("sqlite3 shell not found: no comparison")
        print(
            f"peak RSS of the export process: {report['rss_peak_export_mib']:.0f} MiB "
            f"({report['rss_before_export_mib']:.0f} MiB before it started)"
        )
    return report


if __name__ == "__main__":
    main()
