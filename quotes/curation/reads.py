"""Read side of the service layer: each function takes a session and returns plain views."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, or_, select, tuple_
from sqlalchemy.orm import Session, selectinload

from quotes.curation.filters import QueueFilter, apply_filter
from quotes.curation.views import (
    ArticleView,
    HistoryEntry,
    Progress,
    QueuePage,
    QueueRow,
    QuoteCard,
    SpeakerInfo,
    TopicInfo,
    TopicTag,
)
from quotes.store.models import Article, Edit, Quote, QuoteTopic, Speaker, SpeakerAlias, Topic
from quotes.store.names import normalize_name


def _queue_select() -> Select[Any]:
    return (
        select(
            Quote.id,
            Quote.status,
            Quote.type,
            Speaker.name,
            Quote.text,
            Article.outlet,
            Article.published,
            Quote.confidence,
            Quote.version,
            Quote.article_id,
        )
        .join(Article, Article.id == Quote.article_id)
        .outerjoin(Speaker, Speaker.id == Quote.speaker_id)
    )


def _sort_keys(f: QueueFilter) -> list[Any]:
    if f.sort == "article":
        return [Quote.article_id, Quote.start, Quote.id]
    if f.sort == "newest":
        return [-Quote.id]
    return [Quote.confidence, Quote.id]


def _row(r: Any) -> QueueRow:
    return QueueRow(
        id=r[0],
        status=r[1],
        type=r[2],
        speaker=r[3],
        text=r[4],
        outlet=r[5],
        published=r[6],
        confidence=r[7],
        version=r[8],
        article_id=r[9],
    )


def _key_of(f: QueueFilter, row: QueueRow, start: int | None = None) -> tuple[Any, ...]:
    if f.sort == "article":
        return (row.article_id, start, row.id)
    if f.sort == "newest":
        return (-row.id,)
    return (row.confidence, row.id)


def queue_page(
    session: Session, f: QueueFilter, *, after: tuple[Any, ...] | None = None, limit: int = 100
) -> QueuePage:
    """One page of the queue in the filter's order, after the key of the last row seen.

    Keyset pagination: the cost of a page does not grow with how far the curator has
    scrolled, which is what keeps a million-quote database instant.
    """
    keys = _sort_keys(f)
    stmt = apply_filter(_queue_select().add_columns(Quote.start), f, session.bind.dialect.name)  # type: ignore[union-attr]
    if after is not None:
        stmt = stmt.where(tuple_(*keys) > tuple_(*after))
    rows = session.execute(stmt.order_by(*keys).limit(limit + 1)).all()
    page = [_row(r) for r in rows[:limit]]
    next_key = None
    if len(rows) > limit and page:
        next_key = _key_of(f, page[-1], rows[limit - 1][10])
    return QueuePage(rows=page, next_key=next_key)


def queue_rows(session: Session, ids: list[int]) -> list[QueueRow]:
    if not ids:
        return []
    rows = session.execute(_queue_select().where(Quote.id.in_(ids))).all()
    by_id = {r[0]: _row(r) for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def progress(session: Session, f: QueueFilter) -> Progress:
    stmt = apply_filter(
        select(Quote.status, func.count()).group_by(Quote.status),
        f,
        session.bind.dialect.name,
        with_status=False,  # type: ignore[union-attr]
    )
    counts = dict(session.execute(stmt).all())
    return Progress(
        verified=counts.get("verified", 0),
        rejected=counts.get("rejected", 0),
        unverified=counts.get("unverified", 0),
    )


def speaker_info(session: Session, speaker: Speaker, quote_count: int | None = None) -> SpeakerInfo:
    if quote_count is None:
        quote_count = (
            session.scalar(
                select(func.count()).select_from(Quote).where(Quote.speaker_id == speaker.id)
            )
            or 0
        )
    return SpeakerInfo(
        id=speaker.id,
        name=speaker.name,
        kind=speaker.kind,
        title=speaker.title,
        organization=speaker.organization,
        verified=speaker.verified,
        version=speaker.version,
        aliases=tuple(sorted(a.alias for a in speaker.aliases)),
        quote_count=quote_count,
        merged_into_id=speaker.merged_into_id,
    )


def paragraph_around(text: str, start: int, end: int) -> tuple[str, int]:
    """The paragraph(s) containing [start, end) and the offset where that excerpt begins."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    if para_end == -1:
        para_end = len(text)
    return text[para_start:para_end], para_start


def history(
    session: Session, entity: str | tuple[str, ...], entity_id: int
) -> tuple[HistoryEntry, ...]:
    entities = (entity,) if isinstance(entity, str) else entity
    edits = session.scalars(
        select(Edit).where(Edit.entity.in_(entities), Edit.entity_id == entity_id).order_by(Edit.id)
    ).all()
    return tuple(
        HistoryEntry(
            id=e.id,
            action=e.action,
            curator=e.curator,
            at=e.created_at,
            before=e.before,
            after=e.after,
            undone=e.undone_at is not None,
        )
        for e in edits
    )


