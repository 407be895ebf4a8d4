"""Work split between curators: each holds a slice of the queue under a lease that expires.

A claim is one row per quote (`claims`, primary key on the quote), so two workbenches can
never hold the same quote: the second INSERT meets the first's row, on SQLite and on
PostgreSQL, and no lock is held between key presses. Leases expire, so a workbench that
crashed or was left open over lunch does not keep its slice forever: once a lease has run
out, anyone may take the quotes over. The workbench renews its leases while it runs and
releases them when it closes.

Time comes from the caller (`now`), never from the wall clock here, so tests move time
instead of sleeping.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from sqlalchemy import ColumnElement, and_, case, delete, exists, func, select, update
from sqlalchemy.orm import Session

# The slice and lease sizes live apart, without SQLAlchemy, for the workbench's first screen.
from quotes.curation.claim_terms import DEFAULT_LEASE as DEFAULT_LEASE
from quotes.curation.claim_terms import DEFAULT_SLICE as DEFAULT_SLICE
from quotes.curation.filters import QueueFilter, apply_filter
from quotes.store.models import Claim, Quote

Clock = Callable[[], dt.datetime]

# Claiming races another curator only for the quotes both picked at once; a few rounds
# top the slice up with the next free quotes.
_ROUNDS = 3
_ID_CHUNK = 5000


@dataclass(frozen=True, slots=True)
class ClaimResult:
    """What a claim got: the quotes now held (in queue order) and until when."""

    quote_ids: tuple[int, ...]
    expires_at: dt.datetime
    # Curators whose expired leases were taken over, with how many quotes each.
    taken_from: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Holding:
    """Who holds what: one curator's claims."""

    curator: str
    quotes: int  # quotes held, live or expired
    open: int  # of those, still unverified
    expires_at: dt.datetime  # the latest lease
    expired: bool  # every lease has run out: anyone may take the quotes over


@dataclass(frozen=True, slots=True)
class Holder:
    curator: str
    expires_at: dt.datetime


def held_by_others(curator: str, now: dt.datetime) -> ColumnElement[bool]:
    """True for a quote someone else holds under a live lease (a condition on `quotes`)."""
    return exists().where(
        Claim.quote_id == Quote.id, Claim.curator != curator, Claim.expires_at > now
    )


def visible_to(curator: str, now: dt.datetime) -> ColumnElement[bool]:
    """The queue a curator sees by default: quotes nobody else holds."""
    return ~held_by_others(curator, now)


def _free(now: dt.datetime) -> ColumnElement[bool]:
    """Quotes under no live lease at all: what the next slice is made of."""
    return ~exists().where(Claim.quote_id == Quote.id, Claim.expires_at > now)


def _sort_keys(f: QueueFilter) -> list[Any]:
    # The queue's order (reads._sort_keys), so a slice is the top of what the curator sees.
    if f.sort == "article":
        return [Quote.article_id, Quote.start, Quote.id]
    if f.sort == "newest":
        return [Quote.id.desc()]
    return [Quote.confidence, Quote.id]


def _upsert(session: Session, rows: list[dict[str, Any]], now: dt.datetime) -> Sequence[int]:
    """Insert the claims; a quote whose lease has expired changes hands, a live one does
    not. One statement, so a concurrent claim of the same quote waits for it (PostgreSQL's
    conflict check re-reads the committed row) or is queued behind it (SQLite's write
    lock): exactly one curator ends up holding each quote."""
    dialect = session.get_bind().dialect.name
    # Only the dialect in use is imported: PostgreSQL's costs a SQLite workbench's start-up
    # about as much as its first page (issue 19).
    module: Any = import_module(
        "sqlalchemy.dialects." + ("sqlite" if dialect == "sqlite" else "postgresql")
    )
    # Rows passed as parameters, not .values(rows): a statement of constant shape that
    # SQLAlchemy compiles once (it still goes to the database as one multi-row INSERT).
    stmt = module.insert(Claim)
    stmt = stmt.on_conflict_do_update(
        index_elements=[Claim.quote_id],
        set_={
            "curator": stmt.excluded.curator,
            "claimed_at": stmt.excluded.claimed_at,
            "expires_at": stmt.excluded.expires_at,
        },
        where=Claim.expires_at <= now,
    ).returning(Claim.quote_id)
    return list(session.scalars(stmt, rows))


