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
