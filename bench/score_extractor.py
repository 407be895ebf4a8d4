"""Score the extractor on a gold set: run the pipeline over a folder of articles, write PRED
jsonl in the scorer's format and print the scorer's summary.

usage: python bench/score_extractor.py GOLD.jsonl ARTICLES_DIR [--show-errors] [--json]
           [--out PRED.jsonl] [--model NAME] [--scorer PATH] [--parse-cache DOCS.spacy]

--parse-cache keeps the model's parse of every article in a DocBin file (written on the first
run, read on the next ones when it holds exactly these texts), so tuning the rules re-runs only
the component: seconds on PolNeAR dev instead of a full parse.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.scorer_format import from_quote  # noqa: E402
from quotes.extract import load_pipeline  # noqa: E402

DEFAULT_SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def _docs(nlp: Language, texts: list[str], cache: Path | None) -> Iterator[Doc]:
    """The articles with ``nlp``'s annotations, the quotes component run last on each; the
    parse comes from ``cache`` when it holds exactly these texts, else it is made (and saved)."""
    if cache is None:
        yield from nlp.pipe(texts, batch_size=16)
        return
    quotes = nlp.get_pipe("quotes")
    if cache.exists():
        parsed = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in parsed] == texts:
            for doc in parsed:
                yield quotes(doc)
            return
    bin_ = DocBin(store_user_data=False)
    with nlp.select_pipes(disable=["quotes"]):
        parsed = list(nlp.pipe(texts, batch_size=16))
    for doc in parsed:
        bin_.add(doc)
    cache.parent.mkdir(parents=True, exist_ok=True)
    bin_.to_disk(cache)
    for doc in parsed:
        yield quotes(doc)


def predict(articles: Path, out: Path, model: str | None = None, cache: Path | None = None) -> int:
    """Write one PRED row per extracted quote of every .txt in ``articles``; returns the count."""
    nlp = load_pipeline(model)
    paths = sorted(articles.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for path, doc in zip(paths, _docs(nlp, texts, cache), strict=True):
            for q in doc._.quotes or []:
                row = from_quote(path.name, q)
                # Ignored by the scorer; kept for whoever reads the PRED file.
                row |= {"cue": q.cue, "resolution": q.resolution, "confidence": q.confidence}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    """Predict, then hand over to the shared scorer with the same flags."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("gold", type=Path)
    ap.add_argument("articles", type=Path)
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "pred.jsonl")
    ap.add_argument("--model", default=None)
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    ap.add_argument("--parse-cache", type=Path, default=None, metavar="DOCS.spacy")
    args = ap.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    n = predict(args.articles, args.out, args.model, args.parse_cache)
    print(f"{n} quotes predicted -> {args.out}", file=sys.stderr)
    cmd = [sys.executable, str(args.scorer), str(args.gold), str(args.out), str(args.articles)]
    if args.show_errors:
        cmd.append("--show-errors")
    if args.json:
        cmd.append("--json")
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
