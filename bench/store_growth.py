"""Storing during `quotes extract` as the database grows: empty, then 10k, 100k, 1M quotes.

Issue 19 asks that storing cost under 3% of extraction and that extracting into a
1M-quote database take within 3% of extracting into an empty one. Each round runs the
real `ingest_texts` (parse, extract, suggest topics, link speakers, group statements,
write) over the same synthetic news corpus (`bench/extract_speed.py`'s variants of the
seed articles: distinct texts, names that collide with stored speakers) into a fresh copy
of each database, in one process, and times the whole run and, inside it, the write
transactions (`quotes.ingest.pipeline._write_new`, wrapped here only to read a clock).

The databases are `bench/synth.py` shapes (20 quotes a speaker, 5 an article) with 30% of
the quotes rewritten as wire repeats (`bench/synth_repeats.py`) and grouped into statements
(`quotes statements rebuild`), so the speaker, FTS and fingerprint indexes a new quote
meets are full-size. They are built once into `--cache` (the 1M one takes about 20 minutes)
or passed with `--db LABEL=PATH`.

CPU time (this process) is reported beside wall time: the machine is shared.

usage: python bench/store_growth.py [--mb 0.3] [--sizes 10000,100000] [--db 1m=PATH] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.extract_speed import corpus  # noqa: E402


@dataclass
class Run:
    label: str
    quotes: int
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    store_wall: list[float] = field(default_factory=list)
    store_cpu: list[float] = field(default_factory=list)


class StoreClock:
    """Sums the time spent in the write transactions of one ingest run."""

    def __init__(self) -> None:
        self.wall = 0.0
        self.cpu = 0.0

    def wrap(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            w, c = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.wall += time.perf_counter() - w
                self.cpu += time.process_time() - c

        return timed


def build_grouped(path: Path, quotes: int) -> Path:
    """A synth database with wire repeats, grouped into statements, at `path` (reused)."""
    if path.exists():
        return path
    from bench.synth import Shape, build
    from bench.synth_repeats import add_repeats
    from quotes.statements.maintenance import rebuild_database
    from quotes.store.database import open_database

    partial = path.with_name(path.name + ".partial")
    build(partial, Shape.for_quotes(quotes))
    add_repeats(partial)
    database = open_database(str(partial))
    rebuild_database(database)
    database.engine.dispose()
    partial.rename(path)
    return path


def quote_count(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return int(conn.execute("SELECT count(*) FROM quotes").fetchone()[0])


def one_run(base: Path | None, texts: list[str], nlp: Any, run: Run, tmp: Path) -> None:
    import quotes.ingest.pipeline as pipeline
    from quotes.store.database import open_database

    target = tmp / "target.db"
    for stale in tmp.glob("target.db*"):
        stale.unlink()
    if base is not None:
        shutil.copyfile(base, target)
        # The copy's dirty pages (2 GB at 1M) would otherwise be written back by the kernel
        # during the timed run, competing for the disk with the commits being measured.
        os.sync()
    database = open_database(str(target))
    clock = StoreClock()
    original = pipeline._write_new
    pipeline._write_new = clock.wrap(original)  # a clock only
    try:
        w, c = time.perf_counter(), time.process_time()
        summary = pipeline.ingest_texts(database, [(t, None) for t in texts], nlp=nlp)
        run.wall.append(time.perf_counter() - w)
        run.cpu.append(time.process_time() - c)
    finally:
        pipeline._write_new = original
        database.engine.dispose()
    if summary.articles_new != len(texts):
        raise SystemExit(f"{run.label}: stored {summary.articles_new} of {len(texts)} articles")
    run.store_wall.append(clock.wall)
    run.store_cpu.append(clock.cpu)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--mb", type=float, default=0.3, help="corpus size (MB of text)")
    ap.add_argument("--sizes", default="10000,100000", help="databases to build (quotes)")
    ap.add_argument("--db", action="append", default=[], help="LABEL=PATH of a built database")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "quotes-bench")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    args = ap.parse_args(argv)

    from quotes.ingest.pipeline import load_nlp

    bases: list[tuple[str, Path | None]] = [("empty", None)]
    args.cache.mkdir(parents=True, exist_ok=True)
    for n in (int(s) for s in args.sizes.split(",") if s.strip()):
        bases.append((f"{n:,}", build_grouped(args.cache / f"grouped-{n}.db", n)))
    for spec in args.db:
        label, _, path = spec.partition("=")
        bases.append((label, Path(path)))

    texts = corpus(args.seeds, args.mb)
    nlp = load_nlp()
    runs = [Run(label, quote_count(p) if p else 0) for label, p in bases]
    with tempfile.TemporaryDirectory() as tmp:
        # Untimed: the model's lazily built parts and the write path's imports load here.
        one_run(None, texts[:4], nlp, Run("warm-up", 0), Path(tmp))
        for _ in range(args.rounds):  # interleaved: a load spike hits every database alike
            for (_, base), run in zip(bases, runs, strict=True):
                one_run(base, texts, nlp, run, Path(tmp))

    size = sum(len(t.encode("utf-8")) for t in texts)
    print(
        f"{len(texts)} articles ({size / 1e6:.2f} MB) through `ingest_texts` into a fresh copy "
        f"of each database; best of {args.rounds} interleaved rounds, CPU seconds of this "
        "process (wall in brackets).\n"
    )
    print(
        "| database | quotes | extract (whole run) | of which storing | storing share "
        "| storing x empty | whole run x empty |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    empty = runs[0]
    for run in runs:
        cpu, store = min(run.cpu), min(run.store_cpu)
        print(
            f"| {run.label} | {run.quotes:,} | {cpu:.2f} s ({min(run.wall):.2f}) "
            f"| {store:.3f} s ({min(run.store_wall):.3f}) | {store / cpu:.1%} "
            f"| {store / min(empty.store_cpu):.2f} | {cpu / min(empty.cpu):.3f} |"
        )
    print(
        "\n*whole run x empty* compares two full runs, so it carries the NLP's noise "
        "(a few percent on a shared machine); the parse is the same work in every run, so "
        "the storing difference over the whole run is the growth the database causes: "
    )
    for run in runs[1:]:
        grown = (min(run.store_cpu) - min(empty.store_cpu)) / min(empty.cpu)
        print(f"- {run.label}: {grown:+.1%} of the empty run's extraction time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
