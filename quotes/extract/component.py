"""The spaCy component: `nlp.add_pipe("quotes")` puts the article's quotes on `doc._.quotes`.

Registered through the `spacy_factories` entry point, so any pipeline can add it by name, with
every option of `ExtractorConfig` settable from the pipeline config. `requires` names what the
rules read, so `nlp.analyze_pipes()` shows a missing lemmatizer, parser or NER.

`nlp.pipe(n_process=2)` ships docs between processes as msgpack, which knows nothing of our
dataclasses; the encoder/decoder pair registered here turns them into plain dicts and back.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from dataclasses import asdict
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from .config import DEFAULT_CONFIG, ExtractorConfig
from .cues import Lexicon
from .extractor import extract
from .scoring import METRICS, ScoreFn
from .types import ExtractedQuote, Speaker

_QUOTE_KEY = "__quotes.ExtractedQuote__"
_SPEAKER_KEY = "__quotes.Speaker__"


def _encode(obj: Any, chain: Any = None) -> Any:
    """msgpack encoder: our frozen dataclasses as tagged dicts."""
    if isinstance(obj, ExtractedQuote):
        data = {f: getattr(obj, f) for f in ExtractedQuote.__slots__}
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
            data["drivers"] = tuple(data.get("drivers") or ())
            return ExtractedQuote(**data)
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("quotes_extract", func=_encode)
srsly.msgpack_decoders.register("quotes_extract", func=_decode)

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)

# What the rules read, as spaCy names it, and so what a component before this one must assign:
# lemmas and fine tags for cues, the dependency parse (heads, labels, sentences) for cues,
# subjects and clauses, entities (IOB and type) for names.
REQUIRES = [
    "token.lemma",
    "token.tag",
    "token.dep",
    "token.head",
    "token.is_sent_start",
    "doc.sents",
    "doc.ents",
    "token.ent_iob",
    "token.ent_type",
]
# The rules also read coarse POS, which the English pipelines set in their attribute_ruler
# without declaring it: requiring "token.pos" would make analyze_pipes flag every stock
# pipeline. The component checks the annotation on the docs it gets instead.
CHECKED_ANNOTATIONS: dict[str, str] = {
    "POS": "an attribute_ruler or morphologizer (token.pos)",
    "TAG": "a tagger (token.tag)",
    "LEMMA": "a lemmatizer (token.lemma)",
    "DEP": "a parser (token.dep)",
    "ENT_IOB": "an entity recognizer (doc.ents)",
}


class MissingAnnotationWarning(UserWarning):
    """A doc reached the component without an annotation the rules need: quotes will be missed."""


def _default_options() -> dict[str, Any]:
    """The factory's default config, read off `DEFAULT_CONFIG` so the two cannot drift."""
    cfg = DEFAULT_CONFIG
    lex = cfg.lexicon
    return {
        "reporting_verbs": sorted(lex.reporting),
        "direct_only_verbs": sorted(lex.direct_only),
        "characterising_verbs": sorted(lex.characterising),
        "infinitive_verbs": sorted(lex.infinitive),
        "phrasal_cues": {verb: sorted(parts) for verb, parts in sorted(lex.phrasal.items())},
        "object_cues": {verb: sorted(preps) for verb, preps in sorted(lex.objects.items())},
        "speech_act_nouns": sorted(lex.speech_acts),
        "object_verbs": sorted(lex.np_object),
        "min_indirect_words": cfg.min_indirect_words,
        "mixed_min_outside_words": cfg.mixed_min_outside_words,
        "min_embedded_words": cfg.min_embedded_words,
        "confidence": dict(cfg.confidence),
        "reported_speech_factor": cfg.reported_speech_factor,
        "extract_indirect": cfg.extract_indirect,
        "nested_reports": cfg.nested_reports,
        "scorer": {"@scorers": "quotes.scorer.v1"},
    }


class QuoteExtractor:
    """Reads the doc's parse and entities, writes `doc._.quotes`; holds only its settings."""

    def __init__(
        self,
        nlp: Language,
        name: str = "quotes",
        config: ExtractorConfig = DEFAULT_CONFIG,
        scorer: ScoreFn | None = None,
    ) -> None:
        self.name = name
        self.config = config
        self.scorer = scorer
        self._warned: set[str] = set()

    def __call__(self, doc: Doc) -> Doc:
        self._check_annotations(doc)
        doc._.quotes = extract(doc, self.config)
        return doc

    def _check_annotations(self, doc: Doc) -> None:
        """Warn once per missing annotation: without it the rules run but find far fewer
        quotes, which no error would otherwise reveal."""
        if not len(doc):
            return
        for attr, source in CHECKED_ANNOTATIONS.items():
            if attr in self._warned or doc.has_annotation(attr):
                continue
            self._warned.add(attr)
            warnings.warn(
                f"the {self.name!r} component got a doc without {attr} annotation; put "
                f"{source} before it in the pipeline, or quotes will be missed",
                MissingAnnotationWarning,
                stacklevel=2,
            )

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        """Quote and speaker precision/recall/F for `nlp.evaluate` (see `scoring`)."""
        if self.scorer is None:
            return {}
        return self.scorer(examples, **kwargs)


@Language.factory(
    "quotes",
    default_config=_default_options(),
    requires=REQUIRES,
    assigns=["doc._.quotes"],
    default_score_weights={
        "quotes_f": 0.5,
        "quotes_speaker_f": 0.5,
        **{key: 0.0 for key in METRICS if key not in ("quotes_f", "quotes_speaker_f")},
    },
)
def make_quote_extractor(
    nlp: Language,
    name: str,
    reporting_verbs: list[str],
    direct_only_verbs: list[str],
    characterising_verbs: list[str],
    infinitive_verbs: list[str],
    phrasal_cues: Mapping[str, list[str]],
    object_cues: Mapping[str, list[str]],
    speech_act_nouns: list[str],
    object_verbs: list[str],
    min_indirect_words: int,
    mixed_min_outside_words: int,
    min_embedded_words: int,
    confidence: Mapping[str, float],
    reported_speech_factor: float,
    extract_indirect: bool,
    nested_reports: bool,
    scorer: ScoreFn | None,
) -> QuoteExtractor:
    """Factory behind `nlp.add_pipe("quotes", config={...})` and the entry point; raises
    ValueError naming the option when a value makes no sense."""
    lexicon = Lexicon.of(
        reporting=reporting_verbs,
        direct_only=direct_only_verbs,
        characterising=characterising_verbs,
        infinitive=infinitive_verbs,
        phrasal=phrasal_cues,
        objects=object_cues,
        speech_acts=speech_act_nouns,
        np_object=object_verbs,
    )
    config = ExtractorConfig(
        lexicon=lexicon,
        min_indirect_words=min_indirect_words,
        mixed_min_outside_words=mixed_min_outside_words,
        min_embedded_words=min_embedded_words,
        confidence=dict(confidence),
        reported_speech_factor=reported_speech_factor,
        extract_indirect=extract_indirect,
        nested_reports=nested_reports,
    )
    return QuoteExtractor(nlp, name, config, scorer)
