"""What a fact-checker asks of a statement: where it ran first, who carries it, who said it.

Everything is computed from the copies when asked, so a curator's speaker fix or merge, a
rejection or a re-extraction is reflected at once, with no stored flag to fall out of date.
Listings work in pages of statement ids, so an export of every statement streams.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quotes.store.models import (
    NAMED_SPEAKER_KINDS,
    Article,
    Quote,
    Speaker,
    Statement,
    StatementQuote,
)
from quotes.store.statement_sql import conflicting_statement_ids

PAGE = 500


@dataclass(frozen=True, slots=True)
class CopyInfo:
    quote_id: int
    article_id: int
    text: str
    type: str
    status: str
    verified_by: str | None
    how: str
    score: float
    outlet: str | None
    published: dt.date | None
    source: str
    speaker_id: int | None  # resolved through merges
    speaker: str | None
    named: bool  # the speaker is a named person or organization


def _first_seen(c: CopyInfo) -> tuple[bool, dt.date, int]:
    """Dated copies by date, undated ones after them, each by arrival."""
    return (c.published is None, c.published or dt.date.max, c.quote_id)


@dataclass(frozen=True, slots=True)
class StatementInfo:
    id: int
    text: str
    copies: tuple[CopyInfo, ...]

    @property
    def first(self) -> CopyInfo:
        """The earliest copy: by publication date where known, then by arrival."""
        return min(self.copies, key=_first_seen)

    @property
    def chronological(self) -> list[CopyInfo]:
        """The copies first seen first (the order a fact-checker traces a quote back in)."""
        return sorted(self.copies, key=_first_seen)

    @property
    def articles(self) -> int:
        return len({c.article_id for c in self.copies})

    @property
    def outlets(self) -> list[str]:
        return sorted({c.outlet for c in self.copies if c.outlet})

    @property
    def speakers(self) -> list[str]:
        """Every speaker the live copies name (named ones first in the conflict sense)."""
        live = [c for c in self.copies if c.status != "rejected" and c.speaker]
        return sorted({c.speaker for c in live if c.speaker})

    @property
    def conflict(self) -> bool:
        named = {
            c.speaker_id
            for c in self.copies
            if c.status != "rejected" and c.named and c.speaker_id is not None
        }
        return len(named) > 1


def statement_ids(
    session: Session,
    *,
    conflicts_only: bool = False,
    min_copies: int = 1,
    after: int = 0,
    limit: int = PAGE,
) -> list[int]:
    """Statement ids in id order, past `after`, with at least `min_copies` copies."""
    query = (
        select(StatementQuote.statement_id)
        .where(StatementQuote.statement_id > after)
        .group_by(StatementQuote.statement_id)
        .order_by(StatementQuote.statement_id)
        .limit(limit)
    )
    if min_copies > 1:
        query = query.having(func.count() >= min_copies)
    if conflicts_only:
        query = query.where(StatementQuote.statement_id.in_(conflicting_statement_ids()))
    return list(session.scalars(query))


def statements(session: Session, ids: Sequence[int]) -> list[StatementInfo]:
    """The statements with these ids, each with all its copies, in the order given."""
    if not ids:
        return []
    survivor = Speaker.__table__.alias("survivor")
    rows = session.execute(
        select(
            StatementQuote.statement_id,
            Quote.id,
            Quote.article_id,
            Quote.text,
            Quote.type,
            Quote.status,
            Quote.verified_by,
            StatementQuote.how,
            StatementQuote.score,
            Article.outlet,
            Article.published,
            Article.source,
            func.coalesce(survivor.c.id, Speaker.id),
            func.coalesce(survivor.c.name, Speaker.name),
            func.coalesce(survivor.c.kind, Speaker.kind),
        )
        .join(Quote, Quote.id == StatementQuote.quote_id)
        .join(Article, Article.id == Quote.article_id)
        .outerjoin(Speaker, Speaker.id == Quote.speaker_id)
        .outerjoin(survivor, survivor.c.id == Speaker.merged_into_id)
        .where(StatementQuote.statement_id.in_(list(ids)))
        .order_by(StatementQuote.statement_id, Quote.id)
    ).all()
    texts = dict(
        session.execute(
            select(Statement.id, Statement.text).where(Statement.id.in_(list(ids)))
        ).all()
    )
    copies: dict[int, list[CopyInfo]] = {}
    for r in rows:
        copies.setdefault(r[0], []).append(
            CopyInfo(
                quote_id=r[1],
                article_id=r[2],
                text=r[3],
                type=r[4],
                status=r[5],
                verified_by=r[6],
                how=r[7],
                score=float(r[8]),
                outlet=r[9],
                published=r[10],
                source=r[11],
                speaker_id=r[12],
                speaker=r[13],
                named=r[14] in NAMED_SPEAKER_KINDS,
            )
        )
    return [
        StatementInfo(sid, texts.get(sid, ""), tuple(copies[sid])) for sid in ids if sid in copies
    ]


def iter_statements(
    session: Session, *, conflicts_only: bool = False, min_copies: int = 1
) -> Iterator[StatementInfo]:
    """Every matching statement, a page at a time: memory stays flat at any size."""
    after = 0
    while True:
        ids = statement_ids(
            session, conflicts_only=conflicts_only, min_copies=min_copies, after=after
        )
        if not ids:
            return
        yield from statements(session, ids)
        after = ids[-1]


def statement_of(session: Session, quote_id: int) -> StatementInfo | None:
    """The statement a quote is a copy of, with all its copies; None if it is not grouped."""
    sid = session.scalar(
        select(StatementQuote.statement_id).where(StatementQuote.quote_id == quote_id)
    )
    if sid is None:
        return None
    found = statements(session, [sid])
    return found[0] if found else None


def ungrouped_quotes(session: Session) -> int:
    """Quotes in no statement: stored before the statements schema, or split by a curator."""
    grouped = select(StatementQuote.quote_id).where(StatementQuote.quote_id == Quote.id)
    return session.scalar(select(func.count()).select_from(Quote).where(~grouped.exists())) or 0