def quote_card(session: Session, quote: Quote) -> QuoteCard:
    article = quote.article
    paragraph, para_start = paragraph_around(article.text, quote.start, quote.end)
    tags = session.execute(
        select(Topic.id, Topic.name, QuoteTopic.origin, QuoteTopic.score)
        .join(QuoteTopic, QuoteTopic.topic_id == Topic.id)
        .where(QuoteTopic.quote_id == quote.id)
        .order_by(Topic.name)
    ).all()
    return QuoteCard(
        id=quote.id,
        status=quote.status,
        type=quote.type,
        text=quote.text,
        start=quote.start,
        end=quote.end,
        cue=quote.cue,
        mention=quote.mention,
        mention_start=quote.mention_start,
        mention_end=quote.mention_end,
        confidence=quote.confidence,
        version=quote.version,
        verified_by=quote.verified_by,
        verified_at=quote.verified_at,
        speaker=speaker_info(session, quote.speaker) if quote.speaker else None,
        article_id=article.id,
        article_title=article.title,
        article_source=article.source,
        outlet=article.outlet,
        published=article.published,
        paragraph=paragraph,
        paragraph_start=para_start,
        topics=tuple(TopicTag(topic_id=t[0], name=t[1], origin=t[2], score=t[3]) for t in tags),
        # A quote's topic links are recorded under their own entity, keyed by the quote's id.
        history=history(session, ("quote", "quote_topic"), quote.id),
    )


def article_view(session: Session, article: Article) -> ArticleView:
    rows = session.execute(
        _queue_select()
        .add_columns(Quote.start, Quote.end)
        .where(Quote.article_id == article.id)
        .order_by(Quote.start)
    ).all()
    return ArticleView(
        id=article.id,
        title=article.title,
        source=article.source,
        outlet=article.outlet,
        author=article.author,
        published=article.published,
        text=article.text,
        quotes=tuple(_row(r) for r in rows),
        spans=tuple((r[10], r[11]) for r in rows),
    )


def list_speakers(
    session: Session, query: str | None = None, *, limit: int = 200, include_merged: bool = False
) -> list[SpeakerInfo]:
    """Speakers by quote count; `query` matches name or alias anywhere (case-insensitive)."""
    counts = select(Quote.speaker_id, func.count().label("n")).group_by(Quote.speaker_id).subquery()
    # Aliases in one query for the page, not one lazy load per speaker shown.
    stmt = (
        select(Speaker, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.speaker_id == Speaker.id)
        .options(selectinload(Speaker.aliases))
    )
    if not include_merged:
        stmt = stmt.where(Speaker.merged_into_id.is_(None))
    if query:
        like = f"%{normalize_name(query)}%"
        stmt = stmt.where(
            or_(
                Speaker.normalized_name.like(like),
                Speaker.id.in_(
                    select(SpeakerAlias.speaker_id).where(SpeakerAlias.normalized.like(like))
                ),
            )
        )
    stmt = stmt.order_by(func.coalesce(counts.c.n, 0).desc(), Speaker.name).limit(limit)
    return [speaker_info(session, s, n) for s, n in session.execute(stmt).all()]


def fuzzy_score(query: str, candidate: str) -> float:
    """Subsequence match score in [0, 1]: all query letters in order, rewarding word starts."""
    q = normalize_name(query).replace(" ", "")
    c = normalize_name(candidate)
    if not q:
        return 0.0
    score, pos, prev_hit = 0.0, 0, -2
    for ch in q:
        idx = c.find(ch, pos)
        if idx == -1:
            return 0.0
        bonus = 1.0
        if idx == 0 or c[idx - 1] == " ":
            bonus += 1.0
        if idx == prev_hit + 1:
            bonus += 0.5
        score += bonus
        prev_hit, pos = idx, idx + 1
    return score / (2.5 * len(q)) * (0.5 + 0.5 * len(q) / max(len(c.replace(" ", "")), 1))


def search_speakers(session: Session, query: str, *, limit: int = 20) -> list[SpeakerInfo]:
    """Fuzzy search over speakers and their aliases, best first (for the speaker picker)."""
    if not query.strip():
        return list_speakers(session, limit=limit)
    names = session.execute(
        select(Speaker.id, Speaker.name).where(Speaker.merged_into_id.is_(None))
    ).all()
    aliases = session.execute(
        select(SpeakerAlias.speaker_id, SpeakerAlias.alias)
        .join(Speaker, Speaker.id == SpeakerAlias.speaker_id)
        .where(Speaker.merged_into_id.is_(None))
    ).all()
    best: dict[int, float] = {}
    for sid, name in [*names, *aliases]:
        s = fuzzy_score(query, name)
        if s > best.get(sid, 0.0):
            best[sid] = s
    top = sorted((sid for sid, s in best.items() if s > 0), key=lambda i: -best[i])[:limit]
    speakers = {
        s.id: s
        for s in session.scalars(
            select(Speaker).where(Speaker.id.in_(top)).options(selectinload(Speaker.aliases))
        )
    }
    counts = dict(
        session.execute(
            select(Quote.speaker_id, func.count())
            .where(Quote.speaker_id.in_(top))
            .group_by(Quote.speaker_id)
        ).all()
    )
    return [speaker_info(session, speakers[i], counts.get(i, 0)) for i in top]


def list_topics(session: Session, query: str | None = None) -> list[TopicInfo]:
    used = (
        select(
            QuoteTopic.topic_id,
            func.count().filter(QuoteTopic.origin == "curator").label("n"),
            func.count().filter(QuoteTopic.origin == "suggested").label("s"),
        )
        .group_by(QuoteTopic.topic_id)
        .subquery()
    )
    stmt = select(Topic, func.coalesce(used.c.n, 0), func.coalesce(used.c.s, 0)).outerjoin(
        used, used.c.topic_id == Topic.id
    )
    if query:
        stmt = stmt.where(Topic.name.ilike(f"%{query}%"))
    return [
        TopicInfo(id=t.id, name=t.name, description=t.description, quote_count=n, suggested_count=s)
        for t, n, s in session.execute(stmt.order_by(Topic.name)).all()
    ]
