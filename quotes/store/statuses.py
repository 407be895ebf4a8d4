"""A quote's curation states, in a module that imports no SQLAlchemy.

The workbench's first screen and the queue filter need the states before the models are
loaded (issue 19: `quotes tui` paints its first page without SQLAlchemy); the models import
them from here, so there is still one definition.
"""

from __future__ import annotations

from typing import Literal, get_args

# The one definition of a quote's curation states: the CHECK constraint, the service's
# decisions, the queue's filter and the export's --status are all derived from it.
QuoteStatus = Literal["unverified", "verified", "rejected"]
QUOTE_STATUSES: tuple[QuoteStatus, ...] = get_args(QuoteStatus)
