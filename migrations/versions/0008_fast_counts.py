"""indexes and counters for search, stats and speaker lookup at a million quotes

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 04:40:00

`quotes stats` counts quotes by status and by type, topic links by origin and live speakers
by verified. Without these indexes each count reads its whole table (quote rows carry their
text, so at a million quotes that is most of the database file); with them every count is a
scan of a narrow covering index.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_quotes_status_type", "quotes", ["status", "type"])
    op.create_index("ix_quote_topics_origin", "quote_topics", ["origin"])
    op.create_index("ix_speakers_live_verified", "speakers", ["merged_into_id", "verified"])


def downgrade() -> None:
    op.drop_index("ix_speakers_live_verified", table_name="speakers")
    op.drop_index("ix_quote_topics_origin", table_name="quote_topics")
    op.drop_index("ix_quotes_status_type", table_name="quotes")
