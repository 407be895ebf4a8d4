"""The queue's export key, answered by the curation service (`CurationService.export_quotes`).

Runs inside a write worker, never on the UI thread: the service's exporter reads on its own
autocommit connection, so a long export does not hold up the curator's decisions.
"""

from __future__ import annotations

from collections.abc import Sequence

from quotes.curation import CurationService, QueueFilter
from quotes.curation.views import ExportResult


def export_csv(
    service: CurationService,
    f: QueueFilter,
    path: str,
    quote_ids: Sequence[int] | None = None,
) -> ExportResult:
    """Write the quotes matching `f` (or just `quote_ids`) to `path`; the count and the
    absolute path come back typed, so the queue knows the answer by its class."""
    return service.export_quotes(f, path, quote_ids, "csv")
