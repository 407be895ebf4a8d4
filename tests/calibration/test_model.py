"""The confidence model itself: the shipped parameters, scoring, explanations, hostile
parameter files, the fit, and the features the extractor hands it."""

from __future__ import annotations

import dataclasses
import json
import math

import pytest
from sqlalchemy import select

from quotes.extract import load_pipeline
from quotes.extract.calibration import (
    FORMAT,
    Model,
    expected_calibration_error,
    fit,
    log_loss,
    reliability,
    shipped_model,
)
from quotes.extract.types import ExtractedQuote
from quotes.ingest import ArticleInput, store_extracted
from quotes.store.database import Database
from quotes.store.models import Quote, QuoteFeatures

TEXT = '"We are ready," Ann Lee said. "We always were," she added.\n"And we will be."'


def test_shipped_model_is_versioned_and_fitted_on_train() -> None:
    model = shipped_model()
    assert model.version.startswith("polnear-train")
    assert model.meta["examples"] > 5000
    assert Model.loads(model.dumps()) == model  # the file round-trips exactly


def test_every_quote_carries_features_and_the_model_probability() -> None:
    nlp = load_pipeline()
    quotes = list(nlp(TEXT)._.quotes)
    assert [q.resolution for q in quotes] == ["explicit", "pronoun", "carried"]
    model = shipped_model()
    for q in quotes:
        assert q.features["resolution"] == q.resolution
        assert q.confidence == model.probability(q.features)
    carried = quotes[2].features
    assert carried["mention_sentences"] == 1.0 and carried["cue_class"] == "none"


def test_drivers_name_what_pulls_a_probability_down() -> None:
    model = shipped_model()
    weak = {"resolution": "none", "type": "direct", "rule": "direct:no-cue", "cue_class": "none"}
    strong = {**weak, "resolution": "explicit", "cue_class": "reporting", "mention_kind": "name"}
    assert model.probability(weak) < model.probability(strong)
    assert "speaker found by: none" in model.drivers(weak)
    assert all(isinstance(d, str) and ": " in d for d in model.drivers(weak, n=10))


def test_unknown_categories_and_missing_numbers_still_score() -> None:
    model = shipped_model()
    odd: dict[str, float | str] = {"resolution": "telepathy", "words": float("nan"), "x": "y"}
    p = model.probability(odd)
    assert 0.0 < p < 1.0 and model.probability({}) == pytest.approx(p, abs=0.2)


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[]",
        json.dumps({"format": "other/1"}),
        json.dumps({"format": FORMAT, "version": "v", "categories": {}, "scales": {}}),
        json.dumps(
            {"format": FORMAT, "version": "v", "categories": {}, "scales": {"w": [0, 0]},
             "weights": {}}
        ),
        json.dumps(
            {"format": FORMAT, "version": "v", "categories": {}, "scales": {},
             "weights": {"bias": "NaN"}}
        ),
    ],
)  # fmt: skip
def test_a_malformed_parameter_file_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        Model.loads(text)


def test_fit_learns_a_known_rule_and_is_calibrated_in_sample() -> None:
    rows: list[dict[str, float | str]] = []
    labels: list[bool] = []
    for i in range(400):  # explicit right 9 in 10, pronoun right 1 in 2, deterministic
        explicit = i % 2 == 0
        rows.append({"resolution": "explicit" if explicit else "pronoun", "words": float(i % 7)})
        labels.append(i % 20 != 0 if explicit else i % 4 == 1)
    model = fit(rows, labels, version="t", min_count=5)
    assert model.probability({"resolution": "explicit", "words": 3.0}) == pytest.approx(
        0.9, abs=0.03
    )
    assert model.probability({"resolution": "pronoun", "words": 3.0}) == pytest.approx(
        0.5, abs=0.05
    )
    probs = model.probabilities(rows)
    assert expected_calibration_error(probs, labels) < 0.03
    assert log_loss(probs, labels) < log_loss([0.5] * len(rows), labels)


def test_refit_with_a_prior_moves_only_as_far_as_the_evidence() -> None:
    prior = fit([{"k": "a"}, {"k": "b"}] * 50, [True, False] * 50, version="p", min_count=1)
    few = fit([{"k": "b"}] * 3, [True] * 3, version="r", prior=prior, l2=5.0)
    many = fit([{"k": "b"}] * 300, [True] * 300, version="r", prior=prior, l2=5.0)
    before = prior.probability({"k": "b"})
    assert before < few.probability({"k": "b"}) < many.probability({"k": "b"})
    assert many.probability({"k": "b"}) > 0.9


def test_measures_on_known_values() -> None:
    assert expected_calibration_error([0.9] * 10, [True] * 9 + [False]) == pytest.approx(0.0)
    assert expected_calibration_error([0.9] * 10, [True] * 5 + [False] * 5) == pytest.approx(0.4)
    assert reliability([0.05, 0.95, 0.97], [False, True, False]) == [
        (0.05, 0.0, 1),
        (pytest.approx(0.96), 0.5, 2),
    ]
    assert math.isclose(log_loss([0.5], [True]), math.log(2))


def test_ingest_stores_the_features_with_each_quote(database: Database) -> None:
    quotes = list(load_pipeline()(TEXT)._.quotes)
    legacy = dataclasses.replace(quotes[0], start=1, end=13, text=TEXT[1:13], features={})
    assert isinstance(legacy, ExtractedQuote)
    store_extracted(
        database, [(ArticleInput(text=TEXT), [*quotes[1:], legacy])], extractor_version="t"
    )
    with database.readers() as s:
        stored = {
            r[0]: r[1]
            for r in s.execute(
                select(Quote.start, QuoteFeatures.features).outerjoin(
                    QuoteFeatures, QuoteFeatures.quote_id == Quote.id
                )
            )
        }
    assert stored[quotes[1].start] == dict(quotes[1].features)
    with database.readers() as s:
        drivers = s.scalars(select(QuoteFeatures.drivers).order_by(QuoteFeatures.quote_id)).all()
    assert drivers == [shipped_model().drivers(q.features) for q in quotes[1:]]
    assert stored[1] is None  # a quote without features (an older extractor) gets no row


def test_clearly_better_needs_more_than_noise() -> None:
    from quotes.curation.calibration import Decision, clearly_better

    old = fit([{"k": "a"}, {"k": "b"}] * 50, [True, False] * 50, version="o", min_count=1)
    flipped = fit([{"k": "a"}, {"k": "b"}] * 50, [False, True] * 50, version="n", min_count=1)
    held = [Decision(i, {"k": "a" if i % 2 else "b"}, right=i % 2 == 0) for i in range(40)]
    assert clearly_better(flipped, old, held)  # the held-back decisions say b is right
    assert not clearly_better(old, flipped, held)
    assert not clearly_better(old, old, held)  # equal is not better
    assert not clearly_better(flipped, old, held[:1])  # one decision proves nothing
