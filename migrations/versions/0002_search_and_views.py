"""full-text search over quote text, and the verified_quotes view

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 16:20:00

SQLite gets an FTS5 external-content table kept in sync by triggers (the sqlite-utils
pattern); PostgreSQL gets a GIN index on the tsvector of the text. `quotes.store.search`
hides the difference.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_FTS = [
    """CREATE VIRTUAL TABLE quotes_fts USING fts5(
        text, content='quotes', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER quotes_fts_ai AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER quotes_fts_ad AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER quotes_fts_au AFTER UPDATE OF text ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    # Index the quotes stored before this revision.
    "INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')",
]

VIEW = """CREATE VIEW verified_quotes AS
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


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
        op.execute(VIEW.format(agg="group_concat(t.name, ';')"))
    else:
        op.execute(
            "CREATE INDEX ix_quotes_text_fts ON quotes USING GIN (to_tsvector('english', text))"
        )
        op.execute(VIEW.format(agg="string_agg(t.name, ';' ORDER BY t.name)"))


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS verified_quotes")
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("quotes_fts_ai", "quotes_fts_ad", "quotes_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS quotes_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_quotes_text_fts")
