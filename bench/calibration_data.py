"""PolNeAR quotes with the extractor's features and a right/wrong label, for fitting and
measuring the confidence model.

A label says whether the quote's span *and* speaker are both right exactly as
`../shared/eval/score.py` decides it: its trimming and speaker test are imported from the
scorer itself, and its one-to-one greedy matching is repeated here per prediction (the scorer
only reports totals). A prediction paired with a gold row the scorer does not count
(``required: false``) is neither right nor wrong there, so it gets no label (None) and is left
out of fitting and of every figure.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "data" / "polnear"
SCORER = SHARED / "eval" / "score.py"
CACHE = Path("/tmp/quotes-calibration-cache")


def scorer() -> ModuleType:
    """The shared scorer, loaded from its file (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("polnear_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Labelled:
    doc: str
    start: int
    end: int
    speaker: str | None
    confidence: float
    features: Mapping[str, float | str]
    label: bool | None  # None: paired with a gold row the scorer does not count


def label_doc(
    text: str, preds: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]], sc: ModuleType
) -> list[bool | None]:
    """One label per prediction of one article, by the scorer's matching."""
    trimmed: Callable[[str, int, int], tuple[int, int]] = sc.trimmed
    cands = []
    for gi, g in enumerate(gold):
        gs, ge = trimmed(text, g["start"], g["end"])
        for pi, p in enumerate(preds):
            ps, pe = trimmed(text, p["start"], p["end"])
            inter = min(ge, pe) - max(gs, ps)
            longer = max(ge - gs, pe - ps, 1)
            if inter > 0 and inter * 2 >= longer:
                cands.append((inter / longer, gi, pi, (gs, ge) == (ps, pe)))
    cands.sort(reverse=True)
    labels: list[bool | None] = [False] * len(preds)
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi, _exact in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g = gold[gi]
        labels[pi] = (
            bool(sc.speaker_ok(preds[pi].get("speaker"), g)) if g.get("required", True) else None
        )
    return labels


def gold_rows(split: str) -> dict[str, list[dict[str, Any]]]:
    import json

    by_doc: dict[str, list[dict[str, Any]]] = {}
    with (POLNEAR / "gold" / f"{split}.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                by_doc.setdefault(row["doc"], []).append(row)
    return by_doc


def extract_split(split: str) -> list[Labelled]:
    """Every quote the component extracts from a PolNeAR split, labelled. The parse is cached
    under /tmp (parsing train takes minutes; the quotes component always runs afresh)."""
    from bench.score_extractor import _docs
    from quotes.extract import load_pipeline

    nlp = load_pipeline()
    paths = sorted((POLNEAR / split / "text").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    gold = gold_rows(split)
    sc = scorer()
    out: list[Labelled] = []
    for path, doc in zip(paths, _docs(nlp, texts, CACHE / f"{split}.spacy"), strict=True):
        quotes = list(doc._.quotes or [])
        preds = [
            {"start": q.start, "end": q.end, "speaker": q.speaker.name if q.speaker else None}
            for q in quotes
        ]
        labels = label_doc(doc.text, preds, gold.get(path.name, []), sc)
        for q, p, lab in zip(quotes, preds, labels, strict=True):
            out.append(
                Labelled(
                    path.name, q.start, q.end, p["speaker"], q.confidence, dict(q.features), lab
                )
            )
    return out
