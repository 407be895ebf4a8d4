"""Counts for `quotes stats` and the workbench's header.

On SQLite every count is kept by triggers (migration 0010) in `stat_counts`, so the command
reads one small table however big the database is (issue 19: at a million quotes counting
even narrow indexes cost more than the start-up). PostgreSQL runs the plain queries,
`stats_queries()`, answered from the indexes of 0008: counters updated by every writer
would serialise concurrent curators there (see the migration). The plain queries are also
what the counters are checked against (`query_stats`, the tests) and the benchmarks'
baseline.

So on a SQLite file already at the code's schema, `quotes stats` reads the counters through
the stdlib driver, read-only, without importing SQLAlchemy or the models:
`read_sqlite_stats`. Each query has one home (`counts_query()`, `stats_queries()`: SQLAlchemy
Core, the conflict query shared with the statements listing through
`quotes.store.statement_sql`); the stdlib path runs them compiled for SQLite ahead of time
(`quotes.store.stats_sqlite`, regenerated with `python -m quotes.store.stats`; a test fails
when it differs from a fresh compile), and both paths turn rows into `Stats` in the same
functions, `_from_counts` and `_stats`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quotes.store.codegen import sql_chunks
from quotes.store.revisions import read_at_head

if TYPE_CHECKING:
    from sqlalchemy import Select
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Stats:
    articles: int
    quotes: int
    quotes_by_status: dict[str, int] = field(default_factory=dict)
    quotes_by_type: dict[str, int] = field(default_factory=dict)
    speakers: int = 0
    verified_speakers: int = 0
    topics: int = 0
    # Topic links curators set, and suggestions nobody has accepted or dismissed yet: kept
    # apart, because a suggestion is not a topic until a curator accepts it.
    curator_topics: int = 0
    suggested_topics: int = 0
    edits: int = 0
    # Statements carried by more than one copy, and those whose copies name different speakers.
    shared_statements: int = 0
    statement_conflicts: int = 0


# A query's rows, by the query's name in `stats_queries()`.
Run = Callable[[str], Sequence[Sequence[Any]]]


def stats_queries() -> dict[str, Select[Any]]:
    """Every query `quotes stats` runs, by name: the one definition both paths execute."""
    from sqlalchemy import func, select

    from quotes.store.models import Article, Edit, Quote, QuoteTopic, Speaker, Topic
    from quotes.store.statement_sql import conflicting_statement_ids, shared_statement_ids

    def count(ids: Select[Any]) -> Select[Any]:
        return select(func.count()).select_from(ids.subquery())

    live_speakers = (
        select(func.count()).select_from(Speaker).where(Speaker.merged_into_id.is_(None))
    )
    return {
        # One pass over the (status, type) index gives both breakdowns: at a million quotes
        # the quote counts are most of the work, and reading the index once in its own order
        # needs no sort (two GROUP BYs read it twice, the second through a temporary B-tree).
        "by_status_and_type": select(Quote.status, Quote.type, func.count()).group_by(
            Quote.status, Quote.type
        ),
        "by_origin": select(QuoteTopic.origin, func.count()).group_by(QuoteTopic.origin),
        "articles": select(func.count()).select_from(Article),
        "speakers": live_speakers,
        "verified_speakers": live_speakers.where(Speaker.verified.is_(True)),
        "topics": select(func.count()).select_from(Topic),
        "edits": select(func.count()).select_from(Edit),
        "shared_statements": count(shared_statement_ids()),
        "statement_conflicts": count(conflicting_statement_ids()),
    }


def counts_query() -> Select[Any]:
    """The counters 0010's triggers keep on SQLite, one row per (name, key, key): zeros left
    out, as a GROUP BY over the rows leaves out what is not there."""
    from sqlalchemy import column, select, table

    counts = table("stat_counts", column("name"), column("k1"), column("k2"), column("n"))
    return select(counts.c.name, counts.c.k1, counts.c.k2, counts.c.n).where(counts.c.n != 0)


def _from_counts(rows: Sequence[Sequence[Any]], statuses: Sequence[str]) -> Stats:
    """`Stats` from the counter rows, shaped exactly as `_stats` shapes the plain queries'."""
    by_status: dict[str, int] = {s: 0 for s in statuses}
    by_type: dict[str, int] = {}
    keyed: dict[tuple[str, str], int] = {}
    for name, k1, k2, n in rows:
        if name == "quotes":
            by_status[k1] = by_status.get(k1, 0) + n
            by_type[k2] = by_type.get(k2, 0) + n
        else:
            keyed[name, k1] = n

    def count(name: str, key: str = "") -> int:
        return int(keyed.get((name, key), 0))

    verified = count("speakers", "verified")
    return Stats(
        articles=count("articles"),
        quotes=sum(by_status.values()),
        quotes_by_status=by_status,
        quotes_by_type=by_type,
        speakers=verified + count("speakers", "unverified"),
        verified_speakers=verified,
        topics=count("topics"),
        curator_topics=count("quote_topics", "curator"),
        suggested_topics=count("quote_topics", "suggested"),
        edits=count("edits"),
        shared_statements=count("shared_statements"),
        statement_conflicts=count("statement_conflicts"),
    )


