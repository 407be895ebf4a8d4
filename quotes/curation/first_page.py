"""The workbench's first screen on a SQLite file, read without SQLAlchemy (issue 19).

`quotes tui` spends most of its start-up importing SQLAlchemy and the ORM, yet its first
screen is one page of the queue and the counts under it. On a SQLite file already at the
code's schema, that page is read through the stdlib driver, read-only, with the service's
own queries compiled ahead of time (`quotes.curation.first_page_sqlite`, regenerated with
`python -m quotes.curation.first_page`; a test fails when it differs from a fresh compile),
and the ORM loads after the first paint.

The queries' one definition stays in `quotes.curation.reads` (`queue_select`,
`queue_key_columns`, `status_counts_select`) with the claims rule of
`CurationService.queue_page` (`claims.visible_to`): the compiled text is what the service
itself would send for a filter that differs from the default only by its status. Anything
else (a URL, a schema to upgrade, a file SQLite cannot read, a value the service's types
would read differently) returns None, and the workbench asks the service as before.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quotes.curation.queue_filter import STATUS_FILTERS, QueueFilter, StatusFilter
from quotes.curation.views import Progress, QueuePage, QueueRow
from quotes.store.codegen import sql_chunks
from quotes.store.revisions import read_at_head

if TYPE_CHECKING:
    from sqlalchemy import Select

# The SQL's own parameters, bound per run; every other parameter is a constant compiled in.
CURATOR, NOW, LIMIT = "curator", "now", "limit"
# How SQLAlchemy's SQLite `DateTime` stores a timestamp (a test holds the two together).
SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"

Param = str | int | float


@dataclass(frozen=True, slots=True)
class FirstScreen:
    """The first page of a filter and its counts, as the service would have answered."""

    label: str  # how messages name the database, as `Database.label` does
    filter: QueueFilter
    limit: int
    page: QueuePage
    progress: Progress


def first_screen_filters() -> tuple[QueueFilter, ...]:
    """The filters compiled ahead of time: the queue's default and each status it cycles."""
    return tuple(QueueFilter(status=status) for status in STATUS_FILTERS)


def read_first_screen(
    db: str | None,
    curator: str,
    *,
    limit: int,
    status: StatusFilter = "unverified",
    now: dt.datetime | None = None,
) -> FirstScreen | None:
    """The first `limit` rows of the queue `curator` sees for `status`, and its counts, from
    the SQLite file `db` names; None whenever this path cannot answer exactly as the service
    would (the caller then opens the database the usual way, which explains any error)."""
    from quotes.curation.first_page_sqlite import COUNTS_SQL, KEY_FROM, PAGE_SQL

    if status not in PAGE_SQL or limit < 1:
        return None
    # The service's clock: naive UTC (`quotes.store.models.utcnow`).
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    page_sql, page_params = PAGE_SQL[status]
    counts_sql, counts_params = COUNTS_SQL[status]
    params = {CURATOR: curator, NOW: now.strftime(SQLITE_DATETIME), LIMIT: limit + 1}

    def read(conn: sqlite3.Connection) -> tuple[list[Any], list[QueueRow], Progress]:
        rows = conn.execute(page_sql, {**page_params, **params}).fetchall()
        counts = dict(conn.execute(counts_sql, counts_params).fetchall())
        progress = Progress(
            verified=int(counts.get("verified", 0)),
            rejected=int(counts.get("rejected", 0)),
            unverified=int(counts.get("unverified", 0)),
        )
        return rows, [_row(r) for r in rows[:limit]], progress

    # A value the service's types would read differently (a malformed date) fails too.
    found = read_at_head(db, read, also_fails=(TypeError, ValueError))
    if found is None:
        return None
    path, (rows, page, progress) = found
    next_key = tuple(rows[limit - 1][KEY_FROM:]) if len(rows) > limit else None
    return FirstScreen(
        label=str(path),
        filter=QueueFilter(status=status),
        limit=limit,
        page=QueuePage(rows=page, next_key=next_key),
        progress=progress,
    )


