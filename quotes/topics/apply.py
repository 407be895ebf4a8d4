"""Running the suggester over stored quotes and writing its suggestions.

Suggestions are the system's, not a curator's: they write no `edits` rows. They never
touch a link a curator made (origin 'curator') or dismissed (origin 'dismissed'), so a
re-run cannot bring back what a curator turned down.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc
from sqlalchemy import exists, insert, select
from sqlalchemy.orm import Session

from quotes.store.database import Database
from quotes.store.models import Article, Quote, QuoteTopic, Topic
from quotes.topics.suggest import Suggestion, TopicSuggester, lemma_pipes
from quotes.topics.taxonomy import TopicSpec


@dataclass
class SuggestSummary:
    articles: int = 0
    quotes: int = 0
    suggestions: int = 0


def load_suggester(session: Session, nlp: Language) -> TopicSuggester:
    topics = session.scalars(select(Topic).order_by(Topic.id)).all()
    specs = [(t.id, TopicSpec.from_rules(t.name, t.description, t.rules)) for t in topics]
    return TopicSuggester(nlp, specs)


def store_suggestions(
    session: Session,
    quote_ids: Sequence[int],
    suggestions: Sequence[list[Suggestion]],
    *,
    new_quotes: bool = False,
) -> int:
    """Upsert suggested links; returns how many were new.

    `new_quotes`: the quotes were inserted in this transaction, so no link of theirs can
    exist yet and none is looked for (ingest, once per batch).
    """
    wanted = {
        (qid, s.topic_id): s.score
        for qid, sugg in zip(quote_ids, suggestions, strict=True)
        for s in sugg
    }
    if not wanted:
        return 0
    existing = (
        {}
        if new_quotes
        else {
            (link.quote_id, link.topic_id): link
            for link in session.scalars(
                select(QuoteTopic).where(QuoteTopic.quote_id.in_(quote_ids))
            )
        }
    )
    new_links: list[dict[str, object]] = []
    for key, score in wanted.items():
        link = existing.get(key)
        if link is None:
            new_links.append(
                {"quote_id": key[0], "topic_id": key[1], "origin": "suggested", "score": score}
            )
        elif link.origin == "suggested" and link.score != score:
            link.score = score
    if new_links:
        # One executemany, not an ORM object and flush per link.
        session.execute(insert(QuoteTopic), new_links)
    return len(new_links)


def suggest_for_doc(
    session: Session, suggester: TopicSuggester, doc: Doc, quotes: Sequence[tuple[int, int, int]]
) -> int:
    """Suggest for (quote_id, start, end) quotes of an article whose parsed doc is at hand."""
    if not suggester or not quotes:
        return 0
    suggestions = suggester.suggest(doc, [(s, e) for _, s, e in quotes])
    return store_suggestions(session, [q for q, _, _ in quotes], suggestions)


def _article_batches(session: Session, all_quotes: bool, batch: int) -> Iterator[list[int]]:
    stmt = select(Article.id).where(exists().where(Quote.article_id == Article.id))
    if not all_quotes:
        untagged = ~exists().where(QuoteTopic.quote_id == Quote.id)
        stmt = select(Quote.article_id).where(untagged).distinct()
    ids = list(session.scalars(stmt.order_by(stmt.selected_columns[0])))
    for i in range(0, len(ids), batch):
        yield ids[i : i + batch]


def suggest_topics(
    database: Database, nlp: Language, *, all_quotes: bool = False, batch_size: int = 16
) -> SuggestSummary:
    """Suggest topics for quotes with no topic yet (or for every quote with `all_quotes`)."""
    summary = SuggestSummary()
    with database.sessions() as session:
        suggester = load_suggester(session, nlp)
        batches = list(_article_batches(session, all_quotes, batch_size))
    if not suggester:
        return summary
    for article_ids in batches:
        # Read, then parse with no transaction open, then write briefly: the NLP must not
        # hold SQLite's write lock while curators are saving decisions.
        with database.sessions() as session:
            work = []
            for article in session.scalars(select(Article).where(Article.id.in_(article_ids))):
                stmt = select(Quote.id, Quote.start, Quote.end).where(
                    Quote.article_id == article.id
                )
                if not all_quotes:
                    stmt = stmt.where(~exists().where(QuoteTopic.quote_id == Quote.id))
                quotes = [(r[0], r[1], r[2]) for r in session.execute(stmt.order_by(Quote.start))]
                work.append((article.text, quotes))
        with nlp.select_pipes(disable=lemma_pipes(nlp)):
            docs = list(nlp.pipe((text for text, _ in work), batch_size=batch_size))
        with database.sessions.begin() as session:
            for (_, quotes), doc in zip(work, docs, strict=True):
                summary.articles += 1
                summary.quotes += len(quotes)
                summary.suggestions += suggest_for_doc(session, suggester, doc, quotes)
    return summary
