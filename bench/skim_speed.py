"""Parsing less (issue 19's stretch): is `quotes extract` faster than the bare pipeline when only
the paragraphs that can hold an attribution are parsed, and what does it cost in accuracy?

One run, the same texts (PolNeAR dev; optionally seed variants too), CPU time
(`time.process_time`, steadier than wall time on a shared machine). Words/s always count the
words (tokens) of the whole articles:

- the bare pipeline (every component but "quotes", whole text, `nlp.pipe(batch_size=16)`):
  extract_speed.py's baseline;
- `quotes extract` as it is (`ingest_texts`: parse, extract, suggest topics, store in SQLite);
- the same work done here in the same steps, parse then `store_extracted` (no topics), once
  on the whole text and once skimmed (`bench/skim_select.py`; skimming, re-parsing an article
  a blanked paragraph would change, and storing all inside the timing).

Then, for each selection variant: the share of words parsed, end-to-end F1 on PolNeAR dev with
the shared scorer against the whole-text parse, and whether every quote on seeds/ is identical
(every field, confidence and features included).

usage: python bench/skim_speed.py [--rounds 1] [--model NAME] [--seeds-mb 0.2] [--no-speed]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spacy.language import Language  # noqa: E402

from bench.extract_speed import corpus  # noqa: E402
from bench.scorer_format import from_quote  # noqa: E402
from bench.skim_select import Skimmed, extract_skimmed  # noqa: E402
from quotes.extract import load_pipeline  # noqa: E402
from quotes.extract.types import ExtractedQuote  # noqa: E402

SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "data" / "polnear"
SCORER = SHARED / "eval" / "score.py"

# Selection variants: `bench.skim_select.skim` options; the first is the default.
VARIANTS: dict[str, dict[str, Any]] = {
    "cues + paragraph before he/she/they": {},
    "cues only": {"context": 0},
    "cues + paragraph before each + lead": {
        "context": 1,
        "lead": 2,
        "context_only_for_pronouns": False,
    },
}

TIMED = ("cues + paragraph before he/she/they", "cues only")


def whole_text(nlp: Language, texts: list[str]) -> list[list[ExtractedQuote]]:
    return [list(doc._.quotes or ()) for doc in nlp.pipe(texts, batch_size=16)]


def end_to_end_f1(names: list[str], quotes: list[list[ExtractedQuote]], out: Path) -> float:
    with out.open("w", encoding="utf-8") as fh:
        for name, qs in zip(names, quotes, strict=True):
            for q in qs:
                fh.write(json.dumps(from_quote(name, q), ensure_ascii=False) + "\n")
    gold = POLNEAR / "gold" / "dev.jsonl"
    texts = POLNEAR / "dev" / "text"
    cmd = [sys.executable, str(SCORER), str(gold), str(out), str(texts), "--json"]
    result = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    return float(result["end_to_end"]["f"])


def parsed_share(texts: list[str], skims: list[Skimmed]) -> float:
    """The share of the articles' words in paragraphs parsed as written."""
    words = sum(len(t.split()) for t in texts)
    blanked = sum(
        len(t[a:b].split()) for t, s in zip(texts, skims, strict=True) for a, b in s.blanked
    )
    return 1 - blanked / max(1, words)


