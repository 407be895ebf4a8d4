"""The workbench's text search at scale on PostgreSQL, next to a bare `@@ ... LIMIT` (issue 19).

    scripts/with-postgres.sh .venv/bin/python bench/search_pg.py --sizes 10000,100000
    .venv/bin/python bench/search_pg.py --url postgresql+psycopg://... --sizes 1000000

For each size, `bench/synth.py` writes its SQLite database (the one shape every benchmark
measures), and its rows are copied into a new PostgreSQL database whose schema the real
migrations made (`open_database`), then ANALYZEd. The GIN index of the text is dropped for
the copy and rebuilt from its own definition afterwards: one build instead of a million
inserts, the same index.

Then, in interleaved rounds (best of them), each operation is timed through the service the
workbench calls (`CurationService`, claims rule included) and next to the plain statement
that does the least the operation needs, on the same engine: wall time, and the server's own
execution time (every statement the operation sent, re-run under EXPLAIN ANALYZE). Prints a
markdown table and, at the largest size, EXPLAIN (ANALYZE, BUFFERS) of our first page.
A benchmark: it never fails on a time.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, event, make_url  # noqa: E402

from bench.synth import Shape, build  # noqa: E402

# Parents before children, so every foreign key holds as rows go in.
TABLES = ("speakers", "speaker_aliases", "topics", "articles", "quotes", "quote_topics")
GIN_INDEX = "ix_quotes_text_fts"
COMMON, RARE = "security", "nato"  # half of synth's quotes, and about 2%
ABSENT = "zzzq"  # a typo: no quote holds it
CAP = 10_000  # reads.COUNT_CAP: the count the status line shows


def _first(word: str) -> str:
    return (
        "SELECT id FROM quotes WHERE to_tsvector('english', text) "
        f"@@ to_tsquery('english', '{word}:*') LIMIT 50"
    )


def _capped(word: str) -> str:
    return (
        "SELECT count(*) FROM (SELECT 1 FROM quotes WHERE to_tsvector('english', text) "
        f"@@ to_tsquery('english', '{word}:*') LIMIT {CAP + 1}) s"
    )


# -- loading -----------------------------------------------------------------------------


def database_url(base: str, name: str) -> str:
    return make_url(base).set(database=name).render_as_string(hide_password=False)


def create_database(base: str, name: str) -> str:
    """A new, empty database `name` on `base`'s server (an old one of that name dropped)."""
    import psycopg

    url = make_url(base)
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return database_url(base, name)


def load(sqlite_path: Path, pg_url: str) -> float:
    """Copy synth's rows into the migrated PostgreSQL database at `pg_url`; seconds taken."""
    import psycopg

    from quotes.store.database import open_database

    open_database(pg_url).engine.dispose()  # the real migrations make the schema
    started = time.perf_counter()
    conninfo = make_url(pg_url).set(drivername="postgresql").render_as_string(hide_password=False)
    src = sqlite3.connect(sqlite_path)
    with psycopg.connect(conninfo) as conn:
        conn.execute("SET maintenance_work_mem = '256MB'")
        gin = conn.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s", (GIN_INDEX,)
        ).fetchone()
        if gin is None:
            raise SystemExit(f"the migrations made no {GIN_INDEX}: nothing to measure")
        conn.execute(f"DROP INDEX {GIN_INDEX}")
        for table in TABLES:
            _copy_table(src, conn, table)
        conn.execute(str(gin[0]))
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
    src.close()
    return time.perf_counter() - started


def _copy_table(src: sqlite3.Connection, conn: Any, table: str) -> None:
    pg_columns = {
        r[0]
        for r in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s", (table,)
        )
    }
    columns = [r[1] for r in src.execute(f"PRAGMA table_info({table})") if r[1] in pg_columns]
    quoted = ", ".join(f'"{c}"' for c in columns)
    booleans = {
        r[0]
        for r in conn.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = %s AND data_type = 'boolean'",
            (table,),
        )
    }
    flags = [i for i, c in enumerate(columns) if c in booleans]
    rows = src.execute(f"SELECT {quoted} FROM {table}")
    with conn.cursor().copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
        for row in rows:
            if flags:
                row = list(row)
                for i in flags:
                    row[i] = None if row[i] is None else bool(row[i])
            copy.write_row(row)
    if "id" in columns:
        conn.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 1) FROM {table}))"
        )


# -- measuring ---------------------------------------------------------------------------


@contextmanager
def captured() -> Iterator[list[tuple[str, Any]]]:
    """Every statement any engine sends meanwhile, with its parameters."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        seen.append((statement, params))

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)


def server_ms(engine: Engine, statements: list[tuple[str, Any]]) -> float:
    """The server's execution time of these statements, re-run under EXPLAIN ANALYZE."""
    total = 0.0
    with engine.connect() as conn:
        for statement, params in statements:
            if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            plan = conn.exec_driver_sql(
                "EXPLAIN (ANALYZE, FORMAT JSON) " + statement, params or None
            ).scalar_one()
            doc = plan if isinstance(plan, list) else json.loads(plan)
            total += float(doc[0]["Execution Time"])
        conn.rollback()
    return total


