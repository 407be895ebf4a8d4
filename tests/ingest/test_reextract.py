"""Re-extraction never changes a quote a curator has touched."""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from sqlalchemy import select, update

import quotes.extract.component  # noqa: F401  (registers doc._.quotes)
from quotes.ingest import ArticleInput, store_extracted
from quotes.ingest.pipeline import current_extractor_version, ingest_texts, reextract_articles
from quotes.ingest.store import reextract_stored
from quotes.store.database import Database
from quotes.store.models import Article, Edit, Quote, QuoteTopic, Topic
from tests.ingest.helpers import ARTICLE_1, LAVROV, STOLTENBERG, quote

VERIFIED = "We stand ready,"
EDITED = "Dialogue is not a sign of weakness."
UNTOUCHED = "Moscow wanted guarantees"
TAGGED = "the alliance was ready to talk"
# The component the race test runs; a list so the registered function can be re-pointed.
RACE: list[Callable[[Doc], Doc]] = []


def quote_rows(database: Database) -> dict[str, tuple[int, int, str, float]]:
    with database.sessions() as s:
        return {q.text: (q.id, q.version, q.status, q.confidence) for q in s.scalars(select(Quote))}


def seed(database: Database) -> dict[str, tuple[int, int, str, float]]:
    store_extracted(
        database,
        [
            (
                ArticleInput(text=ARTICLE_1),
                [
                    quote(ARTICLE_1, VERIFIED, STOLTENBERG),
                    quote(ARTICLE_1, EDITED, STOLTENBERG),
                    quote(ARTICLE_1, UNTOUCHED, LAVROV, type="indirect"),
                    quote(ARTICLE_1, TAGGED, STOLTENBERG, type="indirect"),
                ],
            )
        ],
        extractor_version="old",
    )
    rows = quote_rows(database)
    with database.sessions.begin() as s:
        s.execute(
            update(Quote)
            .where(Quote.id == rows[VERIFIED][0])
            .values(status="verified", verified_by="tester", version=Quote.version + 1)
        )
        # A span edit that happens to leave the status unverified still counts as curated.
        s.add(
            Edit(
                group_id="g1",
                entity="quote",
                entity_id=rows[EDITED][0],
                action="edit_span",
                before={},
                after={},
                curator="tester",
            )
        )
        topic = Topic(name="Dialogue")
        s.add(topic)
        s.flush()
        s.add(QuoteTopic(quote_id=rows[TAGGED][0], topic_id=topic.id, origin="curator"))
    return quote_rows(database)


def test_curated_quotes_survive_and_untouched_ones_are_replaced(database: Database) -> None:
    before = seed(database)
    article_id = 1
    new = [
        # Overlaps the verified quote: dropped, the curator's span stands.
        quote(ARTICLE_1, '"We stand ready," Stoltenberg said.', STOLTENBERG, confidence=0.99),
        # Replaces the untouched quote with a different span and confidence.
        quote(ARTICLE_1, "Moscow wanted guarantees.", LAVROV, type="indirect", confidence=0.3),
        # Same span as the edited quote: dropped.
        quote(ARTICLE_1, EDITED, STOLTENBERG, confidence=0.1),
    ]
    with database.sessions.begin() as s:
        summary = reextract_stored(s, [(article_id, new)], extractor_version="new")
    assert summary.articles_reextracted == 1
    assert (summary.quotes_kept, summary.quotes_removed) == (3, 1)
    assert (summary.quotes_added, summary.quotes_dropped) == (1, 2)
    after = quote_rows(database)
    for text in (VERIFIED, EDITED, TAGGED):
        assert after[text] == before[text]  # same id, version, status and confidence
    assert UNTOUCHED not in after
    assert after["Moscow wanted guarantees."][3] == 0.3
    with database.sessions() as s:
        assert s.scalar(select(Article.extractor_version)) == "new"
        new_row = s.scalars(select(Quote).where(Quote.text == "Moscow wanted guarantees.")).one()
        assert new_row.extractor_version == "new"
        assert new_row.status == "unverified"


def test_rejected_quote_is_kept_too(database: Database) -> None:
    store_extracted(
        database,
        [(ArticleInput(text=ARTICLE_1), [quote(ARTICLE_1, UNTOUCHED, LAVROV, type="indirect")])],
        extractor_version="old",
    )
    with database.sessions.begin() as s:
        s.execute(update(Quote).values(status="rejected"))
    with database.sessions.begin() as s:
        summary = reextract_stored(
            s, [(1, [quote(ARTICLE_1, UNTOUCHED, LAVROV, type="indirect")])], extractor_version="n"
        )
    assert (summary.quotes_kept, summary.quotes_added, summary.quotes_dropped) == (1, 0, 1)
    [(_id, _version, status, _confidence)] = quote_rows(database).values()
    assert status == "rejected"


def test_reextract_with_the_real_pipeline(database: Database, nlp: Language) -> None:
    ingest_texts(database, [(ARTICLE_1, {"source": "a.txt"})], nlp=nlp)
    with database.sessions.begin() as s:
        first = s.scalars(select(Quote).order_by(Quote.start)).first()
        assert first is not None, "the extractor found no quote in the sample article"
        first.status = "verified"
        kept = (first.id, first.text, first.start, first.end)
        s.execute(update(Article).values(extractor_version="0.0.old"))
    total = len(quote_rows(database))

    summary = reextract_articles(database, nlp=nlp)
    assert summary.articles_reextracted == 1
    assert summary.quotes_kept == 1
    assert summary.quotes_removed == total - 1
    with database.sessions() as s:
        q = s.get(Quote, kept[0])
        assert q is not None
        assert (q.id, q.text, q.start, q.end, q.status) == (*kept, "verified")
        assert s.scalar(select(Article.extractor_version)) == current_extractor_version()

    # The stored version is current now: nothing to do without --force.
    assert reextract_articles(database, nlp=nlp).articles_reextracted == 0
    forced = reextract_articles(database, nlp=nlp, force=True)
    assert forced.articles_reextracted == 1
    assert forced.quotes_kept == 1


def test_a_verification_made_while_the_nlp_runs_is_respected(database: Database) -> None:
    """The curator verifies a quote after re-extraction read the article, before it writes."""
    store_extracted(
        database,
        [
            (
                ArticleInput(text=ARTICLE_1),
                [quote(ARTICLE_1, VERIFIED, STOLTENBERG), quote(ARTICLE_1, UNTOUCHED, LAVROV)],
            )
        ],
        extractor_version="old",
    )
    target = quote_rows(database)[VERIFIED][0]

    def curator_verifies_during_parse(doc: Doc) -> Doc:
        with database.sessions.begin() as s:
            s.execute(update(Quote).where(Quote.id == target).values(status="verified"))
        doc._.quotes = [quote(doc.text, VERIFIED, STOLTENBERG), quote(doc.text, UNTOUCHED, LAVROV)]
        return doc

    nlp = spacy.blank("en")
    name = "race_curator_for_test"
    if name not in Language.factories:
        Language.component(name, func=lambda doc: RACE[0](doc))
    RACE[:] = [curator_verifies_during_parse]
    nlp.add_pipe(name)

    summary = reextract_articles(database, nlp=nlp)
    assert (summary.quotes_kept, summary.quotes_removed, summary.quotes_added) == (1, 1, 1)
    after = quote_rows(database)
    assert after[VERIFIED][0] == target
    assert after[VERIFIED][2] == "verified"
