"""Shared fixtures: the pipeline is loaded once per test session (loading costs ~1 s)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from quotes.extract import ExtractedQuote, load_pipeline


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
def speaker_of(
    extract: Callable[[str], list[ExtractedQuote]],
) -> Callable[[str, str], str | None]:
    """The speaker's name of the one quote of ``text`` that contains ``words``."""

    def run(text: str, words: str) -> str | None:
        [quote] = [q for q in extract(text) if words in q.text]
        return quote.speaker.name if quote.speaker else None

    return run
