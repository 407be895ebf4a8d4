"""Counts for `quotes stats` and the workbench's header."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quotes.store.models import QUOTE_STATUSES, Article, Edit, Quote, Speaker, Topic


@dataclass(frozen=True)
class Stats:
    articles: int
    quotes: int
    quotes_by_status: dict[str, int] = field(default_factory=dict)
    quotes_by_type: dict[str, int] = field(default_factory=dict)
    speakers: int = 0
    verified_speakers: int = 0
    topics: int = 0
    edits: int = 0


def collect_stats(session: Session) -> Stats:
    by_status = {s: 0 for s in QUOTE_STATUSES}
    by_status.update(
        dict(session.execute(select(Quote.status, func.count()).group_by(Quote.status)).all())
    )
    by_type = dict(session.execute(select(Quote.type, func.count()).group_by(Quote.type)).all())
    live_speakers = (
        select(func.count()).select_from(Speaker).where(Speaker.merged_into_id.is_(None))
    )
    return Stats(
        articles=session.scalar(select(func.count()).select_from(Article)) or 0,
        quotes=sum(by_status.values()),
        quotes_by_status=by_status,
        quotes_by_type=by_type,
        speakers=session.scalar(live_speakers) or 0,
        verified_speakers=session.scalar(live_speakers.where(Speaker.verified.is_(True))) or 0,
        topics=session.scalar(select(func.count()).select_from(Topic)) or 0,
        edits=session.scalar(select(func.count()).select_from(Edit)) or 0,
    )