def accuracy(nlp: Language, names: list[str], texts: list[str], seeds: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        exact_f1 = end_to_end_f1(names, whole_text(nlp, texts), Path(tmp) / "exact.jsonl")
        seeds_exact = whole_text(nlp, seeds)
        print(f"PolNeAR dev: {len(texts)} articles; end-to-end F1, whole text: {exact_f1:.4f}")
        for name, options in VARIANTS.items():
            got = list(extract_skimmed(nlp, texts, **options))
            f1 = end_to_end_f1(names, [q for q, _, _ in got], Path(tmp) / "skim.jsonl")
            seeds_got = list(extract_skimmed(nlp, seeds, **options))
            same = sum(a == b for a, (b, _, _) in zip(seeds_exact, seeds_got, strict=True))
            share = parsed_share(texts, [s for _, s, _ in got])
            seeds_share = parsed_share(seeds, [s for _, s, _ in seeds_got])
            print(
                f"  {name:36s} words parsed {share:6.1%} (seeds {seeds_share:6.1%}); "
                f"F1 {f1:.4f} ({(f1 - exact_f1) * 100:+.2f} points); seeds identical "
                f"{same}/{len(seeds)}; articles parsed again whole "
                f"{sum(again for _, _, again in got)}"
            )


def stored(texts: list[str], quotes: list[list[ExtractedQuote]]) -> None:
    """Store the articles with their quotes in a fresh SQLite file, as `quotes extract` does
    after parsing (metadata read from the text, speakers linked, 16 articles a transaction)."""
    from quotes.ingest.metadata import complete_metadata
    from quotes.ingest.pipeline import store_extracted
    from quotes.ingest.types import ArticleInput
    from quotes.store.database import open_database

    with tempfile.TemporaryDirectory() as tmp:
        database = open_database(str(Path(tmp) / "bench.db"))
        items = [
            (complete_metadata(ArticleInput(text=t, source=f"a{n}")), qs)
            for n, (t, qs) in enumerate(zip(texts, quotes, strict=True))
        ]
        summary = store_extracted(database, items, batch_size=16)
        database.engine.dispose()
    assert summary.articles_new == len(texts), summary.as_dict()


def ingest(nlp: Language, texts: list[str]) -> None:
    from quotes.ingest import ingest_texts
    from quotes.store.database import open_database

    with tempfile.TemporaryDirectory() as tmp:
        database = open_database(str(Path(tmp) / "bench.db"))
        summary = ingest_texts(database, texts, nlp=nlp)
        database.engine.dispose()
    assert summary.articles_new == len(texts), summary.as_dict()


def cpu(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def speed(nlp: Language, bare: Language, label: str, docs: list[str], rounds: int) -> None:
    words = sum(len(d) for d in bare.pipe(docs, batch_size=16))  # also warms both up
    list(nlp.pipe(docs[:8], batch_size=16))
    runs: dict[str, Callable[[], object]] = {
        "bare pipeline": lambda: list(bare.pipe(docs, batch_size=16)),
        "quotes extract (ingest_texts)": lambda: ingest(nlp, docs),
        "parse + store, whole text": lambda: stored(docs, whole_text(nlp, docs)),
    }

    def skimmed(options: dict[str, Any]) -> Callable[[], object]:
        return lambda: stored(docs, [q for q, _, _ in extract_skimmed(nlp, docs, **options)])

    for name in TIMED:
        runs[f"parse + store, skim: {name}"] = skimmed(VARIANTS[name])
    times = dict.fromkeys(runs, 0.0)
    for _ in range(rounds):  # interleaved, so a burst of load hits every row alike
        for key, run in runs.items():
            times[key] += cpu(run)
    print(f"\n{label}: {len(docs)} articles, {words} words, {rounds} round(s), CPU time")
    base = times["bare pipeline"]
    for key, seconds in times.items():
        print(
            f"  {key:58s} {words * rounds / seconds:7.0f} words/s  "
            f"{base / seconds:5.3f}x the bare pipeline"
        )
    whole = times["parse + store, whole text"]
    for name in TIMED:
        ratio = whole / times[f"parse + store, skim: {name}"]
        print(f"  skim ({name}): {ratio:.3f}x as fast as the whole text")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rounds", type=int, default=1, help="interleaved timing rounds")
    ap.add_argument("--model", default=None)
    ap.add_argument("--seeds-mb", type=float, default=0.0, help="also time seed variants")
    ap.add_argument("--no-speed", action="store_true", help="accuracy and identity only")
    args = ap.parse_args(argv)

    paths = sorted((POLNEAR / "dev" / "text").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    nlp = load_pipeline(args.model)
    accuracy(nlp, [p.name for p in paths], texts, seeds)
    if args.no_speed:
        return 0
    bare = load_pipeline(args.model)
    bare.remove_pipe("quotes")
    speed(nlp, bare, "PolNeAR dev", texts, args.rounds)
    if args.seeds_mb > 0:
        variants = corpus(ROOT / "seeds", args.seeds_mb)
        speed(nlp, bare, f"seed variants, {args.seeds_mb} MB", variants, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
