"""statements grouping the same quote across articles

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 04:00:00

A statement is one thing somebody said, however many articles carry it. `statement_quotes`
puts every quote in exactly one statement and holds the exact-match key of its normalized
text; `statement_fingerprints` holds the winnowed shingle hashes a trimmed or reworded copy
is found by. Both are indexes over quotes, rebuilt by `quotes statements rebuild`; the
upgrade leaves them empty (existing quotes are grouped by that command) so it stays fast on
a large database. Curator decisions stay on `quotes`: nothing here is curator data.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MATCHES = ("first", "identical", "near", "trimmed")


def upgrade() -> None:
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statements")),
    )
    op.create_table(
        "statement_quotes",
        sa.Column("quote_id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("text_key", sa.String(length=32), nullable=False),
        sa.Column("how", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.CheckConstraint(
            "how IN (" + ", ".join(f"'{m}'" for m in MATCHES) + ")",
            name=op.f("ck_statement_quotes_how"),
        ),
        sa.ForeignKeyConstraint(
            ["quote_id"],
            ["quotes.id"],
            name=op.f("fk_statement_quotes_quote_id_quotes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_statement_quotes_statement_id_statements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("quote_id", name=op.f("pk_statement_quotes")),
    )
    with op.batch_alter_table("statement_quotes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_statement_quotes_statement_id"), ["statement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_statement_quotes_text_key"), ["text_key"], unique=False
        )
    op.create_table(
        "statement_fingerprints",
        sa.Column("fingerprint", sa.BigInteger(), nullable=False),
        sa.Column("quote_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["quote_id"],
            ["quotes.id"],
            name=op.f("fk_statement_fingerprints_quote_id_quotes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("fingerprint", "quote_id", name=op.f("pk_statement_fingerprints")),
    )
    with op.batch_alter_table("statement_fingerprints", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_statement_fingerprints_quote_id"), ["quote_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("statement_fingerprints", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statement_fingerprints_quote_id"))
    op.drop_table("statement_fingerprints")
    with op.batch_alter_table("statement_quotes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statement_quotes_text_key"))
        batch_op.drop_index(batch_op.f("ix_statement_quotes_statement_id"))
    op.drop_table("statement_quotes")
    op.drop_table("statements")
