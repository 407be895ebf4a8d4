"""The service layer: every curator operation, shared by the workbench and the CLI."""

import importlib
from typing import TYPE_CHECKING, Any

# Names load on first use (PEP 562): `quotes --help` imports plain views from this package
# and must not pay for SQLAlchemy, the service and everything it reads (issue 19: start-up).
if TYPE_CHECKING:
    from quotes.curation.errors import (
        Conflict,
        CurationError,
        DatabaseError,
        DatabaseUnavailable,
        InvalidEdit,
        NotFound,
        NothingToUndo,
    )
    from quotes.curation.queue_filter import STATUS_FILTERS, QueueFilter, StatusFilter
    from quotes.curation.service import CurationService
    from quotes.store.statuses import QUOTE_STATUSES, QuoteStatus

_LAZY = {
    "Conflict": "quotes.curation.errors",
    "CurationError": "quotes.curation.errors",
    "DatabaseError": "quotes.curation.errors",
    "DatabaseUnavailable": "quotes.curation.errors",
    "InvalidEdit": "quotes.curation.errors",
    "NotFound": "quotes.curation.errors",
    "NothingToUndo": "quotes.curation.errors",
    # Plain values without SQLAlchemy: the workbench paints its first page before the ORM.
    "STATUS_FILTERS": "quotes.curation.queue_filter",
    "QueueFilter": "quotes.curation.queue_filter",
    "StatusFilter": "quotes.curation.queue_filter",
    "CurationService": "quotes.curation.service",
    "QUOTE_STATUSES": "quotes.store.statuses",
    "QuoteStatus": "quotes.store.statuses",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "QUOTE_STATUSES",
    "STATUS_FILTERS",
    "Conflict",
    "CurationError",
    "CurationService",
    "DatabaseError",
    "DatabaseUnavailable",
    "InvalidEdit",
    "NotFound",
    "NothingToUndo",
    "QueueFilter",
    "QuoteStatus",
    "StatusFilter",
]
