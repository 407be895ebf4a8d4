"""The conflicting-attribution query, shared by `quotes stats`, the statements listing and
the review queue's filter (it lives in the store so `quotes.store.stats` may use it).

A statement is in conflict when its copies name different speakers after merges are
resolved: a merged speaker counts as the one it was merged into, and aliases already point
at one speaker row. Only named speakers count (a "senior official" in one outlet and a name
in another is a source made more precise, not a contradiction), and a copy a curator
rejected is no attribution at all.

On SQLite the statements in conflict are also kept by triggers (migration 0010, table
`statement_conflicts`, for `quotes stats`), which repeat this definition in SQL: change both,
or tests/store/test_stat_counters.py fails.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, func, select

from quotes.store.models import NAMED_SPEAKER_KINDS, Quote, Speaker, StatementQuote


def resolved_speaker_id() -> ColumnElement[Any]:
    """The speaker a copy names, counted as the survivor when it was merged away."""
    return func.coalesce(Speaker.merged_into_id, Speaker.id)


def conflicting_statement_ids() -> Select[int]:
    """Ids of statements whose live copies name more than one speaker."""
    return (
        select(StatementQuote.statement_id)
        .join(Quote, Quote.id == StatementQuote.quote_id)
        .join(Speaker, Speaker.id == Quote.speaker_id)
        .where(Quote.status != "rejected", Speaker.kind.in_(NAMED_SPEAKER_KINDS))
        .group_by(StatementQuote.statement_id)
        .having(func.count(func.distinct(resolved_speaker_id())) > 1)
    )


def shared_statement_ids() -> Select[int]:
    """Ids of statements with more than one copy."""
    return (
        select(StatementQuote.statement_id)
        .group_by(StatementQuote.statement_id)
        .having(func.count() > 1)
    )


def conflicting_copies() -> Select[int]:
    """Ids of the quotes that are copies of a statement in conflict (the queue's filter)."""
    return select(StatementQuote.quote_id).where(
        StatementQuote.statement_id.in_(conflicting_statement_ids())
    )
