"""claims (work split between curators) and curator-only topics in verified_quotes

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 04:00:00

`claims` holds one row per quote a curator is reviewing, with a lease that expires: the
primary key on the quote is what makes two workbenches unable to hold the same quote, on
SQLite and PostgreSQL alike, without any lock held between key presses.

`verified_quotes.topics` used to carry every link a curator had not dismissed, so pending
suggestions were exported as if a curator had set them. Now `topics` is what curators set
and the pending suggestions have their own `suggested_topics` column, appended at the end
so scripts that index the columns by position keep working. A view cannot be altered in
place on SQLite, so it is dropped and created again with its whole definition.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# 0002's view, kept verbatim here so the downgrade restores exactly what it replaced.
VIEW_0002 = """CREATE VIEW verified_quotes AS
SELECT
    q.id AS quote_id,
    q.text AS quote,
    q.type AS type,
    s.name AS speaker,
    s.title AS speaker_title,
    s.organization AS speaker_organization,
    q.cue AS cue,
    (SELECT {agg} FROM quote_topics qt JOIN topics t ON t.id = qt.topic_id
      WHERE qt.quote_id = q.id AND qt.origin <> 'dismissed') AS topics,
    a.title AS article_title,
    a.outlet AS outlet,
    a.author AS author,
    a.published AS published,
    a.source AS source,
    q.start AS start,
    q."end" AS "end",
    q.confidence AS confidence,
    q.verified_by AS verified_by,
    q.verified_at AS verified_at
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN speakers s ON s.id = q.speaker_id
WHERE q.status = 'verified'"""

VIEW = """CREATE VIEW verified_quotes AS
SELECT
    q.id AS quote_id,
    q.text AS quote,
    q.type AS type,
    s.name AS speaker,
    s.title AS speaker_title,
    s.organization AS speaker_organization,
    q.cue AS cue,
    ({curator}) AS topics,
    a.title AS article_title,
    a.outlet AS outlet,
    a.author AS author,
    a.published AS published,
    a.source AS source,
    q.start AS start,
    q."end" AS "end",
    q.confidence AS confidence,
    q.verified_by AS verified_by,
    q.verified_at AS verified_at,
    ({suggested}) AS suggested_topics
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN speakers s ON s.id = q.speaker_id
WHERE q.status = 'verified'"""


def topics_of_origin(dialect: str, origin: str) -> str:
    """The `;`-joined, sorted names of a quote's topics with one origin.

    SQLite's group_concat keeps input order (and has no ORDER BY of its own before 3.44),
    hence the ordered inner select; sorted names make exports diff cleanly.
    """
    if dialect == "sqlite":
        return (
            "SELECT group_concat(name, ';') FROM (SELECT t.name AS name FROM quote_topics qt "
            "JOIN topics t ON t.id = qt.topic_id "
            f"WHERE qt.quote_id = q.id AND qt.origin = '{origin}' ORDER BY t.name)"
        )
    return (
        "SELECT string_agg(t.name, ';' ORDER BY t.name) FROM quote_topics qt "
        f"JOIN topics t ON t.id = qt.topic_id WHERE qt.quote_id = q.id AND qt.origin = '{origin}'"
    )


def _old_agg(dialect: str) -> str:
    if dialect == "sqlite":
        return "group_concat(t.name, ';')"
    return "string_agg(t.name, ';' ORDER BY t.name)"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "claims",
        sa.Column("quote_id", sa.Integer(), nullable=False),
        sa.Column("curator", sa.String(length=100), nullable=False),
        sa.Column("claimed_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["quote_id"],
            ["quotes.id"],
            name=op.f("fk_claims_quote_id_quotes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("quote_id", name=op.f("pk_claims")),
    )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claims_curator"), ["curator"], unique=False)
        batch_op.create_index(batch_op.f("ix_claims_expires_at"), ["expires_at"], unique=False)

    op.execute("DROP VIEW IF EXISTS verified_quotes")
    op.execute(
        VIEW.format(
            curator=topics_of_origin(dialect, "curator"),
            suggested=topics_of_origin(dialect, "suggested"),
        )
    )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.execute("DROP VIEW IF EXISTS verified_quotes")
    op.execute(VIEW_0002.format(agg=_old_agg(dialect)))
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claims_expires_at"))
        batch_op.drop_index(batch_op.f("ix_claims_curator"))
    op.drop_table("claims")
