"""spaCy component that attaches extracted quotes to ``doc._.quotes``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


class QuoteExtractor:
    """Placeholder; replaced by the real extractor."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = []
        return doc


@Language.factory("quotes", default_config={})
def make_quote_extractor(nlp: Language, name: str) -> QuoteExtractor:
    """Factory registered under the ``spacy_factories`` entry point."""
    return QuoteExtractor()
