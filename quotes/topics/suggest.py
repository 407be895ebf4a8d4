"""Topic suggestions from a quote's own words and its article's context.

Rules come from the topics table and are compiled into spaCy PhraseMatchers: keywords and
phrases match by lemma ("sanction" finds "sanctions"), entities by lowercased form. A hit
inside the quote counts most; hits elsewhere in the article add context, so a quote about
"the talks" in an article full of "NATO-Russia Council" still lands under that topic.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from quotes.topics.taxonomy import TopicSpec

QUOTE_HIT = 0.5
# A quote with no rule hit of its own inherits the article's main topic, at this score,
# when that topic holds at least CONTEXT_SHARE of the article's hits and CONTEXT_MIN of them.
CONTEXT_SCORE = 0.4
CONTEXT_SHARE = 0.25
CONTEXT_MIN = 3
THRESHOLD = 0.4
# The pipes that produce lemmas; parsing and NER are not needed to match topic rules.
LEMMA_PIPES = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")


@dataclass(frozen=True)
class Suggestion:
    topic_id: int
    score: float


def lemma_pipes(nlp: Language) -> list[str]:
    return [p for p in nlp.pipe_names if p not in LEMMA_PIPES]


class TopicSuggester:
    def __init__(self, nlp: Language, topics: Sequence[tuple[int, TopicSpec]]) -> None:
        self.nlp = nlp
        self.lemma_matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.lower_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.topic_ids: list[int] = []
        with nlp.select_pipes(disable=lemma_pipes(nlp)):
            for topic_id, spec in topics:
                key = str(topic_id)
                self.topic_ids.append(topic_id)
                terms = [*spec.keywords, *spec.phrases]
                if terms:
                    self.lemma_matcher.add(key, list(nlp.pipe(terms)))
                # Entities and the topic's own name match as written, any case.
                names = [*spec.entities, spec.name]
                self.lower_matcher.add(key, [nlp.make_doc(n) for n in names])

    def __bool__(self) -> bool:
        return bool(self.topic_ids)

    def _hits(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(topic_id, start_char, end_char) of every rule match in the doc."""
        seen: set[tuple[int, int, int]] = set()
        for matcher in (self.lemma_matcher, self.lower_matcher):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                seen.add((int(self.nlp.vocab.strings[match_id]), span.start_char, span.end_char))
        return sorted(seen, key=lambda h: h[1])

    def suggest(self, doc: Doc, spans: Iterable[tuple[int, int]]) -> list[list[Suggestion]]:
        """For each quote span (char offsets in `doc`), the topics that pass the threshold."""
        hits = self._hits(doc)
        context = Counter(topic for topic, _, _ in hits)
        main_topics = [
            t
            for t, n in context.most_common(2)
            if n >= CONTEXT_MIN and n >= CONTEXT_SHARE * len(hits)
        ][:1]
        out: list[list[Suggestion]] = []
        for start, end in spans:
            inside = Counter(t for t, s, e in hits if s >= start and e <= end)
            found = [
                Suggestion(t, round(min(QUOTE_HIT * n, 1.0), 3))
                for t, n in inside.items()
                if QUOTE_HIT * n >= THRESHOLD
            ]
            if not found:
                found = [Suggestion(t, CONTEXT_SCORE) for t in main_topics]
            out.append(sorted(found, key=lambda s: (-s.score, s.topic_id)))
        return out
