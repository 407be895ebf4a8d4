"""unnamed and collective speakers, name-token index, ambiguous links

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 04:00:00

Unnamed ("a senior official") and collective ("experts", "the campaign") sources become
speakers of kind `unnamed` / `group` instead of being dropped. A person's surname is a
column with an index, so linking "Obama" to a known person is one indexed lookup instead of
a LIKE scan of every speaker. A surname that could be several people gets its own speaker
flagged `ambiguous`, with the people it could be in `speaker_candidates`.

SQLite cannot alter a CHECK constraint and rebuilding `speakers` would cost its quotes their
speaker (see `_replace_kind_check`); the new columns and index need no rebuild.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KINDS = ("person", "organization", "other")
NEW_KINDS = ("person", "organization", "group", "unnamed", "other")


def _kind_check(kinds: tuple[str, ...]) -> str:
    return "kind IN (" + ", ".join(f"'{k}'" for k in kinds) + ")"


def _replace_kind_check(old: tuple[str, ...], new: tuple[str, ...]) -> None:
    """Swap the CHECK on speakers.kind without rebuilding the table.

    A batch rebuild would DROP the old `speakers` table, and with foreign keys on (they are,
    and a PRAGMA cannot turn them off inside the migration's transaction) that drop deletes
    every alias and un-attributes every quote through their ON DELETE actions; it also breaks
    on the `verified_quotes` view. SQLite documents editing the stored CREATE TABLE text for
    a change that leaves the file format alone, which swapping one CHECK for another is; the
    rows already satisfy the new CHECK (the downgrade rewrites the new kinds first).
    """
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        op.drop_constraint(op.f("ck_speakers_kind"), "speakers", type_="check")
        op.create_check_constraint(op.f("ck_speakers_kind"), "speakers", _kind_check(new))
        return
    sql = bind.execute(
        sa.text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'speakers'")
    ).scalar_one()
    old_check, new_check = _kind_check(old), _kind_check(new)
    if old_check not in sql:
        raise RuntimeError(f"speakers has no CHECK ({old_check}) to replace: {sql}")
    version = bind.execute(sa.text("PRAGMA schema_version")).scalar_one()
    bind.execute(sa.text("PRAGMA writable_schema = ON"))
    bind.execute(
        sa.text("UPDATE sqlite_master SET sql = :sql WHERE type = 'table' AND name = 'speakers'"),
        {"sql": sql.replace(old_check, new_check)},
    )
    # A new schema version makes every connection, this one included, re-read the schema.
    bind.execute(sa.text(f"PRAGMA schema_version = {int(version) + 1}"))
    bind.execute(sa.text("PRAGMA writable_schema = OFF"))


def upgrade() -> None:
    _replace_kind_check(OLD_KINDS, NEW_KINDS)
    with op.batch_alter_table("speakers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("surname", sa.String(length=100), nullable=True))
        batch_op.add_column(
            sa.Column("ambiguous", sa.Boolean(), nullable=False, server_default="0")
        )
        batch_op.create_index(batch_op.f("ix_speakers_surname"), ["surname"], unique=False)

    # Existing people get their surname: the last word of the folded name.
    bind = op.get_bind()
    rows = bind.execute(
        sa.text("SELECT id, normalized_name FROM speakers WHERE kind = 'person'")
    ).all()
    for speaker_id, key in rows:
        words = (key or "").split()
        if words:
            bind.execute(
                sa.text("UPDATE speakers SET surname = :s WHERE id = :id"),
                {"s": words[-1][:100], "id": speaker_id},
            )

    op.create_table(
        "speaker_candidates",
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
            name=op.f("fk_speaker_candidates_speaker_id_speakers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["speakers.id"],
            name=op.f("fk_speaker_candidates_candidate_id_speakers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("speaker_id", "candidate_id", name=op.f("pk_speaker_candidates")),
    )
    with op.batch_alter_table("speaker_candidates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_speaker_candidates_candidate_id"), ["candidate_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("speaker_candidates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_speaker_candidates_candidate_id"))
    op.drop_table("speaker_candidates")
    # The old constraint cannot hold the new kinds: they fall back to `other`, the old
    # catch-all, rather than the downgrade failing or dropping the rows and their quotes.
    op.execute(
        sa.text(
            "UPDATE speakers SET kind = 'other' WHERE kind NOT IN ("
            + ", ".join(f"'{k}'" for k in OLD_KINDS)
            + ")"
        )
    )
    op.drop_index(op.f("ix_speakers_surname"), table_name="speakers")
    # Plain ALTER TABLE DROP COLUMN (SQLite 3.35+), for the same reason as the CHECK: a
    # batch rebuild of `speakers` would empty its referencing columns.
    op.drop_column("speakers", "ambiguous")
    op.drop_column("speakers", "surname")
    _replace_kind_check(NEW_KINDS, OLD_KINDS)
