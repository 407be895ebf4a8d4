"""Writing extraction results: new articles with their quotes, and re-extraction.

Everything here runs inside a write transaction the caller opened (`sessions.begin()`, which
on SQLite is BEGIN IMMEDIATE), so decisions are made on what is in the database at that
moment, not on what was read before the NLP ran. Each article is stored with all its quotes
or not at all, and one bad article does not cost the rest of its batch: a batch is first
written without savepoints (they cost storing a tenth of its time) and, should an article
fail, rolled back and written again with one savepoint per article (`ArticleNotStored`).

The work is set-based where the rules allow it, so storing does not cost a few statements
per quote: the batch's speakers are looked up together (`SpeakerLinker.prepare`), the
batch's articles, quotes, features and suggestions go in with one executemany per table,
and its new quotes are grouped into statements in one pass (`statements.batch`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import or_, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from quotes.extract.calibration import shipped_model
from quotes.extract.types import ExtractedQuote
from quotes.ingest.speakers import SpeakerLinker
from quotes.ingest.types import ArticleInput, IngestSummary, InputProblem
from quotes.statements.batch import assign_new_quotes
from quotes.statements.grouping import QuoteText, group_article_quotes
from quotes.store.bulk import insert_many, insert_rows
from quotes.store.models import (
    QUOTE_TYPES,
    Article,
    Edit,
    Quote,
    QuoteFeatures,
    QuoteTopic,
    utcnow,
)
from quotes.topics.apply import store_suggestions
from quotes.topics.suggest import Suggestion

log = logging.getLogger(__name__)

# Edits on these entities are a curator's work on the quote whose id they carry
# (a quote_topic edit records the quote's id).
_QUOTE_EDIT_ENTITIES = ("quote", "quote_topic")


@dataclass(slots=True)
class Extracted:
    """An article and what the extractor found in it, ready to be written."""

    article: ArticleInput
    quotes: Sequence[ExtractedQuote]
    content_hash: str = field(default="")
    # Suggested topics per quote, aligned with `quotes` (empty: none computed).
    topics: Sequence[Sequence[Suggestion]] = field(default=())

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = self.article.content_hash


def existing_hashes(session: Session, hashes: Sequence[str]) -> dict[str, int]:
    """content_hash -> article id for those of `hashes` already stored."""
    found: dict[str, int] = {}
    for i in range(0, len(hashes), 500):  # stay under SQLite's bound-parameter limit
        chunk = list(hashes[i : i + 500])
        rows = session.execute(
            select(Article.content_hash, Article.id).where(Article.content_hash.in_(chunk))
        )
        found.update({h: article_id for h, article_id in rows})
    return found


# Any fixed number: the key of the PostgreSQL advisory lock ingest writers share.
INGEST_LOCK_KEY = 0x71756F746573


def serialize_writers(session: Session) -> None:
    """Let one ingest batch write at a time, as SQLite's BEGIN IMMEDIATE already does.

    On PostgreSQL two `--shard` workers could otherwise both find no row for a new speaker
    and both create one. The lock is held to the end of the transaction: a batch's writes,
    not its NLP, so workers still parse in parallel.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": INGEST_LOCK_KEY})


class ArticleNotStored(Exception):
    """An article failed in a batch written without savepoints (`isolate=False`): the caller
    rolls the transaction back and writes the batch again with them, so the rest is kept."""


def store_new_articles(
    session: Session,
    items: Sequence[Extracted],
    *,
    extractor_version: str | None,
    isolate: bool = True,
) -> IngestSummary:
    """Insert articles not yet stored, each with its quotes; already-stored ones are unchanged.

    `isolate`: each article in its own savepoint, a failed one reported and skipped. Without
    it the batch is written set-based, each table's rows in one statement, and a failure
    raises `ArticleNotStored`, leaving the transaction to be rolled back. Both give the same
    rows, ids included: the same rows made in the same order.
    """
    serialize_writers(session)
    linker = SpeakerLinker(session)
    stored = existing_hashes(session, [item.content_hash for item in items])
    linker.prepare(
        q.speaker
        for item in items
        if item.content_hash not in stored
        for q in item.quotes
        if q.speaker is not None
    )
    if isolate:
        summary, new_quotes = _store_one_by_one(session, items, stored, linker, extractor_version)
    else:
        try:
            summary, new_quotes = _store_together(session, items, stored, linker, extractor_version)
        except OperationalError:
            raise  # the database itself (locked, full, gone): not an article's fault
        except Exception as exc:
            raise ArticleNotStored(_first_line(exc)) from exc
    # Copies of one statement across articles; in quote id order, as article by article.
    group_new_quotes(session, new_quotes)
    summary.speakers_created = linker.created
    return summary


