"""`quotes statements …` and the statement counts in `quotes stats`, end to end."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from quotes.cli import app
from quotes.store.database import Database
from tests.statements.helpers import ingest

runner = CliRunner()
LINE = "We stand ready to defend every inch of allied territory, and we will do so together."


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def planted_conflict(database: Database) -> None:
    ingest(
        database,
        f'"{LINE}" Jens Stoltenberg said.',
        [(LINE, "direct", "Jens Stoltenberg")],
        outlet="TASS",
    )
    ingest(
        database,
        f"“{LINE}” Sergey Lavrov said.",
        [(LINE, "direct", "Sergey Lavrov")],
        outlet="=cmd|' /C calc'!A0",
    )


def test_list_conflicts_show_verify_and_stats(database: Database, db_url: str) -> None:
    planted_conflict(database)
    rows = json.loads(run("statements", "list", "--conflicts", "--json", "--db", db_url))
    assert len(rows) == 1 and rows[0]["copies"] == 2 and rows[0]["conflict"] is True
    assert rows[0]["speakers"] == "Jens Stoltenberg; Sergey Lavrov"
    sid = rows[0]["statement_id"]
    csv_out = run("statements", "list", "--csv", "--db", db_url)
    assert "'=cmd" in csv_out  # a hostile outlet name is defused in CSV
    stats = json.loads(run("stats", "--json", "--db", db_url))
    assert (stats["shared_statements"], stats["statement_conflicts"]) == (1, 1)
    said = run("statements", "verify", str(sid), "--db", db_url, "--curator", "alice")
    assert "2 of 2 copies changed" in said
    copies = json.loads(run("statements", "show", str(sid), "--json", "--db", db_url))
    assert {c["status"] for c in copies} == {"verified"}
    said = run("statements", "reassign", str(sid), "Jens Stoltenberg", "--db", db_url)
    assert "2 decided by another curator" in said  # alice's, and this is the default curator
    run(
        "statements", "reassign", str(sid), "Jens Stoltenberg", "--db", db_url, "--curator", "alice"
    )
    assert json.loads(run("statements", "list", "--conflicts", "--json", "--db", db_url)) == []


def test_rebuild_and_unknown_ids(database: Database, db_url: str) -> None:
    planted_conflict(database)
    result = runner.invoke(app, ["statements", "rebuild", "--db", db_url])
    assert result.exit_code == 0 and "grouped 2 quotes into 1 statements" in result.stderr
    result = runner.invoke(app, ["statements", "verify", "999", "--db", db_url])
    assert result.exit_code == 1 and "statement 999 does not exist" in result.stderr
