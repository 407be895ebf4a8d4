"""Inserting many rows of one table at once and learning their ids, for ingest's hot path.

An ORM object per row, or even a Core executemany with RETURNING, costs SQLite one
statement and a Python round of parameter processing per row; storing a batch of articles
spent more time there than in SQLite. Here the rows go to the driver's executemany.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from quotes.store.models import Base


def insert_rows(
    session: Session, model: type[Base], rows: Sequence[Mapping[str, object]]
) -> list[int]:
    """Insert `rows` (all with the same keys, every column with a default given) into a table
    with an integer `id`; returns their new ids, in order.

    The ids are the ones inserting the rows one at a time would have given. On SQLite they
    are given explicitly, from the largest id plus one, as SQLite itself does for a rowid
    (the caller holds the write lock: BEGIN IMMEDIATE). PostgreSQL takes them from the
    sequence, returned in the rows' order.
    """
    if not rows:
        return []
    table = _table(model)
    conn = session.connection()
    dialect = conn.dialect
    if dialect.name != "sqlite":
        returned = conn.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), list(rows)
        )
        return [int(i) for i in returned.scalars()]
    top = conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
    ids = list(range(int(top) + 1, int(top) + 1 + len(rows)))
    _executemany(session, table, [{"id": i, **row} for i, row in zip(ids, rows, strict=True)])
    return ids


def insert_many(session: Session, model: type[Base], rows: Sequence[Mapping[str, object]]) -> None:
    """Insert `rows` (all with the same keys, every column with a default given)."""
    if not rows:
        return
    table = _table(model)
    if session.connection().dialect.name != "sqlite":
        session.connection().execute(insert(table), list(rows))
        return
    _executemany(session, table, rows)


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _executemany(session: Session, table: Table, rows: Sequence[Mapping[str, object]]) -> None:
    """The rows, each value through its column type's bind processing (dates, JSON), to
    the driver's executemany in one statement."""
    conn = session.connection()
    dialect = conn.dialect
    names = list(rows[0])
    processors = [table.c[n].type.dialect_impl(dialect).bind_processor(dialect) for n in names]
    quote = dialect.identifier_preparer.quote
    columns = ", ".join(quote(n) for n in names)
    marks = ", ".join("?" for _ in names)
    # Only the columns whose type processes values are touched per row: a batch is
    # thousands of rows of a dozen columns, and most columns pass through as they are.
    processed = [(i, p) for i, p in enumerate(processors) if p is not None]
    params: list[tuple[object, ...]] = []
    for row in rows:
        values = [row[n] for n in names]
        for i, process in processed:
            values[i] = process(values[i])
        params.append(tuple(values))
    conn.exec_driver_sql(f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})", params)