def _store_together(
    session: Session,
    items: Sequence[Extracted],
    stored: dict[str, int],
    linker: SpeakerLinker,
    extractor_version: str | None,
) -> tuple[IngestSummary, list[QuoteText]]:
    """The batch's articles, then their speakers, quotes, features and suggestions, one
    statement per table: per-article statements and savepoints were most of storing's cost."""
    summary = IngestSummary()
    fresh: list[Extracted] = []
    seen = set(stored)
    for item in items:
        if item.content_hash in seen:  # stored before, or twice in this batch
            summary.articles_unchanged += 1
            continue
        seen.add(item.content_hash)
        fresh.append(item)
    article_ids = insert_rows(
        session, Article, [_article_row(item, extractor_version) for item in fresh]
    )
    parts: list[_QuoteRows] = []
    for article_id, item in zip(article_ids, fresh, strict=True):
        part = _new_article_rows(article_id, item, linker, extractor_version)
        parts.append(part)
        summary.articles_new += 1
        summary.quotes_added += len(part.rows)
        summary.quotes_dropped += part.dropped
    session.flush()  # the linker's pending speakers and aliases, before the quotes naming them
    return summary, _write_quote_rows(session, parts, new_quotes=True)


def _store_one_by_one(
    session: Session,
    items: Sequence[Extracted],
    stored: dict[str, int],
    linker: SpeakerLinker,
    extractor_version: str | None,
) -> tuple[IngestSummary, list[QuoteText]]:
    """Each article in its own savepoint: a failed one is reported, the rest are stored."""
    summary = IngestSummary()
    new_quotes: list[QuoteText] = []
    for item in items:
        if item.content_hash in stored:
            summary.articles_unchanged += 1
            continue
        created_before = linker.created
        try:
            with session.begin_nested():
                [article_id] = insert_rows(
                    session, Article, [_article_row(item, extractor_version)]
                )
                part = _new_article_rows(article_id, item, linker, extractor_version)
                session.flush()  # the linker's pending rows, inside the article's savepoint
                inserted = _write_quote_rows(session, [part], new_quotes=True)
        except OperationalError:
            raise  # the database itself (locked, full, gone): not this article's fault
        except Exception as exc:
            linker.rolled_back(created_before)
            if existing_hashes(session, [item.content_hash]):
                # Another process stored the same text meanwhile (PostgreSQL lets two
                # ingest runs write at once): that is the no-op it would have been.
                summary.articles_unchanged += 1
                continue
            log.debug("storing %s failed", item.article.source, exc_info=True)
            summary.articles_failed += 1
            summary.problems.append(
                InputProblem(item.article.source, f"not stored: {_first_line(exc)}")
            )
            continue
        stored[item.content_hash] = article_id
        new_quotes.extend(inserted)
        summary.articles_new += 1
        summary.quotes_added += len(part.rows)
        summary.quotes_dropped += part.dropped
    return summary, new_quotes


def _new_article_rows(
    article_id: int, item: Extracted, linker: SpeakerLinker, extractor_version: str | None
) -> _QuoteRows:
    return _quote_rows(
        article_id,
        item.article.text,
        item.quotes,
        linker,
        extractor_version,
        protected=(),
        topics=item.topics,
    )


# The one call that groups a batch's new quotes (`bench/statements.py` swaps it out to
# measure ingest without grouping).
group_new_quotes = assign_new_quotes


def _article_row(item: Extracted, extractor_version: str | None) -> dict[str, object]:
    a = item.article
    return {
        "content_hash": item.content_hash,
        "source": a.url or a.source,
        "title": a.title,
        "outlet": a.outlet[:200] if a.outlet else None,
        "author": a.author[:300] if a.author else None,
        "published": a.published,
        "language": a.language or "en",
        "text": a.text,
        "extractor_version": extractor_version,
        "ingested_at": utcnow(),
    }


