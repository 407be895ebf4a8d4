"""Words per second with and without the quotes component, on a >= 1 MB synthetic news corpus.

The corpus is made from the seed articles by swapping names, numbers and paragraph order, so
every document is distinct (no parse caching helps) but reads like the real thing. Both runs
use the same model, the same texts and `nlp.pipe(batch_size=16)`; the component's own time is
also measured alone, on docs parsed beforehand, because on a shared machine that number is
steadier than the difference of two long runs.

usage: python bench/extract_speed.py [--mb 1.0] [--model NAME] [--seeds DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

from quotes.extract import load_pipeline  # noqa: E402
from quotes.extract.extractor import extract  # noqa: E402

FIRST = ["Anna", "Peter", "Maria", "John", "Lena", "Omar", "Karen", "Tom", "Sofia", "David"]
LAST = ["Berg", "Novak", "Lopez", "Harris", "Ortiz", "Said", "Wu", "Keller", "Rossi", "Adams"]
NAME = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")


def variant(text: str, rng: random.Random) -> str:
    """One distinct article from a seed: names and numbers swapped, body paragraphs shuffled."""

    def swap_name(m: re.Match[str]) -> str:
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}" if rng.random() < 0.5 else m.group(0)

    text = NAME.sub(swap_name, text)
    text = re.sub(r"\d+", lambda m: str(rng.randint(2, 99_999)), text)
    paras = text.split("\n")
    head, body = paras[:1], paras[1:]
    rng.shuffle(body)
    return "\n".join(head + body)


def corpus(seeds: Path, megabytes: float, seed: int = 7) -> list[str]:
    """Variants of the seed articles until the corpus reaches ``megabytes`` of UTF-8."""
    originals = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    if not originals:
        raise SystemExit(f"no .txt files in {seeds}")
    rng = random.Random(seed)
    texts: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        text = variant(originals[len(texts) % len(originals)], rng)
        texts.append(text)
        size += len(text.encode("utf-8"))
    return texts


def words_per_second(nlp: spacy.language.Language, texts: list[str]) -> tuple[float, float]:
    """(words/s, seconds) of running ``nlp`` over ``texts``."""
    start = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))
    elapsed = time.perf_counter() - start
    return words / elapsed, elapsed


def main(argv: list[str] | None = None) -> int:
    """Build the corpus, time both pipelines and the component alone, print the ratio."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--model", default=None)
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    args = ap.parse_args(argv)

    texts = corpus(args.seeds, args.mb)
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(f"corpus: {len(texts)} articles, {size / 1e6:.2f} MB")

    with_quotes = load_pipeline(args.model)
    bare_names = [n for n in with_quotes.pipe_names if n != "quotes"]
    bare = load_pipeline(args.model)
    bare.remove_pipe("quotes")
    assert bare.pipe_names == bare_names

    warm = texts[:8]
    list(bare.pipe(warm, batch_size=16))
    list(with_quotes.pipe(warm, batch_size=16))

    bare_wps, bare_s = words_per_second(bare, texts)
    quotes_wps, quotes_s = words_per_second(with_quotes, texts)
    print(f"bare pipeline      {bare_wps:8.0f} words/s  ({bare_s:.1f} s)")
    print(f"with quotes        {quotes_wps:8.0f} words/s  ({quotes_s:.1f} s)")
    print(
        f"end-to-end cost    {bare_wps / quotes_wps - 1:+.1%}  (ratio {quotes_wps / bare_wps:.3f})"
    )

    docs = list(bare.pipe(texts, batch_size=16))
    start = time.perf_counter()
    n_quotes = sum(len(extract(doc)) for doc in docs)
    component_s = time.perf_counter() - start
    print(f"component alone    {component_s:.2f} s for {n_quotes} quotes")
    print(f"component cost     {component_s / bare_s:+.1%} of the bare pipeline's time")

    words = sum(len(doc) for doc in docs)
    e2e_s = end_to_end_seconds(with_quotes, texts)
    print(
        f"quotes extract     {words / e2e_s:8.0f} words/s  ({e2e_s:.1f} s, into SQLite)  "
        f"= {bare_s / e2e_s:.0%} of the bare pipeline (target >= 75%)"
    )
    textacy_s = textacy_seconds(docs)
    if textacy_s is None:
        print("textacy            not installed here (make bench-env runs it)")
    else:
        print(
            f"textacy quotes     {textacy_s:.2f} s alone  = {textacy_s / bare_s:+.1%} of the bare "
            f"pipeline's time (direct_quotations over the same parsed docs)"
        )
    return 0


def end_to_end_seconds(nlp: spacy.language.Language, texts: list[str]) -> float:
    """`quotes extract` as users run it: parse, extract, link speakers, store in SQLite."""
    import tempfile

    from quotes.ingest import ingest_texts
    from quotes.store.database import open_database

    with tempfile.TemporaryDirectory() as tmp:
        database = open_database(str(Path(tmp) / "bench.db"))
        start = time.perf_counter()
        summary = ingest_texts(database, texts, nlp=nlp)
        elapsed = time.perf_counter() - start
        database.engine.dispose()
    assert summary.articles_new == len(set(texts)), summary.as_dict()
    return elapsed


def textacy_seconds(docs: list[spacy.tokens.Doc]) -> float | None:
    """The peer's quote extraction over the same parsed docs, or None without textacy."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None
    start = time.perf_counter()
    for doc in docs:
        # It raises on some unclosed quotes; the time spent until then still counts.
        with contextlib.suppress(Exception):
            list(direct_quotations(doc))
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