def _stats(run: Run, statuses: Sequence[str]) -> Stats:
    by_status: dict[str, int] = {s: 0 for s in statuses}
    by_type: dict[str, int] = {}
    for status, type_, n in run("by_status_and_type"):
        by_status[status] = by_status.get(status, 0) + n
        by_type[type_] = by_type.get(type_, 0) + n
    by_origin: dict[str, int] = {origin: n for origin, n in run("by_origin")}

    def scalar(name: str) -> int:
        rows = run(name)
        return int(rows[0][0] or 0) if rows else 0

    shared = scalar("shared_statements")
    return Stats(
        articles=scalar("articles"),
        quotes=sum(by_status.values()),
        quotes_by_status=by_status,
        quotes_by_type=by_type,
        speakers=scalar("speakers"),
        verified_speakers=scalar("verified_speakers"),
        topics=scalar("topics"),
        curator_topics=by_origin.get("curator", 0),
        suggested_topics=by_origin.get("suggested", 0),
        edits=scalar("edits"),
        shared_statements=shared,
        # A conflict needs two copies, so without shared statements there is none to look
        # for (the conflict query joins every copy to its quote and speaker).
        statement_conflicts=scalar("statement_conflicts") if shared else 0,
    )


def collect_stats(session: Session) -> Stats:
    """The counts through SQLAlchemy, in the session's one transaction: the counters on
    SQLite (the session's database is at head, so they exist), the plain queries elsewhere."""
    from quotes.store.models import QUOTE_STATUSES

    if session.get_bind().dialect.name != "sqlite":
        return query_stats(session)
    return _from_counts(session.execute(counts_query()).all(), QUOTE_STATUSES)


def query_stats(session: Session) -> Stats:
    """The counts by the plain queries, on any backend: what the counters must equal."""
    from quotes.store.models import QUOTE_STATUSES

    queries = stats_queries()
    return _stats(lambda name: session.execute(queries[name]).all(), QUOTE_STATUSES)


@dataclass(frozen=True)
class LabelledStats:
    label: str  # how messages name the database, as `Database.label` does
    stats: Stats


def read_sqlite_stats(db: str | None) -> LabelledStats | None:
    """The counts of the SQLite file `db` names, read-only through the stdlib driver.

    None whenever this path cannot answer exactly as opening the database would: a URL, a
    missing file, a schema to upgrade (or to refuse as too new), a file SQLite cannot read.
    The caller then opens the database the usual way, which upgrades or reports the error
    in its own words; nothing here writes, so falling back never leaves anything half done.
    """
    from quotes.store.stats_sqlite import QUOTE_STATUSES, SQLITE_COUNTS_SQL

    found = read_at_head(
        db, lambda conn: _from_counts(conn.execute(SQLITE_COUNTS_SQL).fetchall(), QUOTE_STATUSES)
    )
    return None if found is None else LabelledStats(str(found[0]), found[1])


def _sqlite_sql(query: Select[Any]) -> str:
    from sqlalchemy.dialects import sqlite

    return str(query.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))


def compile_sqlite_queries() -> dict[str, str]:
    """`stats_queries()` as SQLite SQL text, constants inlined: what `stats_sqlite` holds."""
    return {name: _sqlite_sql(query) for name, query in stats_queries().items()}


def compile_sqlite_counts() -> str:
    """`counts_query()` as SQLite SQL text, constants inlined."""
    return _sqlite_sql(counts_query())


def render_sqlite_module() -> str:
    """The text of `quotes/store/stats_sqlite.py`, from the models and `stats_queries()`."""
    from quotes.store.models import QUOTE_STATUSES

    lines = [
        '"""`quotes stats` on SQLite without SQLAlchemy: its queries compiled ahead of time.',
        "",
        "Generated by `python -m quotes.store.stats` from `quotes.store.stats.counts_query()`,",
        "`stats_queries()` and the models; do not edit. tests/cli/test_startup_stats.py fails",
        "when this differs from a fresh compile, so the two paths of `quotes stats` cannot drift",
        "apart. `quotes stats` reads the counters (SQLITE_COUNTS_SQL); SQLITE_STATS_SQL, the",
        "plain queries, is what the benchmarks compare it with.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        f"QUOTE_STATUSES: tuple[str, ...] = {tuple(QUOTE_STATUSES)!r}",
        "",
        "SQLITE_COUNTS_SQL: str = (",
        *(f"    {chunk!r}" for chunk in sql_chunks(compile_sqlite_counts(), 72)),
        ")",
        "",
        "SQLITE_STATS_SQL: dict[str, str] = {",
    ]
    for name, sql in compile_sqlite_queries().items():
        lines.append(f"    {name!r}: (")
        lines.extend(f"        {chunk!r}" for chunk in sql_chunks(sql, 72))
        lines.append("    ),")
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    target = Path(__file__).with_name("stats_sqlite.py")
    target.write_text(render_sqlite_module(), encoding="utf-8")
    print(f"wrote {target}")
