"""Refit the shipped confidence model on PolNeAR train (`make calibrate`).

    .venv/bin/python bench/fit_calibration.py [--out quotes/extract/data/calibration.json]

Extracts PolNeAR train with the current rules, labels every quote with the shared scorer's
matching (`bench/calibration_data.py`), fits `quotes.extract.calibration.fit` and writes the
parameter file. Rerun it whenever the rules change what they extract or the features they
report, and move `EXTRACTOR_VERSION`: stored confidences are from the model of their version.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.calibration_data import extract_split  # noqa: E402
from quotes.extract.calibration import expected_calibration_error, fit  # noqa: E402

DEFAULT_OUT = ROOT / "quotes" / "extract" / "data" / "calibration.json"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    # Stronger than the bare minimum: with ~310 weights over ~10,000 quotes, l2 20 gave the
    # lowest log loss on PolNeAR dev (2 and 10 overfit train; dev is never fitted on).
    ap.add_argument("--l2", type=float, default=20.0)
    ap.add_argument("--min-count", type=int, default=25)
    args = ap.parse_args(argv)
    rows = [r for r in extract_split("train") if r.label is not None]
    feats = [r.features for r in rows]
    labels = [bool(r.label) for r in rows]
    version = f"polnear-train-{dt.date.today().isoformat()}"
    model = fit(
        feats,
        labels,
        version=version,
        l2=args.l2,
        min_count=args.min_count,
        meta={"source": "PolNeAR train (label: span and speaker right, as eval/score.py)"},
    )
    # Two refits on one day (the rules changed in between) must not share a version: the
    # parameters' own digest tells them apart.
    digest = hashlib.sha256(json.dumps(model.to_json()["weights"], sort_keys=True).encode())
    model = dataclasses.replace(model, version=f"{version}-{digest.hexdigest()[:8]}")
    probs = model.probabilities(feats)
    ece = expected_calibration_error(probs, labels)
    args.out.write_text(model.dumps(), encoding="utf-8")
    print(
        f"{len(rows)} labelled quotes, {sum(labels)} right; {len(model.weights)} weights; "
        f"in-sample ECE {ece:.3f} -> {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
