"""Export what the queue shows through `quotes.export`, the same code as `quotes export`.

Runs inside a write worker (never on the UI thread); the export module reads on its own
autocommit connection, so a long export does not hold up the curator's decisions.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from quotes.curation import CurationService, QueueFilter


def export_csv(
    service: CurationService,
    f: QueueFilter,
    path: str,
    quote_ids: Sequence[int] | None = None,
) -> tuple[int, str]:
    """Write the quotes matching `f` (or just `quote_ids`) to `path`; (count, absolute path)."""
    from quotes.export import ExportFilter, export_to_path

    speaker = f.speaker
    if f.speaker_id is not None:
        speaker = service.speaker(f.speaker_id).name
    filters = ExportFilter(
        status="any" if quote_ids else f.status,
        speaker=speaker,
        topic=f.topic,
        outlet=f.outlet,
        article=f.article_id,
        search=f.search,
        quote_ids=list(quote_ids) if quote_ids else None,
    )
    target = Path(path).expanduser()
    count = export_to_path(service.db.engine, filters, target, "csv")
    return count, str(target.resolve())
