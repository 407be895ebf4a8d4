"""Statements in the export: the statement_id and copies columns, and --statements."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from quotes.cli import app
from quotes.store.database import Database
from tests.statements.helpers import ingest

runner = CliRunner()
LINE = "We stand ready to defend every inch of allied territory, and we will do so together."


def copies(database: Database) -> None:
    ingest(
        database,
        f'"{LINE}" Jens Stoltenberg said.',
        [(LINE, "direct", "Jens Stoltenberg")],
        outlet="TASS",
    )
    ingest(
        database,
        f"“{LINE}” Sergey Lavrov said. Other words entirely here.",
        [(LINE, "direct", "Sergey Lavrov"), ("Other words entirely here.", "direct", None)],
        outlet="@AP",
    )


def test_quote_export_carries_statement_id_and_copies(database: Database, db_url: str) -> None:
    copies(database)
    result = runner.invoke(app, ["export", "--status", "any", "--format", "jsonl", "--db", db_url])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    by_text = {r["quote"]: r for r in rows}
    assert by_text[LINE]["copies"] == 2
    assert len({r["statement_id"] for r in rows if r["quote"] == LINE}) == 1
    assert by_text["Other words entirely here."]["copies"] == 1


def test_statements_export_one_row_per_statement(
    database: Database, db_url: str, tmp_path: Path
) -> None:
    copies(database)
    target = tmp_path / "statements.csv"
    result = runner.invoke(app, ["export", "--statements", "--out", str(target), "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "exported 2 statements" in result.stderr
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    shared = next(r for r in rows if r["copies"] == "2")
    assert shared["first_outlet"] == "TASS" and shared["conflict"] == "1"
    assert shared["outlets"] == "'@AP;TASS"  # a formula-looking cell is defused
    assert shared["speakers"] == "Jens Stoltenberg;Sergey Lavrov"
    result = runner.invoke(app, ["export", "--statements", "-f", "json", "--db", db_url])
    assert [r["copies"] for r in json.loads(result.stdout)] == [2, 1]