def valid_span(text: str, quote: ExtractedQuote) -> bool:
    """Offsets inside the text, and the quote's text is what they point at."""
    return (
        0 <= quote.start < quote.end <= len(text)
        and text[quote.start : quote.end] == quote.text
        and quote.type in QUOTE_TYPES
    )


@dataclass(slots=True)
class _QuoteRows:
    """One article's quote rows, ready to insert, and what they came from."""

    rows: list[dict[str, object]]
    kept: list[int]  # index into `quotes` of each row
    quotes: Sequence[ExtractedQuote]
    topics: Sequence[Sequence[Suggestion]]
    dropped: int


def _insert_reextracted(session: Session, article_id: int, part: _QuoteRows) -> None:
    """A re-extracted article's quote rows, grouped with any of its quotes left ungrouped."""
    session.flush()  # the linker's pending rows, inside the article's savepoint
    _write_quote_rows(session, [part], new_quotes=False)
    group_article_quotes(session, article_id)


def _quote_rows(
    article_id: int,
    text: str,
    quotes: Sequence[ExtractedQuote],
    linker: SpeakerLinker,
    extractor_version: str | None,
    *,
    protected: Sequence[tuple[int, int]],
    topics: Sequence[Sequence[Suggestion]],
) -> _QuoteRows:
    """The article's valid quotes as rows, their speakers linked (rows made as needed).

    Speakers are linked for all the quotes before any quote goes in: a quote row pending in
    the session would be flushed on its own by the linker's next query.
    """
    dropped = 0
    now = utcnow()
    rows: list[dict[str, object]] = []
    kept: list[int] = []
    linker.begin_article(text)
    for n, q in enumerate(quotes):
        overlaps = any(q.start < end and start < q.end for start, end in protected)
        if overlaps or not valid_span(text, q):
            dropped += 1
            continue
        speaker_id = linker.link(q.speaker, q.mention) if q.speaker is not None else None
        mention_ok = (
            q.mention_start is not None
            and q.mention_end is not None
            and 0 <= q.mention_start < q.mention_end <= len(text)
        )
        rows.append(
            {
                "article_id": article_id,
                "text": q.text,
                "start": q.start,
                "end": q.end,
                "type": q.type,
                "cue": q.cue[:100] if q.cue else None,
                "speaker_id": speaker_id,
                "mention": q.mention[:300] if q.mention else None,
                "mention_start": q.mention_start if mention_ok else None,
                "mention_end": q.mention_end if mention_ok else None,
                "confidence": min(1.0, max(0.0, float(q.confidence))),
                "status": "unverified",
                "extractor_version": extractor_version,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
        kept.append(n)
    return _QuoteRows(rows, kept, quotes, topics, dropped)


def _write_quote_rows(
    session: Session, parts: Sequence[_QuoteRows], *, new_quotes: bool
) -> list[QuoteText]:
    """Insert the quotes of `parts` (one or more articles, in order) with their features and
    topic suggestions, one statement per table; returns the rows added."""
    rows = [row for part in parts for row in part.rows]
    if not rows:
        return []
    ids = iter(insert_rows(session, Quote, rows))
    model = shipped_model()
    featured: list[dict[str, object]] = []
    suggested_ids: list[int] = []
    suggested: list[list[Suggestion]] = []
    inserted: list[QuoteText] = []
    for part in parts:
        for n, row in zip(part.kept, part.rows, strict=True):
            qid = next(ids)
            q = part.quotes[n]
            if q.features:
                # The extractor's own drivers when it gave them (same model, same encoding
                # as the confidence); quotes made elsewhere with features get them here.
                drivers = list(q.drivers) or model.drivers(q.features)
                featured.append({"quote_id": qid, "features": dict(q.features), "drivers": drivers})
            if n < len(part.topics) and part.topics[n]:
                suggested_ids.append(qid)
                suggested.append(list(part.topics[n]))
            inserted.append(QuoteText(qid, str(row["text"]), str(row["type"])))
    insert_many(session, QuoteFeatures, featured)
    if suggested:
        store_suggestions(session, suggested_ids, suggested, new_quotes=new_quotes)
    return inserted


def curated_quote_ids(session: Session, quote_ids: Sequence[int]) -> set[int]:
    """The quotes among `quote_ids` a curator has touched and re-extraction must not change.

    Touched means: decided (status other than unverified), edited in any way (an `edits` row,
    including topic changes), or given a topic by a curator or with a dismissed suggestion.
    """
    if not quote_ids:
        return set()
    ids = list(quote_ids)
    touched: set[int] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        touched.update(
            session.scalars(
                select(Quote.id).where(Quote.id.in_(chunk), Quote.status != "unverified")
            )
        )
        touched.update(
            session.scalars(
                select(Edit.entity_id).where(
                    Edit.entity.in_(_QUOTE_EDIT_ENTITIES), Edit.entity_id.in_(chunk)
                )
            )
        )
        touched.update(
            session.scalars(
                select(QuoteTopic.quote_id).where(
                    QuoteTopic.quote_id.in_(chunk),
                    or_(QuoteTopic.origin == "curator", QuoteTopic.origin == "dismissed"),
                )
            )
        )
    return touched


def replace_quotes(
    session: Session,
    article_id: int,
    quotes: Sequence[ExtractedQuote],
    *,
    extractor_version: str | None,
    linker: SpeakerLinker,
) -> IngestSummary:
    """Re-extraction of one stored article, in the caller's write transaction.

    Curated quotes are left exactly as they are; untouched ones are deleted and the new
    extraction is inserted, except where it overlaps a curated quote (the curator's version
    of that passage stands). Which quotes are curated is decided here, under the write lock,
    so a verification committed while the NLP was running is respected.
    """
    summary = IngestSummary()
    # FOR UPDATE matters on PostgreSQL, where nothing else stops a curator from verifying a
    # quote between this read and the delete below; SQLite's BEGIN IMMEDIATE already has.
    article = session.get(Article, article_id, with_for_update=True)
    if article is None:  # deleted meanwhile: nothing to protect or replace
        return summary
    existing = list(
        session.scalars(select(Quote).where(Quote.article_id == article_id).with_for_update())
    )
    curated = curated_quote_ids(session, [q.id for q in existing])
    protected: list[tuple[int, int]] = []
    for q in existing:
        if q.id in curated:
            protected.append((q.start, q.end))
            summary.quotes_kept += 1
        else:
            session.delete(q)
            summary.quotes_removed += 1
    session.flush()
    # Invalid spans and overlaps with curated quotes are dropped.
    part = _quote_rows(
        article.id, article.text, quotes, linker, extractor_version, protected=protected, topics=()
    )
    _insert_reextracted(session, article.id, part)
    article.extractor_version = extractor_version
    summary.quotes_added += len(part.rows)
    summary.quotes_dropped += part.dropped
    summary.articles_reextracted += 1
    return summary


def reextract_stored(
    session: Session,
    items: Sequence[tuple[int, Sequence[ExtractedQuote]]],
    *,
    extractor_version: str | None,
) -> IngestSummary:
    """`replace_quotes` for a batch of (article id, new quotes), one savepoint per article."""
    serialize_writers(session)
    summary = IngestSummary()
    linker = SpeakerLinker(session)
    for article_id, quotes in items:
        created_before = linker.created
        try:
            with session.begin_nested():
                summary.add(
                    replace_quotes(
                        session,
                        article_id,
                        quotes,
                        extractor_version=extractor_version,
                        linker=linker,
                    )
                )
        except OperationalError:
            raise  # the database itself (locked, full, gone): not this article's fault
        except Exception as exc:
            linker.rolled_back(created_before)
            summary.articles_failed += 1
            summary.problems.append(
                InputProblem(f"article {article_id}", f"not re-extracted: {_first_line(exc)}")
            )
    summary.speakers_created = linker.created
    return summary


def _first_line(exc: BaseException) -> str:
    """One line for the user (SQLAlchemy appends the statement and a docs link)."""
    lines = str(exc).strip().splitlines()
    return f"{exc.__class__.__name__}: {lines[0] if lines else ''}"
