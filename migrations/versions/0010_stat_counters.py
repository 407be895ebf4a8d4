"""counts for `quotes stats` kept by triggers on SQLite

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 10:30:00

At a million quotes the counts `quotes stats` shows cost more than the command's start-up,
even from covering indexes (0008): counting a million index entries is a million steps.
Here every write keeps them instead, so `quotes stats` reads one small table (issue 19).

- `stat_counts(name, k1, k2, n)`: one row per count, keyed by what it breaks down by
  (quotes by status and type, topic links by origin, live speakers by verified; articles,
  topics, edits, shared statements and statement conflicts as one row each). Row triggers
  on the counted tables add and take away; SQLite serialises writers, so two transactions
  never interleave their changes to a counter row.
- `statement_conflicts(statement_id)`: the statements in conflict, exactly as
  `quotes.store.statement_sql.conflicting_statement_ids` defines it (the statements listing
  and the queue's conflicts filter use that query), re-decided for each statement a write
  can change: a copy added, removed or moved, a copy's quote changing speaker or being
  rejected or un-rejected, a speaker changing kind or being merged (the statements of its
  quotes), and every cascade of those. The trigger SQL below repeats that definition; the
  tests compare both after every kind of write, so a change to one without the other fails.

Only on SQLite. On PostgreSQL curators write concurrently, and every transaction updating
the same few counter rows would serialise them and deadlock when two take them in
different orders; there `quotes stats` keeps running the plain queries. The tables are not
created there either: an empty `stat_counts` would be a wrong answer to anyone querying it
with `quotes sql`. They are not in the models (like the FTS5 table of 0002), and
`quotes.store.migrate.include_object` keeps autogenerate from dropping them.

A later migration that rebuilds one of the counted tables on SQLite (Alembic's batch mode
copies the table and drops the old one) drops its triggers with it and must create them
again; the counters are then recounted by running `backfill` after emptying them.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    """CREATE TABLE stat_counts (
    name VARCHAR(32) NOT NULL,
    k1 VARCHAR(32) NOT NULL DEFAULT '',
    k2 VARCHAR(32) NOT NULL DEFAULT '',
    n INTEGER NOT NULL,
    CONSTRAINT pk_stat_counts PRIMARY KEY (name, k1, k2)
) WITHOUT ROWID""",
    "CREATE TABLE statement_conflicts (statement_id INTEGER NOT NULL PRIMARY KEY)",
)

# Named kinds as in `quotes.store.models.NAMED_SPEAKER_KINDS` (0004): only a named speaker
# can contradict another.
NAMED = "('person', 'organization', 'other')"


def _in_conflict(statement: str) -> str:
    """True when the copies of `statement` (an SQL expression) name more than one speaker
    after merges, counting neither rejected copies nor unnamed sources."""
    return (
        "(SELECT count(DISTINCT coalesce(s.merged_into_id, s.id)) FROM statement_quotes sq "
        "JOIN quotes q ON q.id = sq.quote_id JOIN speakers s ON s.id = q.speaker_id "
        f"WHERE sq.statement_id = {statement} AND q.status != 'rejected' "
        f"AND s.kind IN {NAMED}) > 1"
    )


def _redecide(statements: str) -> str:
    """Statements bringing `statement_conflicts` up to date for the statement ids that the
    SELECT `statements` yields (as its column `id`): out when no longer in conflict, in when
    newly so. A statement whose answer stands is not touched, so its counter does not move."""
    return f"""
    DELETE FROM statement_conflicts
        WHERE statement_id IN (SELECT id FROM ({statements}))
        AND NOT {_in_conflict("statement_conflicts.statement_id")};
    INSERT INTO statement_conflicts (statement_id)
        SELECT DISTINCT c.id FROM ({statements}) AS c
        WHERE c.id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM statement_conflicts x WHERE x.statement_id = c.id)
        AND {_in_conflict("c.id")};"""


def _mark(statement: str) -> str:
    """A copy added to `statement`: it may now be in conflict, never out of one (one more
    copy cannot make the copies agree)."""
    return f"""
    INSERT INTO statement_conflicts (statement_id)
        SELECT {statement}
        WHERE NOT EXISTS (SELECT 1 FROM statement_conflicts WHERE statement_id = {statement})
        AND {_in_conflict(statement)};"""


def _unmark(statement: str) -> str:
    """A copy gone from `statement`: it may be out of conflict now, never newly in one. A
    statement not in conflict costs one primary-key probe (most statements have one copy)."""
    return f"""
    DELETE FROM statement_conflicts
        WHERE statement_id = {statement}
        AND NOT {_in_conflict("statement_conflicts.statement_id")};"""


def _add(name: str, k1: str = "''", k2: str = "''") -> str:
    """Add one to a counter, creating its row the first time a key is seen."""
    return (
        f"INSERT INTO stat_counts (name, k1, k2, n) VALUES ('{name}', {k1}, {k2}, 1) "
        "ON CONFLICT (name, k1, k2) DO UPDATE SET n = n + 1;"
    )


def _take(name: str, k1: str = "''", k2: str = "''") -> str:
    return f"UPDATE stat_counts SET n = n - 1 WHERE name = '{name}' AND k1 = {k1} AND k2 = {k2};"


def _verified(row: str) -> str:
    # As the plain query reads it: `verified IS 1`.
    return f"CASE WHEN {row}.verified IS 1 THEN 'verified' ELSE 'unverified' END"


def _copies_are(statement: str, n: int) -> str:
    return f"(SELECT count(*) FROM statement_quotes WHERE statement_id = {statement}) = {n}"


def _shared(op_: str, statement: str, copies: int) -> str:
    """A statement becomes shared at its second copy and stops being at its last but one."""
    return (
        f"UPDATE stat_counts SET n = n {op_} 1 WHERE name = 'shared_statements' "
        f"AND {_copies_are(statement, copies)};"
    )


def _statements_of_speaker(speaker: str) -> str:
    return (
        "SELECT sq.statement_id AS id FROM quotes q JOIN statement_quotes sq ON sq.quote_id = q.id "
        f"WHERE q.speaker_id = {speaker}"
    )


# name -> (event, WHEN condition or "", body)
TRIGGERS: dict[str, tuple[str, str, str]] = {
    "stat_quotes_ai": (
        "AFTER INSERT ON quotes",
        "",
        _add("quotes", "NEW.status", "NEW.type"),
    ),
    "stat_quotes_ad": (
        "AFTER DELETE ON quotes",
        "",
        _take("quotes", "OLD.status", "OLD.type"),
    ),
    "stat_quotes_au": (
        "AFTER UPDATE OF status, type ON quotes",
        "OLD.status IS NOT NEW.status OR OLD.type IS NOT NEW.type",
        _take("quotes", "OLD.status", "OLD.type") + _add("quotes", "NEW.status", "NEW.type"),
    ),
    "stat_quotes_conflicts_au": (
        "AFTER UPDATE OF speaker_id, status ON quotes",
        "OLD.speaker_id IS NOT NEW.speaker_id "
        "OR (OLD.status = 'rejected') IS NOT (NEW.status = 'rejected')",
        _redecide("SELECT statement_id AS id FROM statement_quotes WHERE quote_id = NEW.id"),
    ),
    "stat_quote_topics_ai": (
        "AFTER INSERT ON quote_topics",
        "",
        _add("quote_topics", "NEW.origin"),
    ),
    "stat_quote_topics_ad": (
        "AFTER DELETE ON quote_topics",
        "",
        _take("quote_topics", "OLD.origin"),
    ),
    "stat_quote_topics_au": (
        "AFTER UPDATE OF origin ON quote_topics",
        "OLD.origin IS NOT NEW.origin",
        _take("quote_topics", "OLD.origin") + _add("quote_topics", "NEW.origin"),
    ),
    "stat_speakers_ai": (
        "AFTER INSERT ON speakers",
        "NEW.merged_into_id IS NULL",
        _add("speakers", _verified("NEW")),
    ),
    "stat_speakers_ad": (
        "AFTER DELETE ON speakers",
        "OLD.merged_into_id IS NULL",
        _take("speakers", _verified("OLD")),
    ),
    "stat_speakers_old_au": (
        "AFTER UPDATE OF merged_into_id, verified ON speakers",
        "OLD.merged_into_id IS NULL",
        _take("speakers", _verified("OLD")),
    ),
    "stat_speakers_new_au": (
        "AFTER UPDATE OF merged_into_id, verified ON speakers",
        "NEW.merged_into_id IS NULL",
        _add("speakers", _verified("NEW")),
    ),
    "stat_speakers_conflicts_au": (
        "AFTER UPDATE OF merged_into_id, kind ON speakers",
        "OLD.merged_into_id IS NOT NEW.merged_into_id OR OLD.kind IS NOT NEW.kind",
        _redecide(_statements_of_speaker("NEW.id")),
    ),
    "stat_statement_quotes_ai": (
        "AFTER INSERT ON statement_quotes",
        "",
        _shared("+", "NEW.statement_id", 2) + _mark("NEW.statement_id"),
    ),
    "stat_statement_quotes_ad": (
        "AFTER DELETE ON statement_quotes",
        "",
        _shared("-", "OLD.statement_id", 1) + _unmark("OLD.statement_id"),
    ),
    "stat_statement_quotes_au": (
        "AFTER UPDATE OF statement_id, quote_id ON statement_quotes",
        "OLD.statement_id IS NOT NEW.statement_id OR OLD.quote_id IS NOT NEW.quote_id",
        # Moved: the old statement lost a copy, the new one gained one (a quote_id change
        # alone leaves both counts as they were, and `_shared` then matches nothing new).
        "UPDATE stat_counts SET n = n - 1 WHERE name = 'shared_statements' "
        "AND OLD.statement_id IS NOT NEW.statement_id "
        f"AND {_copies_are('OLD.statement_id', 1)};"
        "UPDATE stat_counts SET n = n + 1 WHERE name = 'shared_statements' "
        "AND OLD.statement_id IS NOT NEW.statement_id "
        f"AND {_copies_are('NEW.statement_id', 2)};"
        + _redecide("SELECT OLD.statement_id AS id UNION SELECT NEW.statement_id"),
    ),
    "stat_statement_conflicts_ai": (
        "AFTER INSERT ON statement_conflicts",
        "",
        _add("statement_conflicts"),
    ),
    "stat_statement_conflicts_ad": (
        "AFTER DELETE ON statement_conflicts",
        "",
        _take("statement_conflicts"),
    ),
    **{
        f"stat_{table}_ai": (f"AFTER INSERT ON {table}", "", _add(table))
        for table in ("articles", "topics", "edits")
    },
    **{
        f"stat_{table}_ad": (f"AFTER DELETE ON {table}", "", _take(table))
        for table in ("articles", "topics", "edits")
    },
}

# Every counter from the rows as they are; run with the triggers' tables empty.
BACKFILL = (
    "INSERT INTO stat_counts (name, k1, k2, n) "
    "SELECT 'quotes', status, type, count(*) FROM quotes GROUP BY status, type",
    "INSERT INTO stat_counts (name, k1, k2, n) "
    "SELECT 'quote_topics', origin, '', count(*) FROM quote_topics GROUP BY origin",
    "INSERT INTO stat_counts (name, k1, k2, n) "
    f"SELECT 'speakers', {_verified('speakers')}, '', count(*) FROM speakers "
    "WHERE merged_into_id IS NULL GROUP BY 2",
    *(
        f"INSERT INTO stat_counts (name, k1, k2, n) SELECT '{table}', '', '', count(*) FROM {table}"
        for table in ("articles", "topics", "edits")
    ),
    "INSERT INTO stat_counts (name, k1, k2, n) SELECT 'shared_statements', '', '', count(*) "
    "FROM (SELECT statement_id FROM statement_quotes GROUP BY statement_id "
    "HAVING count(*) > 1)",
    # Set-based, as `conflicting_statement_ids` reads it: one pass, not one probe per copy.
    "INSERT INTO statement_conflicts (statement_id) "
    "SELECT sq.statement_id FROM statement_quotes sq "
    "JOIN quotes q ON q.id = sq.quote_id JOIN speakers s ON s.id = q.speaker_id "
    f"WHERE q.status != 'rejected' AND s.kind IN {NAMED} GROUP BY sq.statement_id "
    "HAVING count(DISTINCT coalesce(s.merged_into_id, s.id)) > 1",
    "INSERT INTO stat_counts (name, k1, k2, n) "
    "SELECT 'statement_conflicts', '', '', count(*) FROM statement_conflicts",
)


def backfill() -> None:
    for sql in BACKFILL:
        op.execute(sql)


def upgrade() -> None:
    if op.get_context().dialect.name != "sqlite":
        return
    for sql in TABLES:
        op.execute(sql)
    # Counted before the triggers exist, in the migration's one transaction: SQLite holds
    # the write lock until it commits, so no write can fall between the two.
    backfill()
    for name, (event, when, body) in TRIGGERS.items():
        condition = f" WHEN {when}" if when else ""
        op.execute(f"CREATE TRIGGER {name} {event} FOR EACH ROW{condition} BEGIN {body} END")


def downgrade() -> None:
    if op.get_context().dialect.name != "sqlite":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS statement_conflicts")
    op.execute("DROP TABLE IF EXISTS stat_counts")
