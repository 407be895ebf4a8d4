"""Counts for `quotes stats` and the workbench's header.

The quote, topic-link and speaker counts are answered from indexes (migration 0008), so the
command costs about what the same queries cost in the sqlite3 shell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from quotes.store.models import QUOTE_STATUSES, Article, Edit, Quote, QuoteTopic, Speaker, Topic
from quotes.store.statement_sql import conflicting_statement_ids, shared_statement_ids


@dataclass(frozen=True)
class Stats:
    articles: int
    quotes: int
    quotes_by_status: dict[str, int] = field(default_factory=dict)
    quotes_by_type: dict[str, int] = field(default_factory=dict)
    speakers: int = 0
    verified_speakers: int = 0
    topics: int = 0
    # Topic links curators set, and suggestions nobody has accepted or dismissed yet: kept
    # apart, because a suggestion is not a topic until a curator accepts it.
    curator_topics: int = 0
    suggested_topics: int = 0
    edits: int = 0
    # Statements carried by more than one copy, and those whose copies name different speakers.
    shared_statements: int = 0
    statement_conflicts: int = 0


def collect_stats(session: Session) -> Stats:
    by_status: dict[str, int] = {s: 0 for s in QUOTE_STATUSES}
    by_type: dict[str, int] = {}
    # One pass over the (status, type) index gives both breakdowns: at a million quotes the
    # quote counts are most of the work, and reading the index once in its own order needs
    # no sort (two GROUP BYs read it twice, the second through a temporary B-tree).
    by_status_and_type = select(Quote.status, Quote.type, func.count()).group_by(
        Quote.status, Quote.type
    )
    for status, type_, count in session.execute(by_status_and_type):
        by_status[status] = by_status.get(status, 0) + count
        by_type[type_] = by_type.get(type_, 0) + count
    by_origin = dict(
        session.execute(select(QuoteTopic.origin, func.count()).group_by(QuoteTopic.origin)).all()
    )
    live_speakers = (
        select(func.count()).select_from(Speaker).where(Speaker.merged_into_id.is_(None))
    )
    shared = _count(session, shared_statement_ids())
    return Stats(
        articles=session.scalar(select(func.count()).select_from(Article)) or 0,
        quotes=sum(by_status.values()),
        quotes_by_status=by_status,
        quotes_by_type=by_type,
        speakers=session.scalar(live_speakers) or 0,
        verified_speakers=session.scalar(live_speakers.where(Speaker.verified.is_(True))) or 0,
        topics=session.scalar(select(func.count()).select_from(Topic)) or 0,
        curator_topics=by_origin.get("curator", 0),
        suggested_topics=by_origin.get("suggested", 0),
        edits=session.scalar(select(func.count()).select_from(Edit)) or 0,
        shared_statements=shared,
        # A conflict needs two copies, so without shared statements there is none to look
        # for (the conflict query joins every copy to its quote and speaker).
        statement_conflicts=_count(session, conflicting_statement_ids()) if shared else 0,
    )


def _count(session: Session, ids: Select[int]) -> int:
    return session.scalar(select(func.count()).select_from(ids.subquery())) or 0
