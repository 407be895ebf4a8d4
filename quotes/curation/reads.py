"""Read side of the service layer: each function takes a session and returns plain views."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select, tuple_
from sqlalchemy.orm import Session, selectinload

from quotes.curation import confidence, ranking
from quotes.curation.filters import QueueFilter, apply_filter
from quotes.curation.views import (
    ArticleView,
    Count,
    HistoryEntry,
    Progress,
    QueuePage,
    QueueRow,
    QuoteCard,
    SpeakerInfo,
    TopicInfo,
    TopicTag,
)
from quotes.statements import reads as statement_reads
from quotes.store import search
from quotes.store.models import (
    QUOTE_STATUSES,
    Article,
    Edit,
    Quote,
    QuoteTopic,
    Speaker,
    SpeakerAlias,
    SpeakerCandidate,
    Topic,
)
from quotes.store.names import normalize_name


def _queue_select() -> Select[*tuple[Any, ...]]:
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
    session: Session,
    f: QueueFilter,
    *,
    after: tuple[Any, ...] | None = None,
    limit: int = 100,
    also: Sequence[ColumnElement[bool]] = (),
) -> QueuePage:
    """One page of the queue in the filter's order, after the key of the last row seen.

    Keyset pagination: the cost of a page does not grow with how far the curator has
    scrolled, which is what keeps a million-quote database instant.
    """
    keys = _sort_keys(f)
    dialect = session.get_bind().dialect.name
    plan = _common_search_plan(session, f)
    rows: Sequence[Any]
    if plan is not None and plan.probes:
        rows = _probed_page(session, f, keys, after, limit + 1, also, plan.condition)
    else:
        if plan is not None:
            f, also = replace(f, search=None), (*also, plan.condition)
        stmt = queue_select(f, dialect, also)
        if after is not None:
            stmt = stmt.where(tuple_(*keys) > tuple_(*after))
        rows = session.execute(stmt.limit(limit + 1)).all()
    page = [_row(r) for r in rows[:limit]]
    next_key = None
    if len(rows) > limit and page:
        next_key = _key_of(f, page[-1], rows[limit - 1][10])
    return QueuePage(rows=page, next_key=next_key)


def queue_select(
    f: QueueFilter, dialect: str, also: Sequence[ColumnElement[bool]] = ()
) -> Select[*tuple[Any, ...]]:
    """The queue's rows for `f` in its order (no common-word plan), `Quote.start` last.

    One definition for `queue_page` and the workbench's first screen, which runs it compiled
    ahead of time (`quotes.curation.first_page_sqlite`) before SQLAlchemy is loaded.
    """
    stmt = apply_filter(_queue_select().add_columns(Quote.start), f, dialect).where(*also)
    return stmt.order_by(*_sort_keys(f))


def queue_key_columns(f: QueueFilter) -> list[Any]:
    """The keyset `after` compares, as columns: a page's next key is these of its last row."""
    return _sort_keys(f)


def _common_search_plan(session: Session, f: QueueFilter) -> search.SearchPlan | None:
    """A common word's page found by walking the queue in order (`search.page_plan`).

    For the queue's own order, which `ix_quotes_queue` serves (for every status at once,
    row by row: `_probed_page` merges the three), and for the newest first, which the key
    walks backwards (row by row too: any other plan sorts what it finds); any other order
    has no index to walk, and matches driven from the FTS index stay cheaper.
    """
    one_index = f.sort == "confidence" and f.status != "any"
    if f.search is None or f.sort == "article":
        return None
    plan = search.page_plan(session, f.search)
    if plan is not None and plan.gathers:
        return plan  # PostgreSQL: a rare word's few matches, read first in any order
    if plan is None or not plan.walks or not (one_index or plan.probes):
        return None
    return plan


# A common word's page tests the rows the other filters leave, in the queue's order, in
# batches: the first two pages' worth (about half the quotes hold a common word), each
# next one twice as big. Past `SEARCH_BUDGET` rows the word is rare among them after all, and
# the rest of the page is driven from its matches.
_FIRST_BATCH = 2
SEARCH_BUDGET = 4_000


