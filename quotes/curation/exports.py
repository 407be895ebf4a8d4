"""The workbench's "export what the queue shows", written by `quotes.export` like `quotes export`.

The exporter takes the queue's filter whole, and a selection is exported whatever its status;
that is a rule of what "the current filter" means, so it lives here and not in the screen
that offers the key.
"""

from __future__ import annotations

from collections.abc import Sequence

from quotes.curation.filters import QueueFilter
from quotes.export import ExportFilter


def export_filter(
    f: QueueFilter, speaker: str | None = None, quote_ids: Sequence[int] | None = None
) -> ExportFilter:
    """The export filter for the queue's filter `f`: `f` itself, whole, so every field the
    queue filters by is exported as the queue shows it (`speaker`, the name behind a speaker
    id, is no longer needed and kept only for callers that pass it).

    Selected rows go out whatever their status: the curator picked exactly those.
    """
    return ExportFilter(
        status="any" if quote_ids else f.status,
        queue=f,
        quote_ids=list(quote_ids) if quote_ids else None,
    )
