"""Shared fixtures: the pipeline is loaded once per test session (loading costs ~1 s)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from quotes.extract import ExtractedQuote, load_pipeline
from quotes.extract.config import ExtractorConfig
from quotes.extract.extractor import extract as extract_quotes


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The English pipeline with the quotes component, as the product loads it."""
    return load_pipeline()


@pytest.fixture(scope="session")
def extract(nlp: Language) -> Callable[[str], list[ExtractedQuote]]:
    """Quotes of one text."""

    def run(text: str) -> list[ExtractedQuote]:
        return list(nlp(text)._.quotes)

    return run


@pytest.fixture(scope="session")
def extract_nested(nlp: Language) -> Callable[[str], list[ExtractedQuote]]:
    """Quotes of one text with `nested_reports` on: reports inside other quotes kept too."""
    config = ExtractorConfig(nested_reports=True)

    def run(text: str) -> list[ExtractedQuote]:
        return extract_quotes(nlp(text), config)

    return run


@pytest.fixture(scope="session")
def speaker_of(
    extract: Callable[[str], list[ExtractedQuote]],
) -> Callable[[str, str], str | None]:
    """The speaker's name of the one quote of ``text`` that contains ``words``."""

    def run(text: str, words: str) -> str | None:
        [quote] = [q for q in extract(text) if words in q.text]
        return quote.speaker.name if quote.speaker else None

    return run


# Lemmas of the inflected words hand-built parses use; any other word is its own lemma.
HAND_LEMMAS = {
    "said": "say",
    "says": "say",
    "claims": "claim",
    "responded": "respond",
    "praised": "praise",
    "independents": "independent",
    "voters": "voter",
    "were": "be",
    "rejected": "reject",
    "told": "tell",
    "saying": "say",
    "echoed": "echo",
    "watching": "watch",
    "are": "be",
    "is": "be",
    "was": "be",
}

Row = tuple[str, str, str, str, int, bool]  # word, tag, pos, dep, head index, space after
HandParsed = Callable[[list[Row], list[str]], Doc]


@pytest.fixture(scope="session")
def hand_parsed(nlp: Language) -> HandParsed:
    """A doc with a parse the test fixes, spaces included, so the whole extractor can run on
    a reading the statistical parser happens to give only inside some longer article."""

    def build(rows: list[Row], ents: list[str]) -> Doc:
        return Doc(
            nlp.vocab,
            words=[r[0] for r in rows],
            spaces=[r[5] for r in rows],
            tags=[r[1] for r in rows],
            pos=[r[2] for r in rows],
            deps=[r[3] for r in rows],
            heads=[r[4] for r in rows],
            lemmas=[HAND_LEMMAS.get(r[0].lower(), r[0].lower()) for r in rows],
            ents=ents,
        )

    return build
