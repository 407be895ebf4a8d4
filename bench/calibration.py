"""Is the confidence a probability a team can act on? Measured on PolNeAR dev.

    .venv/bin/python bench/calibration.py [--svg docs/calibration.svg]

The model is the shipped one (`quotes/extract/data/calibration.json`, fitted on PolNeAR
train by `make calibrate`); dev is never used to fit it. Everything goes through the
database path curators use: `quotes extract` into a fresh SQLite file, the confidences and
speakers as stored (speakers after linking across articles), each quote labelled right when
its span and speaker both match the gold as `../shared/eval/score.py` matches them
(`bench/calibration_data.py`; quotes paired with gold the scorer does not count are left out).

Reported: expected calibration error (10 equal-width bins); AUC and log loss; precision and
share of quotes at confidence >= 0.9; a review simulation with the gold as oracle (share of all
errors found in the first 20% of the queue, lowest confidence first, against a random order and
against the fixed per-resolution table this model replaced, ties in id order as the queue
breaks them); and the refit loop: a simulated team decides 300 quotes, `quotes calibrate
--rescore` runs, and the calibration error on the quotes not decided is compared before and
after. Writes the reliability diagram as an SVG (no plotting library needed).
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.calibration_data import POLNEAR, gold_rows, label_doc, scorer  # noqa: E402
from quotes.extract.calibration import (  # noqa: E402
    expected_calibration_error,
    log_loss,
    reliability,
    shipped_model,
)
from quotes.extract.config import DEFAULT_CONFIG  # noqa: E402

DECISIONS = 300
REVIEW_SHARE = 0.2


@dataclass
class Row:
    quote_id: int
    confidence: float
    features: dict[str, float | str]
    right: bool


def old_table(features: dict[str, float | str]) -> float:
    """The confidence the replaced fixed table gave (config's per-resolution values)."""
    conf = DEFAULT_CONFIG.confidence_of(str(features.get("resolution", "none")))
    if features.get("type") != "direct":
        conf *= DEFAULT_CONFIG.reported_speech_factor
    return round(conf, 3)


def extract_into(db: Path, articles: Path) -> None:
    cli = [sys.executable, "-m", "quotes"]
    done = subprocess.run(
        [*cli, "extract", str(articles), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if done.returncode not in (0, 1):
        raise RuntimeError(f"quotes extract failed:\n{done.stderr[-2000:]}")


def stored_rows(db: Path, split: str) -> list[Row]:
    """The stored quotes of ``db`` with their label (neutral ones dropped)."""
    cli = [sys.executable, "-m", "quotes"]
    export = subprocess.run(
        [*cli, "export", "--db", str(db), "--status", "any", "--format", "jsonl", "--out", "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    con = sqlite3.connect(db)
    feats = {
        qid: json.loads(f)
        for qid, f in con.execute("SELECT quote_id, features FROM quote_features")
    }
    conf = dict(con.execute("SELECT id, confidence FROM quotes"))
    con.close()
    by_doc: dict[str, list[dict[str, object]]] = {}
    for line in export.splitlines():
        if line.strip():
            row = json.loads(line)
            doc = str(row["source"]).replace("\\", "/").rsplit("/", 1)[-1]
            by_doc.setdefault(doc, []).append(row)
    gold = gold_rows(split)
    sc = scorer()
    out: list[Row] = []
    for doc, preds in sorted(by_doc.items()):
        text = (POLNEAR / split / "text" / doc).read_text(encoding="utf-8")
        labels = label_doc(text, preds, gold.get(doc, []), sc)
        for p, lab in zip(preds, labels, strict=True):
            qid = int(p["quote_id"])  # type: ignore[call-overload]
            if lab is not None:
                out.append(Row(qid, float(conf[qid]), feats.get(qid, {}), lab))
    return out


def auc(probs: Sequence[float], labels: Sequence[bool]) -> float:
    """Area under the ROC curve (ties count half): how well the confidence ranks right above
    wrong, whatever its calibration. The measure the features are chosen by."""
    right = [p for p, y in zip(probs, labels, strict=True) if y]
    wrong = sorted(p for p, y in zip(probs, labels, strict=True) if not y)
    if not right or not wrong:
        return 0.0
    above = 0.0
    for p in right:
        below = bisect.bisect_left(wrong, p)
        above += below + 0.5 * (bisect.bisect_right(wrong, p) - below)
    return above / (len(right) * len(wrong))


def found_first(order: Sequence[Row], share: float = REVIEW_SHARE) -> float:
    """Share of all errors among the first ``share`` of ``order``."""
    errors = sum(not r.right for r in order)
    k = round(len(order) * share)
    return sum(not r.right for r in order[:k]) / errors if errors else 0.0


def review(rows: list[Row]) -> dict[str, float]:
    ours = sorted(rows, key=lambda r: (r.confidence, r.quote_id))
    old = sorted(rows, key=lambda r: (old_table(r.features), r.quote_id))
    rng = random.Random(16)
    shuffled = []
    for _ in range(200):
        order = rows[:]
        rng.shuffle(order)
        shuffled.append(found_first(order))
    return {
        "ours": found_first(ours),
        "old": found_first(old),
        "random": sum(shuffled) / len(shuffled),
    }


def refit_loop(db: Path, rows: list[Row], how: str) -> dict[str, object]:
    """A team decides DECISIONS quotes (``how``: the queue's first, or a random sample), then
    `calibrate` and `rescore` run; ECE on the undecided quotes before and after."""
    from quotes.curation import CurationService
    from quotes.curation.calibration import calibrate, rescore
    from quotes.store.database import open_database

    if how == "queue":
        chosen = sorted(rows, key=lambda r: (r.confidence, r.quote_id))[:DECISIONS]
    else:
        chosen = random.Random(16).sample(rows, DECISIONS)
    ids = {r.quote_id for r in chosen}
    rest = [r for r in rows if r.quote_id not in ids]
    before = expected_calibration_error([r.confidence for r in rest], [r.right for r in rest])
    database = open_database(str(db), create=False)
    svc = CurationService(database, "simulated-team")
    svc.bulk_decide([r.quote_id for r in chosen if r.right], "verified")
    svc.bulk_decide([r.quote_id for r in chosen if not r.right], "rejected")
    report = calibrate(database, "simulated-team")
    rescore(database)
    with database.readers() as s:
        from sqlalchemy import select

        from quotes.extract.calibration import Model
        from quotes.store.models import CalibrationModel, Quote

        now = {q: c for q, c in s.execute(select(Quote.id, Quote.confidence))}
        params = s.scalar(select(CalibrationModel.params).order_by(CalibrationModel.id.desc()))
    database.engine.dispose()
    after = expected_calibration_error([now[r.quote_id] for r in rest], [r.right for r in rest])
    # what adopting the refit regardless would have done: the gate's worth
    refit = Model.from_json(params) if isinstance(params, dict) else None
    forced = (
        expected_calibration_error(
            refit.probabilities([r.features for r in rest]), [r.right for r in rest]
        )
        if refit is not None
        else after
    )
    return {
        "before": before,
        "after": after,
        "adopted": report.adopted,
        "forced": forced,
        "loss_before": report.loss_before or 0.0,
        "loss_after": report.loss_after or 0.0,
    }


def svg(path: Path, curves: dict[str, list[tuple[float, float, int]]]) -> None:
    """A reliability diagram: accuracy against confidence per bin, the diagonal is perfect."""
    w, h, pad = 420, 420, 50
    size = w - 2 * pad

    def xy(x: float, y: float) -> tuple[float, float]:
        return pad + x * size, h - pad - y * size

    colors = {"calibrated model": "#1f77b4", "fixed table (before)": "#d62728"}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" font-family="sans-serif" font-size="12">',
        f'<rect width="{w}" height="{h}" fill="white"/>',
        f'<rect x="{pad}" y="{pad}" width="{size}" height="{size}" fill="none" stroke="#888"/>',
    ]
    for i in range(11):
        v = i / 10
        x, y = xy(v, 0)
        parts.append(f'<line x1="{x}" y1="{y}" x2="{x}" y2="{y + 4}" stroke="#888"/>')
        if i % 2 == 0:
            parts.append(f'<text x="{x}" y="{y + 16}" text-anchor="middle">{v:.1f}</text>')
        x, y = xy(0, v)
        parts.append(f'<line x1="{x - 4}" y1="{y}" x2="{x}" y2="{y}" stroke="#888"/>')
        if i % 2 == 0:
            parts.append(f'<text x="{x - 8}" y="{y + 4}" text-anchor="end">{v:.1f}</text>')
    (x0, y0), (x1, y1) = xy(0, 0), xy(1, 1)
    parts.append(
        f'<line x1="{x0}" y1="{y0}" x2="{x1}" y2="{y1}" stroke="#aaa" stroke-dasharray="4 4"/>'
    )
    for n, (name, bins) in enumerate(curves.items()):
        color = colors.get(name, "#333")
        pts = " ".join(f"{xy(c, a)[0]:.1f},{xy(c, a)[1]:.1f}" for c, a, _ in bins)
        parts.append(f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="2"/>')
        total = sum(k for _, _, k in bins) or 1
        for c, a, k in bins:
            x, y = xy(c, a)
            r = 2.5 + 9 * (k / total) ** 0.5
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{color}" opacity="0.6"/>'
            )
        parts.append(f'<text x="{pad + 8}" y="{pad + 18 + 16 * n}" fill="{color}">● {name}</text>')
    parts += [
        f'<text x="{w / 2}" y="{h - 12}" text-anchor="middle">confidence (bin mean)</text>',
        f'<text x="14" y="{h / 2}" text-anchor="middle" transform="rotate(-90 14 {h / 2})">'
        "share right (span and speaker)</text>",
        f'<text x="{w / 2}" y="30" text-anchor="middle" font-size="14">'
        "Reliability on PolNeAR dev (database path)</text>",
        "</svg>",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--svg", type=Path, default=ROOT / "docs" / "calibration.svg")
    args = ap.parse_args(argv)
    model = shipped_model()
    with tempfile.TemporaryDirectory(prefix="quotes-calibration-") as tmp:
        db = Path(tmp) / "dev.db"
        extract_into(db, POLNEAR / "dev" / "text")
        rows = stored_rows(db, "dev")
        copy = Path(tmp) / "dev-random.db"
        shutil.copy(db, copy)
        probs = [r.confidence for r in rows]
        labels = [r.right for r in rows]
        old = [old_table(r.features) for r in rows]
        ece, ece_old = (
            expected_calibration_error(probs, labels),
            expected_calibration_error(old, labels),
        )
        high = [r for r in rows if r.confidence >= 0.9]
        precision = sum(r.right for r in high) / len(high) if high else 0.0
        found = review(rows)
        loop = {how: refit_loop(d, rows, how) for how, d in (("queue", db), ("random", copy))}
    svg(
        args.svg,
        {
            "calibrated model": reliability(probs, labels),
            "fixed table (before)": reliability(old, labels),
        },
    )
    errors = sum(not r.right for r in rows)
    print("| measure (PolNeAR dev, database path) | value | aim |")
    print("|---|---|---|")
    print(f"| quotes labelled (scored by score.py) / wrong | {len(rows)} / {errors} | |")
    print(
        f"| expected calibration error, 10 bins | {ece:.3f} (fixed table: {ece_old:.3f}) "
        "| <= 0.05 |"
    )
    print(
        f"| AUC (right ranked above wrong) / log loss | {auc(probs, labels):.3f} "
        f"(fixed table: {auc(old, labels):.3f}) / {log_loss(probs, labels):.3f} | |"
    )
    print(f"| precision at confidence >= 0.9 | {precision:.3f} | >= 0.95 |")
    print(
        f"| share of quotes at confidence >= 0.9 | {len(high) / len(rows):.1%} ({len(high)}) "
        "| >= 40% |"
    )
    top = sorted(rows, key=lambda r: (-r.confidence, r.quote_id))[: round(0.4 * len(rows))]
    print(
        f"| the most confident 40% of quotes: precision (their lowest confidence) | "
        f"{sum(r.right for r in top) / max(1, len(top)):.3f} "
        f"({min((r.confidence for r in top), default=0.0):.3f}) | >= 0.95 |"
    )
    print(
        f"| errors found in the first 20% of the queue | ours {found['ours']:.1%}, "
        f"fixed table {found['old']:.1%}, random {found['random']:.1%} | >= 60% |"
    )
    for how, res in loop.items():
        who = "the queue's first" if how == "queue" else "a random"
        print(
            f"| refit after {DECISIONS} decisions ({who} {DECISIONS}): ECE on the rest | "
            f"{res['before']:.3f} -> {res['after']:.3f} "
            f"({'adopted' if res['adopted'] else 'not adopted'}: held-back log loss "
            f"{res['loss_before']:.3f} before, {res['loss_after']:.3f} refit; ECE had it been "
            f"adopted anyway: {res['forced']:.3f}) | not worse |"
        )
    print()
    shown = args.svg.relative_to(ROOT) if args.svg.is_relative_to(ROOT) else args.svg
    print(f"Model `{model.version}`; reliability diagram: `{shown}`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
