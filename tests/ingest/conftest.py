"""The spaCy pipeline is loaded once for the whole session: loading it takes seconds."""

from __future__ import annotations

import pytest
from spacy.language import Language

from quotes.ingest import load_nlp


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()
