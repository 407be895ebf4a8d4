"""Whole-database statement jobs for the CLI: regrouping, and how much is left ungrouped."""

from __future__ import annotations

from quotes.ingest.store import serialize_writers
from quotes.statements.grouping import GroupingSummary
from quotes.statements.reads import ungrouped_quotes
from quotes.statements.rebuild import rebuild
from quotes.store.database import Database


def rebuild_database(database: Database) -> GroupingSummary:
    """Regroup every quote in one write transaction; readers see the old groups until it
    commits. Ingest writers are held off (SQLite's write lock, PostgreSQL's ingest advisory
    lock) so no quote is grouped against an index being torn down."""
    with database.sessions.begin() as session:
        serialize_writers(session)
        return rebuild(session)


def ungrouped(database: Database) -> int:
    with database.readers() as session:
        return ungrouped_quotes(session)
