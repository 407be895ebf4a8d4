"""The ranking measure the confidence features are chosen by (bench/calibration.py's AUC):
checked against its definition, the share of right-wrong pairs ranked the right way."""

from __future__ import annotations

import random

from bench.calibration import auc


def test_auc_counts_right_wrong_pairs_ranked_the_right_way_and_ties_as_half() -> None:
    assert auc([0.9, 0.8, 0.2, 0.1], [True, True, False, False]) == 1.0
    assert auc([0.1, 0.2, 0.8, 0.9], [True, True, False, False]) == 0.0
    assert auc([0.5, 0.5], [True, False]) == 0.5
    assert auc([0.5, 0.7], [True, True]) == 0.0  # no wrong quote: nothing to rank


def test_auc_matches_the_pairwise_definition() -> None:
    rng = random.Random(16)
    probs = [round(rng.random(), 1) for _ in range(300)]  # many ties
    labels = [rng.random() < p for p in probs]
    right = [p for p, y in zip(probs, labels, strict=True) if y]
    wrong = [p for p, y in zip(probs, labels, strict=True) if not y]
    pairs = sum(1.0 if r > w else 0.5 if r == w else 0.0 for r in right for w in wrong)
    assert abs(auc(probs, labels) - pairs / (len(right) * len(wrong))) < 1e-12
