"""`quotes schema` and its descriptions, which must cover the schema exactly."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import inspect
from typer.testing import CliRunner

from quotes.cli import app
from quotes.store.database import Database
from quotes.store.models import Base
from quotes.store.schema_doc import COLUMN_DOCS, SQLITE_ONLY, TABLE_DOCS, describe_schema

runner = CliRunner()


def test_every_model_column_has_a_description() -> None:
    missing = [
        f"{table.name}.{column.name}"
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if not COLUMN_DOCS.get(f"{table.name}.{column.name}", "").strip()
    ]
    assert missing == []
    assert all(TABLE_DOCS.get(t.name) for t in Base.metadata.sorted_tables)


def test_every_view_column_has_a_description(database: Database) -> None:
    inspector = inspect(database.engine)
    assert "verified_quotes" in inspector.get_view_names()
    missing = [
        f"{view}.{c['name']}"
        for view in inspector.get_view_names()
        for c in inspector.get_columns(view)
        if not COLUMN_DOCS.get(f"{view}.{c['name']}", "").strip()
    ]
    assert missing == []


def test_no_description_for_a_column_that_does_not_exist(database: Database) -> None:
    documented = {f"{t.name}.{c.name}" for t in describe_schema(database.engine) for c in t.columns}
    documented |= {f"{t.name}.{c.name}" for t in Base.metadata.sorted_tables for c in t.columns}
    names = {t.name for t in describe_schema(database.engine)} | set(Base.metadata.tables)
    if database.engine.dialect.name != "sqlite":
        documented |= {k for k in COLUMN_DOCS if k.split(".")[0] in SQLITE_ONLY}
        names |= SQLITE_ONLY
    assert sorted(set(COLUMN_DOCS) - documented) == []
    assert sorted(set(TABLE_DOCS) - names) == []


def test_describe_schema_lists_tables_then_views(database: Database) -> None:
    docs = describe_schema(database.engine)
    kinds = [d.kind for d in docs]
    assert kinds == sorted(kinds, key=lambda k: k == "view")  # tables first
    names = [d.name for d in docs]
    assert "quotes" in names and "verified_quotes" in names
    assert not any(n.startswith(("sqlite_", "quotes_fts_")) for n in names)
    assert all(c.description != "(undocumented)" for d in docs for c in d.columns)


def test_schema_command(db_path: Path) -> None:
    assert runner.invoke(app, ["init", "--db", str(db_path)]).exit_code == 0
    result = runner.invoke(app, ["schema", "--db", str(db_path)], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    for text in (
        "verified_quotes",
        "(view)",
        "speaker_organization",
        "merged_into_id",
        "Extractor confidence, 0 to 1.",
    ):
        assert text in out
    result = runner.invoke(app, ["schema", "--db", str(db_path), "--json"])
    assert result.exit_code == 0
    data = {t["name"]: t for t in json.loads(result.stdout)}
    assert data["verified_quotes"]["kind"] == "view"
    assert [c["name"] for c in data["verified_quotes"]["columns"]][:2] == ["quote_id", "quote"]


def test_the_view_has_the_exports_columns_in_the_exports_order(database: Database) -> None:
    """Plain SQL on `verified_quotes` and `quotes export` must describe a quote the same way."""
    from quotes.export import EXPORT_COLUMNS

    columns = [c["name"] for c in inspect(database.engine).get_columns("verified_quotes")]
    assert columns == list(EXPORT_COLUMNS)
