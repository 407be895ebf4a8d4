"""The one definition of "which quotes": the review queue, the workbench export and
`quotes export` all compile a `QueueFilter` with `filter_conditions`, so a filter can never
show one set of quotes on screen and write another to a file.

What a curator types is matched the way they mean it, the same everywhere: text is
case-insensitive; a speaker is found by name, alias or surname ("Stoltenberg"), together
with the speakers merged into it; topics and outlets by prefix ("sanctions" finds
"Sanctions", "wire" finds "Wire", "NATO-Russia" finds "NATO-Russia dialogue"); an article by
id or by its source (the full path or URL, or its last path component).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any, TypeVarTuple

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    and_,
    func,
    literal,
    or_,
    select,
    union,
)

# The plain value lives apart, without SQLAlchemy, so the workbench paints before the ORM
# loads (issue 19); it is re-exported here with the conditions it compiles to.
from quotes.curation.queue_filter import STATUS_FILTERS as STATUS_FILTERS
from quotes.curation.queue_filter import QueueFilter as QueueFilter
from quotes.curation.queue_filter import SortOrder as SortOrder
from quotes.curation.queue_filter import SourceFilter as SourceFilter
from quotes.curation.queue_filter import StatusFilter as StatusFilter
from quotes.store.models import (
    NAMED_SPEAKER_KINDS,
    UNNAMED_SPEAKER_KINDS,
    Article,
    Quote,
    QuoteTopic,
    Speaker,
    SpeakerAlias,
    Topic,
)
from quotes.store.names import normalize_name
from quotes.store.search import search_condition
from quotes.store.statement_sql import conflicting_copies

_Columns = TypeVarTuple("_Columns")
_ESCAPE = "/"


def _given(value: str | None) -> str | None:
    """Blank means no filter: a stray space in a form field must not hide every quote."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def _like_escaped(value: str) -> str:
    return (
        value.replace(_ESCAPE, _ESCAPE * 2).replace("%", _ESCAPE + "%").replace("_", _ESCAPE + "_")
    )


def _starts_with(column: Any, prefix: str) -> ColumnElement[bool]:
    """Case-insensitive prefix match, wildcards in `prefix` taken literally. lower() on both
    sides in SQL, so both sides fold by the same (the database's) rule."""
    pattern = literal(_like_escaped(prefix) + "%")
    return func.lower(column).like(func.lower(pattern), escape=_ESCAPE)


def _counts_as_tagged() -> ColumnElement[bool]:
    """A topic link a topic filter counts: anything a curator has not dismissed (what the
    export's topics column carries too)."""
    return QuoteTopic.origin != "dismissed"


def speaker_ids_matching(name: str) -> CompoundSelect[Any]:
    """Speakers called `name` (their name, an alias, or a person's surname when `name` is
    one word), followed through merges, with every speaker merged into them.

    Each branch is an index lookup (normalized name, surname, alias), not a scan. Merges are
    flat (a merge re-points earlier merges at the survivor), so one step reaches the root.
    """
    key = normalize_name(name)
    named = union(
        select(Speaker.id).where(Speaker.normalized_name == key),
        select(SpeakerAlias.speaker_id).where(SpeakerAlias.normalized == key),
        select(Speaker.id).where(Speaker.surname == key),
    )
    roots = select(func.coalesce(Speaker.merged_into_id, Speaker.id)).where(Speaker.id.in_(named))
    return union(roots, select(Speaker.id).where(Speaker.merged_into_id.in_(roots)))


