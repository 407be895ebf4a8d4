"""The workbench's "export what the queue shows", written by `quotes.export` like `quotes export`.

The queue filters by speaker id and the exporter by name, and a selection is exported whatever
its status; that translation is a rule of what "the current filter" means, so it lives here
and not in the screen that offers the key.
"""

from __future__ import annotations

from collections.abc import Sequence

from quotes.curation.filters import QueueFilter
from quotes.export import ExportFilter


def export_filter(
    f: QueueFilter, speaker: str | None, quote_ids: Sequence[int] | None = None
) -> ExportFilter:
    """The export filter for the queue's filter `f`: every field as the queue has it, the
    speaker by id when the queue has one (`speaker`, the name behind it, is only a fallback).

    Selected rows go out whatever their status: the curator picked exactly those.
    """
    return ExportFilter(
        status="any" if quote_ids else f.status,
        speaker_id=f.speaker_id,
        speaker=None if f.speaker_id is not None else (f.speaker or speaker),
        topic=f.topic,
        outlet=f.outlet,
        article=f.article_id if f.article_id is not None else f.article_source,
        min_confidence=f.min_confidence,
        max_confidence=f.max_confidence,
        since=f.since,
        until=f.until,
        search=f.search,
        quote_ids=list(quote_ids) if quote_ids else None,
    )
