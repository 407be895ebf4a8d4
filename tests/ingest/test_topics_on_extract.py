"""Topics are suggested while extracting, from the same parse (issue: topics on extraction)."""

from __future__ import annotations

from spacy.language import Language
from sqlalchemy import select

from quotes.curation import CurationService
from quotes.ingest import ingest_texts
from quotes.store.database import Database
from quotes.store.models import Quote, QuoteTopic, Topic

TEXT = (
    'The minister said new sanctions would follow. "We will impose an embargo," she said.\n'
    '"The weather is fine," the spokesman added.\n'
)


def test_new_quotes_get_suggested_topics(database: Database, nlp: Language) -> None:
    CurationService(database, "alice").create_topic(
        "Sanctions", rules={"keywords": ["sanction", "embargo"]}
    )
    summary = ingest_texts(database, [TEXT], nlp=nlp)
    assert summary.quotes_added >= 2
    with database.readers() as s:
        tagged = s.execute(
            select(Quote.text, Topic.name, QuoteTopic.origin)
            .join(QuoteTopic, QuoteTopic.quote_id == Quote.id)
            .join(Topic, Topic.id == QuoteTopic.topic_id)
        ).all()
    texts = {text for text, _, _ in tagged}
    assert any("embargo" in t for t in texts)
    assert all(origin == "suggested" and name == "Sanctions" for _, name, origin in tagged)
    assert not any("weather" in t for t in texts)


def test_no_topics_no_suggestions(database: Database, nlp: Language) -> None:
    ingest_texts(database, [TEXT], nlp=nlp)
    with database.readers() as s:
        assert s.scalars(select(QuoteTopic)).all() == []
