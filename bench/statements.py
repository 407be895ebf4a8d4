"""Issue 17's figures: statement grouping on the generated wire corpus and on PolNeAR.

    python bench/statements.py [--polnear ../shared/data/polnear] [--sample 30] [--extract]

1. The generated wire corpus (bench/wire_corpus.py) over several seeds: pairwise precision
   and recall against the known groups, and how many swapped attributions are flagged.
2. PolNeAR dev + train, read in place: the gold attributions stored through the real write
   path (one quote per distinct gold span, the gold speaker), then how many statements span
   more than one article, how many are conflicts, and a sample to check by hand.
3. Ingest cost: storing the same PolNeAR articles with grouping and with it switched off
   (best of two each, the runs alternating so a load change on a shared machine
   hits both), and with `--extract` the whole `quotes extract` path (spaCy
   included) on PolNeAR dev, with and without grouping.
4. `--rebuild DB`: `quotes statements rebuild` on a copy of DB (e.g. one made by
   `bench/synth_repeats.py`, a `bench/synth.py` database with wire repeats): quotes/s by
   wall and by CPU time (the machine is shared), and peak RSS against the RSS before.
   `--synth N` builds such a database of N quotes first (in a temporary directory).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.wire_corpus import Scored, generate, store_and_score  # noqa: E402
from quotes.extract.types import ExtractedQuote  # noqa: E402
from quotes.extract.types import Speaker as ExtractedSpeaker  # noqa: E402
from quotes.ingest import store as ingest_store  # noqa: E402
from quotes.ingest.store import Extracted, store_new_articles  # noqa: E402
from quotes.ingest.types import ArticleInput  # noqa: E402
from quotes.statements import reads  # noqa: E402
from quotes.statements.grouping import GroupingSummary  # noqa: E402
from quotes.store.database import Database, open_database  # noqa: E402

POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
BATCH = 50  # articles per write transaction, as `quotes extract` batches them


def wire_figures(seeds: range = range(17, 22), copies: int = 8) -> list[tuple[int, Scored]]:
    rows = []
    for seed in seeds:
        with tempfile.TemporaryDirectory() as tmp:
            database = open_database(str(Path(tmp) / "wire.db"))
            rows.append((seed, store_and_score(database, generate(seed=seed, copies=copies))))
            database.engine.dispose()
    return rows


def polnear_items(root: Path) -> list[Extracted]:
    """PolNeAR dev + train articles with their gold attributions as extracted quotes."""
    meta: dict[str, tuple[str | None, dt.date | None]] = {}
    with (root / "metadata.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            try:
                day = dt.date.fromisoformat(row["publication_date"])
            except ValueError:
                day = None
            meta[row["filename"]] = (row["publisher"] or None, day)
    gold: dict[str, dict[tuple[int, int], dict[str, object]]] = {}
    for split in ("dev", "train"):
        with (root / "gold" / f"{split}.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                g = json.loads(line)
                gold.setdefault(f"{split}/{g['doc']}", {}).setdefault((g["start"], g["end"]), g)
    items = []
    for key, spans in sorted(gold.items()):
        split, doc = key.split("/", 1)
        path = root / split / "text" / doc
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        outlet, day = meta.get(doc.removesuffix(".txt"), (None, None))
        quotes = []
        for (start, end), g in sorted(spans.items()):
            if text[start:end] != g["text"] or g["type"] not in ("direct", "indirect", "mixed"):
                continue
            speaker = str(g["speaker"]) if g.get("speaker") else None
            quotes.append(
                ExtractedQuote(
                    start=start,
                    end=end,
                    text=text[start:end],
                    type=g["type"],
                    confidence=0.9,
                    speaker=ExtractedSpeaker(speaker) if speaker else None,
                    cue=str(g.get("cue") or "") or None,
                )
            )
        article = ArticleInput(text=text, source=str(path), outlet=outlet, published=day)
        items.append(Extracted(article, quotes))
    return items


# The one call ingest makes to group a stored batch's quotes (quotes/ingest/store.py).
_HOOK = "group_new_quotes"


def _no_grouping(_session: object, _quotes: object) -> GroupingSummary:
    return GroupingSummary()


@contextmanager
def grouping_off() -> Iterator[None]:
    """Ingest as it was before statements: the one grouping call made a no-op."""
    original = getattr(ingest_store, _HOOK)
    setattr(ingest_store, _HOOK, _no_grouping)
    try:
        yield
    finally:
        setattr(ingest_store, _HOOK, original)


def store_all(database: Database, items: list[Extracted]) -> float:
    started = time.perf_counter()
    for i in range(0, len(items), BATCH):
        with database.sessions.begin() as session:
            store_new_articles(session, items[i : i + BATCH], extractor_version="gold")
    return time.perf_counter() - started


def best_of(runs: int, once: Callable[[], float]) -> float:
    return min(once() for _ in range(runs))


def timed_store(items: list[Extracted], *, grouped: bool) -> float:
    def once() -> float:
        with tempfile.TemporaryDirectory() as tmp:
            database = open_database(str(Path(tmp) / "t.db"))
            if grouped:
                took = store_all(database, items)
            else:
                with grouping_off():
                    took = store_all(database, items)
            database.engine.dispose()
            return took

    return once()


def timed_extract(texts: list[ArticleInput], *, grouped: bool) -> float:
    from quotes.ingest.pipeline import ingest_texts, load_nlp

    nlp = load_nlp()

    def once() -> float:
        with tempfile.TemporaryDirectory() as tmp:
            database = open_database(str(Path(tmp) / "e.db"))
            started = time.perf_counter()
            if grouped:
                ingest_texts(database, texts, nlp=nlp)
            else:
                with grouping_off():
                    ingest_texts(database, texts, nlp=nlp)
            took = time.perf_counter() - started
            database.engine.dispose()
            return took

    return best_of(2, once)


@dataclass
class PolnearFigures:
    items: list[Extracted]
    ungrouped: int
    shared: int  # statements with more than one copy
    spanning: list[reads.StatementInfo]  # ... in more than one article

    @property
    def quotes(self) -> int:
        return sum(len(i.quotes) for i in self.items)


def polnear_figures(root: Path) -> PolnearFigures:
    items = polnear_items(root)
    with tempfile.TemporaryDirectory() as tmp:
        database = open_database(str(Path(tmp) / "polnear.db"))
        store_all(database, items)
        with database.readers() as session:
            shared = list(reads.iter_statements(session, min_copies=2))
            ungrouped = reads.ungrouped_quotes(session)
        database.engine.dispose()
    return PolnearFigures(items, ungrouped, len(shared), [s for s in shared if s.articles > 1])


def print_sample(spanning: list[reads.StatementInfo], size: int) -> None:
    picked = random.Random(17).sample(spanning, min(size, len(spanning)))
    print(f"\n### {len(picked)} statements spanning articles, for the hand check\n")
    for s in sorted(picked, key=lambda s: s.id):
        flag = " **conflict**" if s.conflict else ""
        print(
            f"- statement {s.id} ({s.articles} articles: {', '.join(s.outlets)}; "
            f"speakers: {'; '.join(s.speakers)}){flag}"
        )
        for c in s.copies:
            print(f"  - {c.how} {c.score:.2f} {c.type}: {c.text[:160]!r}")


def time_rebuild(path: Path, keep: Path | None = None) -> None:
    """Regroup every quote of an existing database on a copy: wall and CPU time, memory.
    The copy is `keep` when given (a grouped database for other benchmarks), else temporary."""
    import resource
    import shutil

    from quotes.statements.maintenance import rebuild_database

    with tempfile.TemporaryDirectory() as tmp:
        copy = keep or Path(tmp) / "rebuild.db"
        shutil.copyfile(path, copy)
        database = open_database(str(copy))
        before = _rss_kib()
        started, cpu = time.perf_counter(), time.process_time()
        summary = rebuild_database(database)
        took, cpu_took = time.perf_counter() - started, time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        database.engine.dispose()
    n = summary.quotes
    print(
        f"\n## Rebuild of {path.name}\n\n{n:,} quotes regrouped in {took:.1f} s wall, "
        f"{cpu_took:.1f} s CPU ({n / took:,.0f} quotes/s wall, {n / cpu_took:,.0f} per CPU "
        f"second; {summary.statements_new:,} statements, {summary.joined:,} copies); "
        f"peak RSS {peak / 1024:.0f} MB (before: {before / 1024:.0f} MB)"
    )


def _rss_kib() -> int:
    """The process's resident memory now, in KiB (Linux), else its peak so far."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=POLNEAR)
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--extract", action="store_true", help="also time `quotes extract`")
    parser.add_argument(
        "--rebuild", type=Path, help="only time `statements rebuild` on a copy of this database"
    )
    parser.add_argument(
        "--synth", type=int, help="with --rebuild: first build it, this many quotes with repeats"
    )
    parser.add_argument("--keep", type=Path, help="with --rebuild: keep the regrouped copy here")
    args = parser.parse_args(argv)
    if args.rebuild:
        if args.synth:
            from bench.synth import Shape, build
            from bench.synth_repeats import add_repeats

            build(args.rebuild, Shape.for_quotes(args.synth))
            print(f"{args.rebuild}: {add_repeats(args.rebuild):,} repeats of {args.synth:,}")
        time_rebuild(args.rebuild, args.keep)
        return 0

    print("## Wire corpus (bench/wire_corpus.py, 8 copies per seed article)\n")
    print(
        "| seed | quotes | true groups | statements | precision | recall | swapped | flagged "
        "| false conflicts |\n|---|---|---|---|---|---|---|---|---|"
    )
    for seed, r in wire_figures():
        print(
            f"| {seed} | {r.quotes} | {r.true_groups} | {r.statements} "
            f"| {r.precision:.3f} | {r.recall:.3f} | {r.swapped} "
            f"| {r.swapped_flagged} | {r.false_conflicts} |"
        )
    if not args.polnear.exists():
        print(f"\n(no PolNeAR at {args.polnear}: skipped)")
        return 0
    p = polnear_figures(args.polnear)
    print("\n## PolNeAR dev + train (gold spans and speakers)\n")
    print(
        f"{len(p.items)} articles, {p.quotes} quotes; {p.shared} statements with more than "
        f"one copy, {len(p.spanning)} of them in more than one article, "
        f"{sum(s.conflict for s in p.spanning)} of those with conflicting speakers; "
        f"{p.ungrouped} quotes ungrouped."
    )
    print_sample(p.spanning, args.sample)
    with_g, without = float("inf"), float("inf")
    for _ in range(2):  # alternating, so a load change on a shared machine hits both
        with_g = min(with_g, timed_store(p.items, grouped=True))
        without = min(without, timed_store(p.items, grouped=False))
    print("\n## Ingest cost (storing PolNeAR dev + train, best of 2)\n")
    print(
        f"without grouping {without:.2f} s, with grouping {with_g:.2f} s: "
        f"ratio {with_g / without:.3f}"
    )
    if args.extract:
        dev = [i.article for i in p.items if "/dev/" in i.article.source]
        e_with = timed_extract(dev, grouped=True)
        e_without = timed_extract(dev, grouped=False)
        print(
            f"\n`quotes extract` path on PolNeAR dev ({len(dev)} articles, best of 2): "
            f"without grouping {e_without:.2f} s, with {e_with:.2f} s: "
            f"ratio {e_with / e_without:.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