@dataclass
class Op:
    name: str
    ours: Callable[[], Any]
    baseline: str
    baseline_name: str
    wall: float = float("inf")
    wall_base: float = float("inf")
    server: float = float("inf")
    server_base: float = float("inf")


def measure(pg_url: str, rounds: int) -> tuple[list[Op], str]:
    """The operations, best of `rounds` interleaved rounds; and our first page's EXPLAIN."""
    from quotes.curation import CurationService, QueueFilter
    from quotes.store.database import open_database

    db = open_database(pg_url)
    svc = CurationService(db, "bench")
    common, rare = QueueFilter(search=COMMON), QueueFilter(search=RARE)
    absent = QueueFilter(search=ABSENT)
    second = svc.queue_page(common, limit=100).next_key
    rare_second = svc.queue_page(rare, limit=100).next_key
    ops = [
        Op("common word, first page", lambda: svc.queue_page(common, limit=100), _first(COMMON),
           "`@@ LIMIT 50`"),
        Op("common word, next page",
           lambda: svc.queue_page(common, after=second, limit=100), _first(COMMON),
           "`@@ LIMIT 50`"),
        Op("common word, counts (status line)", lambda: svc.progress(common), _capped(COMMON),
           f"count `@@ LIMIT {CAP + 1}`"),
        Op("rarer word, first page", lambda: svc.queue_page(rare, limit=100), _first(RARE),
           "`@@ LIMIT 50`"),
        Op("rarer word, next page",
           lambda: svc.queue_page(rare, after=rare_second, limit=100), _first(RARE),
           "`@@ LIMIT 50`"),
        Op("rarer word, counts (status line)", lambda: svc.progress(rare), _capped(RARE),
           f"count `@@ LIMIT {CAP + 1}`"),
        # `@@ LIMIT 50` of a word nobody wrote is planned as a scan of every quote (the
        # planner expects 2% to match): the capped count, which reads the GIN index, instead.
        Op("word no quote holds, first page", lambda: svc.queue_page(absent, limit=100),
           _capped(ABSENT), f"count `@@ LIMIT {CAP + 1}`"),
    ]  # fmt: skip
    with db.engine.connect() as conn:
        for _ in range(rounds):
            for op in ops:
                with captured() as sent:
                    started = time.perf_counter()
                    op.ours()
                    op.wall = min(op.wall, time.perf_counter() - started)
                started = time.perf_counter()
                conn.exec_driver_sql(op.baseline).all()
                op.wall_base = min(op.wall_base, time.perf_counter() - started)
                conn.rollback()
                op.server = min(op.server, server_ms(db.engine, sent))
                op.server_base = min(op.server_base, server_ms(db.engine, [(op.baseline, None)]))
    with captured() as sent:
        svc.queue_page(common, limit=100)
    statement, params = next(s for s in reversed(sent) if "ORDER BY" in s[0])
    with db.engine.connect() as conn:
        lines = conn.exec_driver_sql(
            "EXPLAIN (ANALYZE, BUFFERS) " + statement, params or None
        ).scalars()
        explain = statement + "\n" + repr(params) + "\n\n" + "\n".join(lines)
        conn.rollback()
    db.engine.dispose()
    return ops, explain


def synth_file(cache: Path, n: int) -> Path:
    """synth's SQLite database of `n` quotes, built once into `cache`."""
    path = cache / f"synth-{n}.db"
    if not path.exists():
        started = time.perf_counter()
        build(path, Shape.for_quotes(n))
        print(f"built {path} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--url", default=os.environ.get("QUOTES_TEST_PG"))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "search-pg")
    ap.add_argument("--reuse", action="store_true", help="measure databases already loaded")
    args = ap.parse_args(argv)
    if not args.url:
        ap.error("no PostgreSQL: pass --url or run under scripts/with-postgres.sh")
    args.cache.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows: list[str] = []
    explain = ""
    for n in sizes:
        name = f"bench_search_{n}"
        if args.reuse:
            url = database_url(args.url, name)
        else:
            source = synth_file(args.cache, n)
            url = create_database(args.url, name)
            print(f"{n:,} quotes loaded in {load(source, url):.0f} s", file=sys.stderr)
        ops, explain = measure(url, args.rounds)
        for op in ops:
            rows.append(
                f"| {n:,} | {op.name} | {op.wall * 1000:.2f} | {op.baseline_name}: "
                f"{op.wall_base * 1000:.2f} | {op.wall / op.wall_base:.1f}x "
                f"| {op.server:.2f} | {op.server_base:.2f} | {op.server / op.server_base:.1f}x |"
            )
        print(f"measured {n:,}", file=sys.stderr)
    print(
        "| quotes | operation | ours ms | baseline ms | ratio "
        "| ours server ms | baseline server ms | server ratio |"
    )
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    print(f"\nOur first page of {COMMON!r} at {sizes[-1]:,} quotes:\n\n```\n{explain}\n```")
    return 0


if __name__ == "__main__":
    sys.exit(main())