def _articles(*conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    return Quote.article_id.in_(select(Article.id).where(*conditions))


def filter_conditions(
    f: QueueFilter, dialect: str, *, with_status: bool = True
) -> list[ColumnElement[bool]]:
    """The WHERE conditions on `quotes` for `f`, ANDed by the caller.

    Only `quotes` columns appear at the top level (everything else is an uncorrelated
    subquery), so the export can aim them at its own alias of the table.
    """
    conditions: list[ColumnElement[bool]] = []
    if with_status and f.status != "any":
        conditions.append(Quote.status == f.status)
    speaker = _given(f.speaker)
    if f.speaker_id is not None:
        conditions.append(Quote.speaker_id == f.speaker_id)
    elif speaker:
        conditions.append(Quote.speaker_id.in_(speaker_ids_matching(speaker)))
    if f.source is not None:
        kinds = UNNAMED_SPEAKER_KINDS if f.source == "unnamed" else NAMED_SPEAKER_KINDS
        conditions.append(Quote.speaker_id.in_(select(Speaker.id).where(Speaker.kind.in_(kinds))))
    topic = _given(f.topic)
    if topic:
        tagged = (
            select(QuoteTopic.quote_id)
            .join(Topic, Topic.id == QuoteTopic.topic_id)
            .where(_starts_with(Topic.name, topic), _counts_as_tagged())
        )
        conditions.append(Quote.id.in_(tagged))
    outlet = _given(f.outlet)
    if outlet:
        conditions.append(_articles(_starts_with(Article.outlet, outlet)))
    if f.article_id is not None:
        conditions.append(Quote.article_id == f.article_id)
    source = _given(f.article_source)
    if source:
        tail = literal("%" + _like_escaped("/" + source))
        conditions.append(
            _articles(or_(Article.source == source, Article.source.like(tail, escape=_ESCAPE)))
        )
    if f.min_confidence is not None:
        conditions.append(Quote.confidence >= f.min_confidence)
    if f.max_confidence is not None:
        conditions.append(Quote.confidence <= f.max_confidence)
    if f.since is not None:
        conditions.append(_articles(Article.published >= f.since))
    if f.until is not None:
        conditions.append(_articles(Article.published <= f.until))
    if f.conflicts:
        conditions.append(Quote.id.in_(conflicting_copies()))
    search = _given(f.search)
    if search:
        cond = search_condition(dialect, search)
        if cond is not None:
            conditions.append(cond)
    return conditions


def apply_filter(
    stmt: Select[*_Columns], f: QueueFilter, dialect: str, *, with_status: bool = True
) -> Select[*_Columns]:
    conditions = filter_conditions(f, dialect, with_status=with_status)
    return stmt.where(and_(*conditions)) if conditions else stmt


def parse_day(value: str) -> dt.date:
    """YYYY-MM-DD only: `date.fromisoformat` alone would also take "20240101" and "2024-W01",
    which a curator typing a date never means."""
    text = value.strip()
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not text.replace("-", "").isdigit():
        raise ValueError(f"not a date (YYYY-MM-DD): {value!r}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _confidence(name: str, value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{name} confidence is not a number: {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise ValueError(f"{name} confidence must be between 0 and 1: {value!r}")
    return number


def filter_from_fields(
    current: QueueFilter,
    *,
    speaker: str | None = None,
    topic: str | None = None,
    outlet: str | None = None,
    article: str | None = None,
    min_confidence: str | None = None,
    max_confidence: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> QueueFilter:
    """`current` with the filter form's typed fields (blank: no filter); status, search and
    sort stay. A speaker "#12" is that speaker's id, an all-digit article an article id,
    anything else a source. Raises ValueError naming the field a curator got wrong."""
    speaker, article = _given(speaker), _given(article)
    speaker_id = None
    if speaker and speaker.startswith("#") and speaker[1:].isdigit():
        speaker_id, speaker = int(speaker[1:]), None
    low = _confidence("minimum", _given(min_confidence))
    high = _confidence("maximum", _given(max_confidence))
    if low is not None and high is not None and low > high:
        raise ValueError(f"minimum confidence {low} is above the maximum {high}")
    since, until = _given(since), _given(until)
    first = parse_day(since) if since else None
    last = parse_day(until) if until else None
    if first and last and first > last:
        raise ValueError(f"since {first} is after until {last}")
    return replace(
        current,
        speaker_id=speaker_id,
        speaker=speaker,
        topic=_given(topic),
        outlet=_given(outlet),
        article_id=int(article) if article and article.isdigit() else None,
        article_source=article if article and not article.isdigit() else None,
        min_confidence=low,
        max_confidence=high,
        since=first,
        until=last,
    )
