"""The spaCy component: `nlp.add_pipe("quotes")` puts the article's quotes on `doc._.quotes`.

Registered through the `spacy_factories` entry point, so any pipeline can add it by name.
`nlp.pipe(n_process=2)` ships docs between processes as msgpack, which knows nothing of our
dataclasses; the encoder/decoder pair registered here turns them into plain dicts and back.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from .extractor import extract
from .types import ExtractedQuote, Speaker

_QUOTE_KEY = "__quotes.ExtractedQuote__"
_SPEAKER_KEY = "__quotes.Speaker__"


def _encode(obj: Any, chain: Any = None) -> Any:
    """msgpack encoder: our frozen dataclasses as tagged dicts."""
    if isinstance(obj, ExtractedQuote):
        data = {f: getattr(obj, f) for f in ExtractedQuote.__slots__}  # type: ignore[attr-defined]
        return {_QUOTE_KEY: data}
    if isinstance(obj, Speaker):
        return {_SPEAKER_KEY: asdict(obj)}
    return obj if chain is None else chain(obj)


def _decode(obj: Any, chain: Any = None) -> Any:
    """msgpack decoder: tagged dicts back into dataclasses (tuples restored from lists)."""
    if isinstance(obj, dict):
        if _SPEAKER_KEY in obj:
            data = dict(obj[_SPEAKER_KEY])
            data["aliases"] = tuple(data.get("aliases") or ())
            return Speaker(**data)
        if _QUOTE_KEY in obj:
            data = dict(obj[_QUOTE_KEY])
            data["notes"] = tuple(data.get("notes") or ())
            return ExtractedQuote(**data)
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("quotes_extract", func=_encode)
srsly.msgpack_decoders.register("quotes_extract", func=_decode)

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


class QuoteExtractor:
    """Stateless pipe: reads the doc's parse and entities, writes `doc._.quotes`."""

    def __init__(self, nlp: Language, name: str = "quotes") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = extract(doc)
        return doc


@Language.factory(
    "quotes", default_config={}, requires=["token.dep", "doc.ents"], assigns=["doc._.quotes"]
)
def make_quote_extractor(nlp: Language, name: str) -> QuoteExtractor:
    """Factory behind `nlp.add_pipe("quotes")` and the `spacy_factories` entry point."""
    return QuoteExtractor(nlp, name)
