"""How big a curator's slice is and how long its lease runs, without SQLAlchemy.

The workbench reads these while its first screen is built, before the ORM is loaded (issue
19: `quotes tui` start-up); `quotes.curation.claims`, which applies them, imports them here.
"""

from __future__ import annotations

import datetime as dt

# Long enough to review a slice without the lease running out under a curator who pauses;
# short enough that a crashed workbench's slice comes back the same morning.
DEFAULT_LEASE = dt.timedelta(minutes=30)
DEFAULT_SLICE = 25
