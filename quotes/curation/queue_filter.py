"""`QueueFilter`, the plain value naming "which quotes", in a module without SQLAlchemy.

The workbench builds and compares filters before its first paint, long before anything is
compiled to SQL; `quotes.curation.filters` turns them into conditions (and re-exports them),
so the queue screen can load without the ORM (issue 19: `quotes tui` start-up).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

from quotes.store.statuses import QUOTE_STATUSES, QuoteStatus

# A quote's status (defined once, in quotes.store.statuses), or "any" for no status filter.
StatusFilter = QuoteStatus | Literal["any"]
STATUS_FILTERS: tuple[StatusFilter, ...] = (*QUOTE_STATUSES, "any")
SortOrder = Literal["confidence", "article", "newest"]
SourceFilter = Literal["named", "unnamed"]


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """Every field narrows; None means "no filter on this". Plain values, so a filter can be
    built from CLI options, the filter form or a test, and compared."""

    status: StatusFilter = "unverified"
    speaker_id: int | None = None
    speaker: str | None = None  # a name, alias or surname, when no id is known
    topic: str | None = None  # a topic name or its start
    outlet: str | None = None  # an outlet or its start
    article_id: int | None = None
    article_source: str | None = None  # the full source, or its last path component
    min_confidence: float | None = None
    max_confidence: float | None = None
    since: dt.date | None = None  # the article's published date, inclusive
    until: dt.date | None = None
    search: str | None = None  # words of the quote text, the last one a prefix
    sort: SortOrder = "confidence"
    # "named": quotes of a named person or organization; "unnamed": of an unnamed or
    # collective source ("experts", "a senior official"). Unattributed quotes are neither.
    source: SourceFilter | None = None
    # Only copies of statements whose copies name different speakers (quotes.statements).
    conflicts: bool = False

    def with_status(self, status: StatusFilter) -> QueueFilter:
        return replace(self, status=status)
