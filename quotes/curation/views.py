"""What the service layer hands to the workbench and the CLI: plain frozen values.

No ORM objects cross this boundary, so a widget can never lazy-load (and so never run SQL
on the UI thread) and a worker's session can close as soon as it has answered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # a plain frozen value too; imported lazily to keep start-up light
    from quotes.statements.reads import StatementInfo


@dataclass(frozen=True, slots=True)
class QueueRow:
    id: int
    status: str
    type: str
    speaker: str | None
    text: str
    outlet: str | None
    published: dt.date | None
    confidence: float
    version: int
    article_id: int


@dataclass(frozen=True, slots=True)
class QueuePage:
    rows: list[QueueRow]
    # Pass back as `after` to get the next page (keyset pagination); None at the end.
    next_key: tuple[Any, ...] | None


@dataclass(frozen=True, slots=True)
class Count:
    """How many quotes, or at least how many: counting a common word's matches stops at a
    cap instead of reading them all (`capped`: there are more than `value`)."""

    value: int
    capped: bool = False

    def __str__(self) -> str:
        return f"{self.value:,}+" if self.capped else f"{self.value:,}"


@dataclass(frozen=True, slots=True)
class Progress:
    verified: int
    rejected: int
    unverified: int
    # Set when counting stopped at a cap (a common word): only this much is known, and the
    # three counts above are not (zero) until an exact count is asked for.
    matching: Count | None = None

    @property
    def total(self) -> int:
        if self.matching is not None:
            return self.matching.value
        return self.verified + self.rejected + self.unverified


@dataclass(frozen=True, slots=True)
class TopicTag:
    topic_id: int
    name: str
    origin: str  # suggested | curator | dismissed
    score: float | None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    id: int
    action: str
    curator: str
    at: dt.datetime
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    undone: bool
    # Names resolved when read, so a removed tag or a merged-away speaker is still named:
    # the topic of a quote_topic entry, the speakers of a speaker_id change.
    topic: str | None = None
    speaker_before: str | None = None
    speaker_after: str | None = None


@dataclass(frozen=True, slots=True)
class SpeakerInfo:
    id: int
    name: str
    kind: str
    title: str | None
    organization: str | None
    verified: bool
    version: int
    aliases: tuple[str, ...] = ()
    quote_count: int = 0
    merged_into_id: int | None = None


@dataclass(frozen=True, slots=True)
class QuoteCard:
    id: int
    status: str
    type: str
    text: str
    start: int
    end: int
    cue: str | None
    mention: str | None
    mention_start: int | None
    mention_end: int | None
    confidence: float
    version: int
    verified_by: str | None
    verified_at: dt.datetime | None
    speaker: SpeakerInfo | None
    article_id: int
    article_title: str | None
    article_source: str
    outlet: str | None
    published: dt.date | None
    # The paragraph around the quote, and where the quote sits inside it.
    paragraph: str
    paragraph_start: int
    topics: tuple[TopicTag, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    # What pulls the confidence down most, in words ("speaker found by: pronoun").
    confidence_drivers: tuple[str, ...] = ()
    # The sentence where the speaker was named, when that is outside the paragraph shown
    # (a "he" or "the minister" resolved further up, a speaker carried over): the curator
    # checks the attribution there. Empty when the mention is inside the paragraph.
    mention_sentence: str = ""
    mention_sentence_start: int = 0
    # The statement this quote is a copy of, with every copy in every outlet (verify once,
    # attribution conflicts); None when the quote is in no statement.
    statement: StatementInfo | None = None


@dataclass(frozen=True, slots=True)
class MergePreview:
    """What `M` would do, shown before it is done: the quote merged away and the text kept."""

    partner_id: int
    text: str
    version: int  # of the quote kept, as previewed: a change since refuses the merge


@dataclass(frozen=True, slots=True)
class ArticleView:
    id: int
    title: str | None
    source: str
    outlet: str | None
    author: str | None
    published: dt.date | None
    text: str
    quotes: tuple[QueueRow, ...] = ()
    # (start, end) of each quote, aligned with `quotes`.
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class TopicInfo:
    id: int
    name: str
    description: str | None
    quote_count: int = 0
    suggested_count: int = 0


@dataclass(frozen=True, slots=True)
class UndoResult:
    action: str
    count: int
    entity_ids: tuple[int, ...] = field(default=())
    # Newer actions of the curator's that were passed over because someone else has changed
    # their rows since, each said in words ("verify on quote 51: changed since by bob").
    skipped: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class ExportResult:
    count: int
    path: str  # absolute, so the curator can find the file whatever the working directory