def _row(r: sqlite3.Row | tuple[Any, ...]) -> QueueRow:
    """A row of `reads.queue_select`, typed as SQLAlchemy's result processing types it (a
    value those types would not read, such as a malformed date, raises ValueError)."""
    published = r[6]
    return QueueRow(
        id=int(r[0]),
        status=str(r[1]),
        type=str(r[2]),
        speaker=None if r[3] is None else str(r[3]),
        text=str(r[4]),
        outlet=None if r[5] is None else str(r[5]),
        published=None if published is None else dt.date.fromisoformat(published),
        confidence=float(r[7]),
        version=int(r[8]),
        article_id=int(r[9]),
    )


# -- ahead of time: the service's queries compiled for SQLite -----------------------------


def first_screen_queries(f: QueueFilter) -> tuple[Select[*tuple[Any, ...]], Select[str, int]]:
    """The page (its key columns appended) and the counts `f`'s first screen runs, with
    the claims rule of `CurationService.queue_page`, the curator and time left as parameters."""
    from sqlalchemy import DateTime, Integer, String, bindparam

    from quotes.curation import claims, reads

    curator: Any = bindparam(CURATOR, type_=String)
    now: Any = bindparam(NOW, type_=DateTime)
    also = [claims.visible_to(curator, now)]
    page = reads.queue_select(f, "sqlite", also)
    page = page.add_columns(*reads.queue_key_columns(f)).limit(bindparam(LIMIT, type_=Integer))
    return page, reads.status_counts_select(f, "sqlite")


def compile_first_screen_sql() -> dict[str, dict[str, tuple[str, dict[str, Param]]]]:
    """Each compiled filter's page and counts as SQLite SQL with named parameters, the
    constants' values beside them: what `first_page_sqlite` holds."""
    from sqlalchemy.dialects import sqlite

    dialect = sqlite.dialect(paramstyle="named")
    compiled: dict[str, dict[str, tuple[str, dict[str, Param]]]] = {"page": {}, "counts": {}}
    for f in first_screen_filters():
        for kind, query in zip(("page", "counts"), first_screen_queries(f), strict=True):
            c = query.compile(dialect=dialect)
            constants: dict[str, Param] = {}
            for name, value in c.params.items():
                if name in (CURATOR, NOW, LIMIT):
                    continue
                if not isinstance(value, str | int | float):
                    raise TypeError(f"{name}={value!r} needs SQLAlchemy's own binding")
                constants[name] = value
            compiled[kind][f.status] = (c.string, constants)
    return compiled


def key_from() -> int:
    """Where the key columns start in a page's rows: after the queue's own columns."""
    from quotes.curation import reads

    return len(reads.queue_select(QueueFilter(), "sqlite").selected_columns)


def render_sqlite_module() -> str:
    """The text of `quotes/curation/first_page_sqlite.py`."""
    compiled = compile_first_screen_sql()
    lines = [
        '"""The workbench\'s first screen on SQLite: the service\'s queries, compiled.',
        "",
        "Generated by `python -m quotes.curation.first_page` from `quotes.curation.reads` and",
        "`quotes.curation.claims`; do not edit. tests/tui/test_first_screen.py fails when this",
        "differs from a fresh compile, so the first screen and the service cannot drift apart.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "# The page's rows hold the queue's columns, then the key of the filter's order.",
        f"KEY_FROM = {key_from()}",
    ]
    for kind, name in (("page", "PAGE_SQL"), ("counts", "COUNTS_SQL")):
        lines += ["", f"{name}: dict[str, tuple[str, dict[str, str | int | float]]] = {{"]
        for status, (sql, constants) in compiled[kind].items():
            lines.append(f"    {json.dumps(status)}: (")
            lines.append("        (")
            lines.extend(f"            {json.dumps(chunk)}" for chunk in sql_chunks(sql, 68))
            lines.append("        ),")
            lines.append(f"        {json.dumps(constants)},")
            lines.append("    ),")
        lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    target = Path(__file__).with_name("first_page_sqlite.py")
    target.write_text(render_sqlite_module(), encoding="utf-8")
    print(f"wrote {target} (then `ruff format` it, as `make lint` expects)")
