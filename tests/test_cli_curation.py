"""`quotes speakers` and `quotes topics` from the shell: same services, same audit rows."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from quotes.cli import app
from quotes.curation import CurationService
from quotes.store.database import Database
from quotes.store.models import Edit
from tests.factories import seed

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def actions(database: Database) -> list[tuple[str, str]]:
    with database.sessions() as s:
        return [(e.action, e.curator) for e in s.scalars(select(Edit).order_by(Edit.id))]


def test_speakers_list_show_alias_verify_merge(database: Database, db_url: str) -> None:
    data = seed(database)
    listed = json.loads(run("speakers", "list", "--db", db_url, "--json"))
    assert [s["name"] for s in listed] == ["Jens Stoltenberg", "Sergey Lavrov"]
    assert listed[0]["quotes"] == 3
    assert "Lavrov" in run("speakers", "list", "lav", "--db", db_url, "--csv")
    run(
        "speakers",
        "alias",
        "Jens Stoltenberg",
        "NATO chief",
        "Stoltenberg",
        "--db",
        db_url,
        "--curator",
        "carol",
    )
    shown = json.loads(run("speakers", "show", "stoltenberg", "--db", db_url, "--json"))
    assert shown[0]["id"] == data.stoltenberg
    assert "NATO chief" in shown[0]["aliases"]
    run("speakers", "verify", str(data.lavrov), "--db", db_url)
    run("speakers", "edit", "Sergey Lavrov", "--title", "foreign minister", "--db", db_url)
    run("speakers", "merge", "Sergey Lavrov", "Jens Stoltenberg", "--db", db_url)
    merged = json.loads(run("speakers", "show", "Jens Stoltenberg", "--db", db_url, "--json"))
    assert merged[0]["quotes"] == 4
    assert [a for a, _ in actions(database)][:3] == ["add_alias", "add_alias", "verify_speaker"]
    assert ("add_alias", "carol") in actions(database)
    assert "merge_speakers" in [a for a, _ in actions(database)]
    # The shell's merge is undoable in the workbench: same audit rows, same service.
    CurationService(database, "tester").undo()
    assert len(json.loads(run("speakers", "list", "--db", db_url, "--json"))) == 2


def test_unknown_speaker_is_one_line(database: Database, db_url: str) -> None:
    seed(database)
    result = runner.invoke(app, ["speakers", "merge", "Nobody", "Sergey Lavrov", "--db", db_url])
    assert result.exit_code == 1
    assert "no speaker named 'Nobody'" in result.output
    assert "Traceback" not in result.output


def test_topics_add_rename_merge_import_export(
    database: Database, db_url: str, tmp_path: Path
) -> None:
    data = seed(database)
    run("topics", "add", "Dialogue", "--keywords", "talk, dialogue", "--db", db_url)
    run("topics", "add", "Talks", "--db", db_url)
    CurationService(database, "tester").tag(data.quotes[0], "Talks")
    run("topics", "merge", "Talks", "Dialogue", "--db", db_url)
    run("topics", "rename", "Dialogue", "NATO-Russia dialogue", "--db", db_url)
    topics = json.loads(run("topics", "list", "--db", db_url, "--json"))
    assert [(t["name"], t["quotes"]) for t in topics] == [("NATO-Russia dialogue", 1)]
    exported = tmp_path / "t.toml"
    run("topics", "export", "--out", str(exported), "--db", db_url)
    assert 'keywords = ["talk", "dialogue"]' in exported.read_text()
    exported.write_text(exported.read_text() + '\n[[topic]]\nname = "Sanctions"\n')
    run("topics", "import", str(exported), "--db", db_url)
    assert len(json.loads(run("topics", "list", "--db", db_url, "--json"))) == 2
    assert "merge_topics" in [a for a, _ in actions(database)]


def test_bad_taxonomy_file_is_one_line(db_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[[topic]]\ndescription = 'no name'\n")
    result = runner.invoke(app, ["topics", "import", str(bad), "--db", str(db_path)])
    assert result.exit_code == 1
    assert "bad.toml" in result.output and "has no name" in result.output