def _probed_page(
    session: Session,
    f: QueueFilter,
    keys: list[Any],
    after: tuple[Any, ...] | None,
    wanted: int,
    also: Sequence[ColumnElement[bool]],
    matches: ColumnElement[bool],
) -> list[Any]:
    """Up to `wanted` rows of the queue after `after` that `matches` (a lookup per row),
    found among bounded batches of the rows the rest of `f` selects, in order.

    The other filters choose their own plan, as without a search (a speaker's quotes from
    the speaker index, an outlet's from its articles), so the lookups never outnumber the
    rows a page needs by more than the batch: the planner cannot tell what a lookup costs.
    """
    dialect = session.get_bind().dialect.name
    # The newest first is the key backwards: `-id` as written in `keys` would be sorted.
    newest = f.sort == "newest"
    order = [Quote.id.desc()] if newest else keys
    columns = [] if newest else keys

    def beyond(key: tuple[Any, ...]) -> ColumnElement[bool]:
        after_key: ColumnElement[bool] = (
            Quote.id < -key[0] if newest else tuple_(*keys) > tuple_(*key)
        )
        return after_key

    # Every status in the queue's order: each status's rows from the index, merged.
    statuses = QUOTE_STATUSES if f.status == "any" and not newest else (f.status,)
    rests = [
        apply_filter(select(Quote.id, *columns), replace(f, status=st, search=None), dialect)
        for st in statuses
    ]

    def next_batch(last: tuple[Any, ...] | None, size: int) -> list[Any]:
        rows: list[Any] = []
        for rest in rests:
            stmt = rest.where(*also) if last is None else rest.where(*also, beyond(last))
            rows += session.execute(stmt.order_by(*order).limit(size)).all()
        if len(rests) > 1:
            rows = sorted(rows, key=lambda r: tuple(r[1:]))[:size]
        return rows

    found: list[int] = []
    last, walked, size = after, 0, _FIRST_BATCH * wanted
    while len(found) < wanted:
        batch = next_batch(last, size)
        if not batch:
            break
        ids = [r[0] for r in batch]
        hits = set(session.scalars(select(Quote.id).where(Quote.id.in_(ids), matches)))
        found += [i for i in ids if i in hits]
        last = (-batch[-1][0],) if newest else tuple(batch[-1][1:])
        walked += len(batch)
        if len(batch) < size:
            break  # no more rows to test
        if walked >= SEARCH_BUDGET and len(found) < wanted:
            driven = apply_filter(select(Quote.id), f, dialect).where(*also, beyond(last))
            found += session.scalars(driven.order_by(*keys).limit(wanted - len(found))).all()
            break
        size = min(size * _FIRST_BATCH, max(SEARCH_BUDGET - walked, wanted))
    found = found[:wanted]
    if not found:
        return []
    fetched = session.execute(
        _queue_select().add_columns(Quote.start).where(Quote.id.in_(found))
    ).all()
    by_id = {r[0]: r for r in fetched}
    return [by_id[i] for i in found]


def queue_rows(session: Session, ids: list[int]) -> list[QueueRow]:
    if not ids:
        return []
    rows = session.execute(_queue_select().where(Quote.id.in_(ids))).all()
    by_id = {r[0]: _row(r) for r in rows}
    return [by_id[i] for i in ids if i in by_id]


# Counting stops here unless an exact count is asked for (`progress(exact=True)`): past it
# the status line says "10,000+", which is all a curator reads from it, and an exact count
# of a common word reads every match (0.8 s at a million quotes).
COUNT_CAP = 10_000


# The most quotes progress tests one by one against a search's words (20 ms at 20 µs).
_MOST_PROBED = 1_000


def progress(session: Session, f: QueueFilter, *, exact: bool = False) -> Progress:
    """The filter's quotes by status. With a text search and more than `COUNT_CAP`
    matches, only that many are read (unless `exact`) and the counts left unknown."""
    dialect = session.get_bind().dialect.name
    also: list[ColumnElement[bool]] = []
    if f.search and f.search.strip():
        everything = replace(f, status="any")
        rest = count_matching(session, replace(everything, search=None), cap=COUNT_CAP)
        if not rest.capped:
            # The other filters leave few quotes: each is tested against the words (a
            # seek), unless that is more lookups than reading the word's matches.
            plan = search.page_plan(session, f.search)
            if plan is not None and (not plan.probes or rest.value <= _MOST_PROBED):
                f, also = replace(f, search=None), [plan.condition]
        elif not exact:
            matching = count_matching(session, everything, cap=COUNT_CAP)
            if matching.capped:
                return Progress(verified=0, rejected=0, unverified=0, matching=matching)
    counts = dict(session.execute(status_counts_select(f, dialect, also)).all())
    return Progress(
        verified=counts.get("verified", 0),
        rejected=counts.get("rejected", 0),
        unverified=counts.get("unverified", 0),
    )


def status_counts_select(
    f: QueueFilter, dialect: str, also: Sequence[ColumnElement[bool]] = ()
) -> Select[str, int]:
    """`f`'s quotes counted by status (whatever `f.status`): the progress line's counts,
    also compiled ahead of time for the workbench's first screen."""
    stmt = apply_filter(
        select(Quote.status, func.count()).group_by(Quote.status), f, dialect, with_status=False
    )
    return stmt.where(*also)


