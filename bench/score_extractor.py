"""Score the extractor on a gold set: run the pipeline over a folder of articles, write PRED
jsonl in the scorer's format and print the scorer's summary.

usage: python bench/score_extractor.py GOLD.jsonl ARTICLES_DIR [--show-errors] [--json]
           [--out PRED.jsonl] [--model NAME] [--scorer PATH]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotes.extract import load_pipeline  # noqa: E402

DEFAULT_SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def predict(articles: Path, out: Path, model: str | None = None) -> int:
    """Write one PRED row per extracted quote of every .txt in ``articles``; returns the count."""
    nlp = load_pipeline(model)
    paths = sorted(articles.glob("*.txt"))
    texts = (p.read_text(encoding="utf-8") for p in paths)
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for path, doc in zip(paths, nlp.pipe(texts, batch_size=16), strict=True):
            for q in doc._.quotes or []:
                row = {
                    "source": path.name,
                    "start": q.start,
                    "end": q.end,
                    "speaker": q.speaker.name if q.speaker else None,
                    "type": q.type,
                    "text": q.text,
                    "cue": q.cue,
                    "resolution": q.resolution,
                    "confidence": q.confidence,
                }
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
    args = ap.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    n = predict(args.articles, args.out, args.model)
    print(f"{n} quotes predicted -> {args.out}", file=sys.stderr)
    cmd = [sys.executable, str(args.scorer), str(args.gold), str(args.out), str(args.articles)]
    if args.show_errors:
        cmd.append("--show-errors")
    if args.json:
        cmd.append("--json")
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
