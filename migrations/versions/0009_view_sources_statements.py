"""verified_quotes carries the speaker's kind and the quote's statement, like the export

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 05:40:00

`quotes export` gained `speaker_kind` (0004: unnamed and collective sources) and
`statement_id` / `copies` (0006: one statement across outlets). The view is what people query
with plain SQL, so it keeps the export's columns in the export's order; new columns are
appended, so a script reading columns by position keeps working.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The view as 0003 left it; {extra} is empty there and the new columns here.
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
    ({suggested}) AS suggested_topics{extra}
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN speakers s ON s.id = q.speaker_id
WHERE q.status = 'verified'"""

EXTRA = """,
    s.kind AS speaker_kind,
    (SELECT sq.statement_id FROM statement_quotes sq WHERE sq.quote_id = q.id) AS statement_id,
    (SELECT nullif(count(*), 0) FROM statement_quotes sc JOIN statement_quotes sq
       ON sc.statement_id = sq.statement_id WHERE sq.quote_id = q.id) AS copies"""


def topics_of_origin(dialect: str, origin: str) -> str:
    """The `;`-joined, sorted names of a quote's topics with one origin (as in 0003)."""
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


def _create(extra: str) -> None:
    dialect = op.get_bind().dialect.name
    op.execute("DROP VIEW IF EXISTS verified_quotes")
    op.execute(
        VIEW.format(
            curator=topics_of_origin(dialect, "curator"),
            suggested=topics_of_origin(dialect, "suggested"),
            extra=extra,
        )
    )


def upgrade() -> None:
    _create(EXTRA)


def downgrade() -> None:
    _create("")