def count_matching(session: Session, f: QueueFilter, *, cap: int) -> Count:
    """How many quotes `f` selects, reading at most `cap` + 1 of them.

    On SQLite a text search is read from the FTS index in its own order, each quote found
    by its key, so the count stops at the cap whatever the word; as a plain condition the
    planner would first gather every match into a lookup table.
    """
    dialect = session.get_bind().dialect.name
    source = search.count_source(session, f.search) if f.search and dialect == "sqlite" else None
    if source is None:
        first = apply_filter(select(Quote.id), f, dialect)
    else:
        match, join = source
        first = apply_filter(
            select(Quote.id).select_from(search.FTS_TABLE).join(Quote, join).where(match),
            replace(f, search=None),
            dialect,
        )
    rows = first.limit(cap + 1).subquery()
    n = session.scalar(select(func.count()).select_from(rows)) or 0
    return Count(min(n, cap), capped=n > cap)


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


def sentence_around(text: str, start: int, end: int) -> tuple[str, int]:
    """The sentence holding [start, end) and its offset: from after the previous sentence
    end (". ", "! ", "? " or a line break) to the next one, so the card can show where a
    speaker was named without the whole paragraph."""
    lo = text.rfind("\n", 0, start) + 1
    for mark in (". ", "! ", "? "):
        at = text.rfind(mark, lo, start)
        if at != -1:
            lo = max(lo, at + len(mark))
    hi = text.find("\n", end)
    hi = len(text) if hi == -1 else hi
    for mark in (". ", "! ", "? "):
        at = text.find(mark, end, hi)
        if at != -1:
            hi = min(hi, at + 1)
    return text[lo:hi], lo


