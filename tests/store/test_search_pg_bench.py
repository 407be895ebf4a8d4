"""`bench/search_pg.py` copies synth's database into PostgreSQL whole and measures it.

Its figures mean something only if the PostgreSQL copy holds exactly synth's rows under the
real migrations' schema, the GIN index included. A few hundred quotes, on PostgreSQL only.
"""

from __future__ import annotations

import math
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bench import search_pg
from bench.synth import Shape, build
from tests.conftest import PG_URL, _drop_pg_database


@pytest.mark.skipif(not PG_URL, reason="needs $QUOTES_TEST_PG")
def test_the_copy_holds_synths_rows_and_every_operation_is_measured(tmp_path: Path) -> None:
    assert PG_URL
    source = build(tmp_path / "synth.db", Shape.for_quotes(300))
    url = search_pg.create_database(PG_URL, f"quotes_test_{uuid.uuid4().hex[:12]}")
    try:
        search_pg.load(source, url)
        lite = sqlite3.connect(source)
        engine = create_engine(url)
        with engine.connect() as conn:
            for table in search_pg.TABLES:
                want = lite.execute(f"SELECT count(*) FROM {table}").fetchone()
                got = conn.execute(text(f"SELECT count(*) FROM {table}")).one()
                assert tuple(got) == want, table
            shape = (
                "SELECT sum(id), sum(length(text)), sum(start), sum(article_id),"
                " count(speaker_id) FROM quotes"
            )
            assert tuple(conn.execute(text(shape)).one()) == lite.execute(shape).fetchone()
            gin = conn.execute(
                text("SELECT 1 FROM pg_indexes WHERE indexname = :i"), {"i": search_pg.GIN_INDEX}
            ).scalar()
            assert gin == 1
        engine.dispose()
        lite.close()
        ops, explain = search_pg.measure(url, rounds=1)
        assert {op.name for op in ops} >= {"common word, first page", "rarer word, first page"}
        assert all(math.isfinite(op.wall) and math.isfinite(op.server_base) for op in ops)
        assert "ORDER BY quotes.confidence, quotes.id" in explain and "Execution Time" in explain
    finally:
        _drop_pg_database(url)
