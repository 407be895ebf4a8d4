"""The service layer: every curator operation, shared by the workbench and the CLI."""

from quotes.curation.errors import Conflict, CurationError, InvalidEdit, NotFound, NothingToUndo
from quotes.curation.filters import QueueFilter
from quotes.curation.service import CurationService

__all__ = [
    "Conflict",
    "CurationError",
    "CurationService",
    "InvalidEdit",
    "NotFound",
    "NothingToUndo",
    "QueueFilter",
]