def history(
    session: Session, entity: str | tuple[str, ...], entity_id: int
) -> tuple[HistoryEntry, ...]:
    entities = (entity,) if isinstance(entity, str) else entity
    edits = session.scalars(
        select(Edit).where(Edit.entity.in_(entities), Edit.entity_id == entity_id).order_by(Edit.id)
    ).all()
    topic_ids = {
        int(x["topic_id"]) for e in edits for x in (e.before, e.after) if x and "topic_id" in x
    }
    speaker_ids = {
        int(x["speaker_id"])
        for e in edits
        for x in (e.before, e.after)
        if x and x.get("speaker_id")
    }
    topics: dict[int, str] = {
        r[0]: r[1]
        for r in session.execute(select(Topic.id, Topic.name).where(Topic.id.in_(topic_ids)))
    }
    speakers: dict[int, str] = {
        r[0]: r[1]
        for r in session.execute(
            select(Speaker.id, Speaker.name).where(Speaker.id.in_(speaker_ids))
        )
    }

    def named(names: dict[int, str], snap: dict[str, Any] | None, key: str) -> str | None:
        value = snap.get(key) if snap else None
        return names.get(int(value), f"{key.removesuffix('_id')} {value}") if value else None

    return tuple(
        HistoryEntry(
            id=e.id,
            action=e.action,
            curator=e.curator,
            at=e.created_at,
            before=e.before,
            after=e.after,
            undone=e.undone_at is not None,
            topic=named(topics, e.after or e.before, "topic_id"),
            speaker_before=named(speakers, e.before, "speaker_id"),
            speaker_after=named(speakers, e.after, "speaker_id"),
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
        confidence_drivers=confidence.explain(session, quote.id),
        statement=statement_reads.statement_of(session, quote.id),
        **_mention_sentence(article.text, quote, para_start, para_start + len(paragraph)),
    )


def _mention_sentence(text: str, quote: Quote, lo: int, hi: int) -> dict[str, Any]:
    """Where the speaker was named, for a quote attributed through "he", "the minister" or
    a speaker carried over from an earlier quote: the last place before the quote where the
    article writes the speaker's name or an alias. Nothing when the mention at the quote is
    itself the name, or when that place is in the paragraph shown anyway."""
    speaker = quote.speaker
    if speaker is None:
        return {}
    spellings = {speaker.name, *(a.alias for a in speaker.aliases)}
    if speaker.kind == "person" and " " in speaker.name.strip():
        spellings.add(speaker.name.split()[-1])  # "Stoltenberg" names Jens Stoltenberg too
    names = sorted(spellings, key=len, reverse=True)
    names = [n for n in names if len(n.strip()) > 1]
    mention = (quote.mention or "").casefold()
    if any(n.casefold() in mention for n in names):
        return {}
    anchor = quote.mention_start if quote.mention_start is not None else quote.start
    found = max((_last_word_hit(text, n, anchor) for n in names), default=-1)
    if found < 0 or lo <= found < hi:
        return {}
    sentence, at = sentence_around(text, found, found + 1)
    return {"mention_sentence": sentence, "mention_sentence_start": at}


def _last_word_hit(text: str, name: str, before: int) -> int:
    """The last offset before `before` where `name` stands as whole words, else -1."""
    at = text.rfind(name, 0, max(before, 0))
    while at != -1:
        end = at + len(name)
        if (at == 0 or not text[at - 1].isalnum()) and (
            end >= len(text) or not text[end].isalnum()
        ):
            return at
        at = text.rfind(name, 0, at)
    return -1


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


@dataclass(frozen=True, slots=True)
class SpeakerPage:
    """One page of the speakers list and the key to ask for the next (None: the last)."""

    rows: list[SpeakerInfo]
    next_key: tuple[Any, ...] | None


def _speakers_select(
    query: str | None, include_merged: bool
) -> tuple[Select[Speaker, Any], ColumnElement[Any]]:
    """Speakers with their quote count, and the count column (the list's sort key)."""
    counts = select(Quote.speaker_id, func.count().label("n")).group_by(Quote.speaker_id).subquery()
    n = func.coalesce(counts.c.n, 0)
    # Aliases in one query for the page, not one lazy load per speaker shown.
    stmt = (
        select(Speaker, n)
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
    return stmt, n


def list_speakers(
    session: Session, query: str | None = None, *, limit: int = 200, include_merged: bool = False
) -> list[SpeakerInfo]:
    """Speakers by quote count; `query` matches name or alias anywhere (case-insensitive)."""
    return speakers_page(session, query, limit=limit, include_merged=include_merged).rows


def speakers_page(
    session: Session,
    query: str | None = None,
    *,
    after: tuple[Any, ...] | None = None,
    limit: int = 200,
    include_merged: bool = False,
) -> SpeakerPage:
    """One page of speakers by quote count (then name, id), after the key of the last row
    seen: keyset paging, as the queue pages, so no list ever stops at a fixed length."""
    stmt, n = _speakers_select(query, include_merged)
    keys = (-n, Speaker.name, Speaker.id)
    if after is not None:
        stmt = stmt.where(tuple_(*keys) > tuple_(*after))
    rows = session.execute(stmt.order_by(*keys).limit(limit + 1)).all()
    page = [speaker_info(session, sp, count) for sp, count in rows[:limit]]
    next_key = None
    if len(rows) > limit and page:
        last = page[-1]
        next_key = (-last.quote_count, last.name, last.id)
    return SpeakerPage(rows=page, next_key=next_key)


_RANKED_HEAD = 300
_BROAD = 2_000


def _letters_in_order(query: str) -> str:
    """A LIKE pattern matching any name holding the query's letters in order (`ranking`'s
    weakest tier), with LIKE's own wildcards taken literally."""
    letters = normalize_name(query).replace(" ", "")
    escaped = (c.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for c in letters)
    return "%" + "%".join(escaped) + "%"


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    """Id lists small enough for one IN (...) on every backend."""
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def _names_of(session: Session, ids: set[int]) -> dict[int, list[str]]:
    """Each of these live speakers' name and aliases, the forms the ranking compares."""
    live = Speaker.merged_into_id.is_(None)
    by_name = select(Speaker.id, Speaker.name)
    by_alias = select(SpeakerAlias.speaker_id, SpeakerAlias.alias).join(
        Speaker, Speaker.id == SpeakerAlias.speaker_id
    )
    if len(ids) > _BROAD:
        # A broad query (one letter) matches most speakers: two plain scans beat many
        # IN (...) lookups.
        queries = [by_name.where(live), by_alias.where(live)]
    else:
        queries = [
            q.where(Speaker.id.in_(chunk))
            for chunk in _chunks(sorted(ids))
            for q in (by_name, by_alias)
        ]
    names: dict[int, list[str]] = {}
    for query in queries:
        for sid, name in session.execute(query):
            if sid in ids:
                names.setdefault(sid, []).append(name)
    return names


def search_speakers(session: Session, query: str, *, limit: int = 20) -> list[SpeakerInfo]:
    """Speakers matching `query` by name or alias, in the pickers' order (`ranking.rank`):
    exact, prefix, word prefix, fuzzy; most quotes first within a tier."""
    if not query.strip():
        return list_speakers(session, limit=limit)
    # Every tier, fuzzy included, needs the query's letters in order somewhere in a name, so
    # the database narrows the candidates with one LIKE per name column before the ranking
    # reads them: a keystroke costs a scan of names, not loading and scoring every speaker.
    pattern = _letters_in_order(query)
    live = Speaker.merged_into_id.is_(None)
    matching = (
        select(Speaker.id)
        .where(
            live,
            or_(
                Speaker.normalized_name.like(pattern, escape="\\"),
                func.lower(Speaker.name).like(pattern, escape="\\"),
            ),
        )
        .union(
            select(SpeakerAlias.speaker_id)
            .join(Speaker, Speaker.id == SpeakerAlias.speaker_id)
            .where(
                live,
                or_(
                    SpeakerAlias.normalized.like(pattern, escape="\\"),
                    func.lower(SpeakerAlias.alias).like(pattern, escape="\\"),
                ),
            )
        )
    )
    names = _names_of(session, set(session.scalars(matching)))
    # Quote counts break ties within a tier; counted for the best few hundred only, so a
    # one-letter query on a big database does not count every speaker's quotes.
    head = ranking.rank(query, sorted(names), lambda i: names[i])[:_RANKED_HEAD]
    counts = dict(
        session.execute(
            select(Quote.speaker_id, func.count())
            .where(Quote.speaker_id.in_(head))
            .group_by(Quote.speaker_id)
        ).all()
    )
    top = ranking.rank(query, head, lambda i: names[i], then=lambda i: (-counts.get(i, 0), i))
    top = top[:limit]
    speakers = {
        s.id: s
        for s in session.scalars(
            select(Speaker).where(Speaker.id.in_(top)).options(selectinload(Speaker.aliases))
        )
    }
    return [speaker_info(session, speakers[i], counts.get(i, 0)) for i in top]


def candidate_speakers(session: Session, speaker_id: int) -> list[SpeakerInfo]:
    """Who an ambiguous speaker ("Obama" in an article naming no one else) could be, as
    extraction recorded them, each followed to the speaker it was merged into; empty for a
    speaker that is not ambiguous."""
    found: dict[int, Speaker] = {}
    for cid in session.scalars(
        select(SpeakerCandidate.candidate_id)
        .where(SpeakerCandidate.speaker_id == speaker_id)
        .order_by(SpeakerCandidate.candidate_id)
    ):
        speaker, seen = session.get(Speaker, cid), {cid}
        while speaker is not None and speaker.merged_into_id is not None:
            if speaker.merged_into_id in seen:
                break
            seen.add(speaker.merged_into_id)
            speaker = session.get(Speaker, speaker.merged_into_id)
        if speaker is not None and speaker.id != speaker_id:
            found.setdefault(speaker.id, speaker)
    return [speaker_info(session, s) for s in found.values()]


def list_topics(session: Session, query: str | None = None) -> list[TopicInfo]:
    """Every topic by name; with a `query`, only those matching it, in the pickers' order
    (`ranking.rank`: exact, prefix, word prefix, fuzzy; then by name)."""
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
    topics = [
        TopicInfo(id=t.id, name=t.name, description=t.description, quote_count=n, suggested_count=s)
        for t, n, s in session.execute(stmt.order_by(Topic.name)).all()
    ]
    if query and query.strip():
        return ranking.rank(query, topics, lambda t: (t.name,))
    return topics


@dataclass(frozen=True, slots=True)
class FilterCompletions:
    """What the filter form completes from: the values a filter can actually match."""

    speakers: list[str]
    topics: list[str]
    outlets: list[str]


def filter_completions(session: Session, *, limit: int = 5000) -> FilterCompletions:
    """Speaker names and aliases (most quoted first), topic names and outlets, each capped
    at `limit`, so the form completes from a big database without loading it all."""
    speakers = [s.name for s in speakers_page(session, limit=limit).rows]
    aliases = session.scalars(
        select(SpeakerAlias.alias)
        .join(Speaker, Speaker.id == SpeakerAlias.speaker_id)
        .where(Speaker.merged_into_id.is_(None))
        .order_by(SpeakerAlias.alias)
        .limit(limit)
    ).all()
    topics = session.scalars(select(Topic.name).order_by(Topic.name).limit(limit)).all()
    outlets = session.scalars(
        select(Article.outlet)
        .where(Article.outlet.is_not(None))
        .group_by(Article.outlet)
        .order_by(func.count().desc(), Article.outlet)
        .limit(limit)
    ).all()
    return FilterCompletions(
        speakers=list(dict.fromkeys([*speakers, *aliases])),
        topics=list(topics),
        outlets=[o for o in outlets if o],
    )