def claim_next(
    session: Session,
    curator: str,
    f: QueueFilter,
    now: dt.datetime,
    *,
    size: int = DEFAULT_SLICE,
    lease: dt.timedelta = DEFAULT_LEASE,
) -> ClaimResult:
    """Claim the next `size` quotes of the queue `f` that nobody holds under a live lease.

    Expired leases (anyone's, the curator's own included) are taken over; the result names
    whose. Quotes the curator already holds are renewed, not counted again.
    """
    if size < 1:
        raise ValueError("a slice has at least one quote")
    expires = now + lease
    renew(session, curator, now, lease)
    dialect = session.get_bind().dialect.name
    got: list[int] = []
    taken: dict[str, int] = {}
    for _ in range(_ROUNDS):
        want = size - len(got)
        if want <= 0:
            break
        stmt = apply_filter(select(Quote.id), f, dialect).where(_free(now))
        candidates = list(session.scalars(stmt.order_by(*_sort_keys(f)).limit(want)))
        if not candidates:
            break
        before = dict(
            session.execute(
                select(Claim.quote_id, Claim.curator).where(Claim.quote_id.in_(candidates))
            ).all()
        )
        rows = [
            {"quote_id": q, "curator": curator, "claimed_at": now, "expires_at": expires}
            for q in candidates
        ]
        mine = set(_upsert(session, rows, now))
        for qid in candidates:
            if qid in mine:
                got.append(qid)
                previous = before.get(qid)
                if previous is not None and previous != curator:
                    taken[previous] = taken.get(previous, 0) + 1
    return ClaimResult(tuple(got), expires, tuple(sorted(taken.items())))


def take_over(
    session: Session,
    curator: str,
    holder: str,
    now: dt.datetime,
    *,
    lease: dt.timedelta = DEFAULT_LEASE,
) -> ClaimResult:
    """Take over `holder`'s expired leases. A live lease is never taken: the caller learns
    until when it runs (`live_lease_of`)."""
    expires = now + lease
    ids = session.scalars(
        update(Claim)
        .where(Claim.curator == holder, Claim.expires_at <= now)
        .values(curator=curator, claimed_at=now, expires_at=expires)
        .returning(Claim.quote_id)
    ).all()
    taken = ((holder, len(ids)),) if ids and holder != curator else ()
    return ClaimResult(tuple(sorted(ids)), expires, taken)


def live_lease_of(session: Session, holder: str, now: dt.datetime) -> dt.datetime | None:
    """Until when `holder` still holds quotes under a live lease, or None."""
    return session.scalar(
        select(func.max(Claim.expires_at)).where(Claim.curator == holder, Claim.expires_at > now)
    )


def renew(session: Session, curator: str, now: dt.datetime, lease: dt.timedelta) -> int:
    """Extend every lease the curator still holds (expired ones nobody took over too)."""
    result = session.execute(
        update(Claim).where(Claim.curator == curator).values(expires_at=now + lease)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def release(session: Session, curator: str, quote_ids: Iterable[int] | None = None) -> int:
    """Give up the curator's claims (all, or just `quote_ids`)."""
    stmt = delete(Claim).where(Claim.curator == curator)
    if quote_ids is not None:
        stmt = stmt.where(Claim.quote_id.in_(list(quote_ids)))
    result = session.execute(stmt)
    return int(getattr(result, "rowcount", 0) or 0)


def holdings(session: Session, now: dt.datetime) -> list[Holding]:
    """Every curator holding quotes, the one with the most open quotes first."""
    is_open = case((Quote.status == "unverified", 1), else_=0)
    rows = session.execute(
        select(Claim.curator, func.count(), func.sum(is_open), func.max(Claim.expires_at))
        .join(Quote, Quote.id == Claim.quote_id)
        .group_by(Claim.curator)
    ).all()
    found = [
        Holding(
            curator=curator,
            quotes=int(n),
            open=int(n_open or 0),
            expires_at=latest,
            expired=latest <= now,
        )
        for curator, n, n_open, latest in rows
    ]
    return sorted(found, key=lambda h: (-h.open, h.curator))


def holders(session: Session, quote_ids: Iterable[int], now: dt.datetime) -> dict[int, Holder]:
    """Who holds each of these quotes under a live lease (quotes nobody holds are absent)."""
    ids = list(quote_ids)
    found: dict[int, Holder] = {}
    # In chunks: a bulk decision may name more quotes than a statement may bind.
    for i in range(0, len(ids), _ID_CHUNK):
        rows = session.execute(
            select(Claim.quote_id, Claim.curator, Claim.expires_at).where(
                and_(Claim.quote_id.in_(ids[i : i + _ID_CHUNK]), Claim.expires_at > now)
            )
        ).all()
        found.update({qid: Holder(curator, expires) for qid, curator, expires in rows})
    return found
