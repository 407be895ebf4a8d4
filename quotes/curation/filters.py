"""The review queue's filter, shared by the workbench, the CLI and the exporter."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from sqlalchemy import CompoundSelect, Select, and_, select, union

from quotes.store.models import Article, Quote, QuoteTopic, Speaker, SpeakerAlias, Topic
from quotes.store.names import normalize_name
from quotes.store.search import search_condition

StatusFilter = Literal["unverified", "verified", "rejected", "any"]
SortOrder = Literal["confidence", "article", "newest"]


@dataclass(frozen=True, slots=True)
class QueueFilter:
    status: StatusFilter = "unverified"
    speaker_id: int | None = None
    speaker: str | None = None  # a name or alias, when no id is known
    topic: str | None = None
    outlet: str | None = None
    article_id: int | None = None
    search: str | None = None
    sort: SortOrder = "confidence"

    def with_status(self, status: StatusFilter) -> QueueFilter:
        return replace(self, status=status)


def speaker_ids_matching(name: str) -> CompoundSelect:
    """Speakers whose name or alias is `name`, and the speakers merged into them.

    A UNION of index lookups: an OR of two IN-subqueries made SQLite scan every speaker.
    """
    key = normalize_name(name)
    direct = select(Speaker.id).where(Speaker.normalized_name == key)
    via_alias = select(SpeakerAlias.speaker_id).where(SpeakerAlias.normalized == key)
    named = union(direct, via_alias)
    merged = select(Speaker.id).where(Speaker.merged_into_id.in_(named))
    return union(direct, via_alias, merged)


def apply_filter(stmt: Select, f: QueueFilter, dialect: str, *, with_status: bool = True) -> Select:  # type: ignore[type-arg]
    conditions = []
    if with_status and f.status != "any":
        conditions.append(Quote.status == f.status)
    if f.speaker_id is not None:
        conditions.append(Quote.speaker_id == f.speaker_id)
    elif f.speaker:
        conditions.append(Quote.speaker_id.in_(speaker_ids_matching(f.speaker)))
    if f.topic:
        tagged = (
            select(QuoteTopic.quote_id)
            .join(Topic, Topic.id == QuoteTopic.topic_id)
            .where(Topic.name == f.topic, QuoteTopic.origin != "dismissed")
        )
        conditions.append(Quote.id.in_(tagged))
    if f.outlet:
        conditions.append(
            Quote.article_id.in_(select(Article.id).where(Article.outlet == f.outlet))
        )
    if f.article_id is not None:
        conditions.append(Quote.article_id == f.article_id)
    if f.search:
        cond = search_condition(dialect, f.search)
        if cond is not None:
            conditions.append(cond)
    return stmt.where(and_(*conditions)) if conditions else stmt
