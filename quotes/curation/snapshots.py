"""Row snapshots for the audit log, and applying them back for undo and redo.

A snapshot is every column of a row as JSON. `before` None means the action created the
row; `after` None means it deleted it. Undo applies `before`, redo applies `after`, so one
generic mechanism covers verify, reassign, span edits, tags, merges and the rest.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, DateTime, inspect
from sqlalchemy.orm import Session

from quotes.store.models import Base, Quote, QuoteTopic, Speaker, SpeakerAlias, Topic

ENTITIES: dict[str, type[Base]] = {
    "quote": Quote,
    "speaker": Speaker,
    "alias": SpeakerAlias,
    "topic": Topic,
    "quote_topic": QuoteTopic,
}
ENTITY_OF: dict[type[Base], str] = {cls: name for name, cls in ENTITIES.items()}
# Bookkeeping that changes on every write; comparing it would make every undo a conflict.
VOLATILE = {"version", "updated_at"}


def snapshot(obj: Base) -> dict[str, Any]:
    mapper = inspect(obj.__class__)
    out: dict[str, Any] = {}
    for attr in mapper.column_attrs:
        value = getattr(obj, attr.key)
        if isinstance(value, dt.datetime | dt.date):
            value = value.isoformat()
        out[attr.key] = value
    return out


def _decode(cls: type[Base], key: str, value: Any) -> Any:
    if value is None:
        return None
    column = inspect(cls).columns[key]
    if isinstance(column.type, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return dt.date.fromisoformat(value)
    return value


def primary_key(cls: type[Base], snap: dict[str, Any]) -> tuple[Any, ...]:
    # Snapshots are keyed by mapped attribute, so look the attribute up from the column.
    mapper = inspect(cls)
    return tuple(snap[mapper.get_property_by_column(col).key] for col in mapper.primary_key)


def entity_id(obj: Base) -> int:
    """The integer the `edits.entity_id` column records (the quote's id for a quote_topic)."""
    ident = inspect(obj).identity or primary_key(obj.__class__, snapshot(obj))
    return int(ident[0])


def same_state(current: dict[str, Any] | None, expected: dict[str, Any] | None) -> bool:
    if current is None or expected is None:
        return current is expected
    keys = (set(current) | set(expected)) - VOLATILE
    return all(current.get(k) == expected.get(k) for k in keys)


def load(session: Session, entity: str, snap: dict[str, Any]) -> Base | None:
    cls = ENTITIES[entity]
    return session.get(cls, primary_key(cls, snap))


def apply(
    session: Session, entity: str, current: Base | None, target: dict[str, Any] | None
) -> None:
    """Make the row look like `target` (None: delete it; row missing: re-create it)."""
    cls = ENTITIES[entity]
    if target is None:
        if current is not None:
            session.delete(current)
        return
    values = {k: _decode(cls, k, v) for k, v in target.items() if k not in VOLATILE}
    if current is None:
        session.add(cls(**values))
        return
    for key, value in values.items():
        if getattr(current, key) != value:
            setattr(current, key, value)
