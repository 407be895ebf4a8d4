"""The README's main command: `quotes demo` on the seeds, without a terminal."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from quotes.cli import app
from quotes.curation import CurationService
from quotes.store.database import open_database
from tests.conftest import SEEDS

runner = CliRunner()


def test_demo_extracts_seeds_with_topics_then_prints_stats(db_path: Path) -> None:
    result = runner.invoke(app, ["demo", str(SEEDS), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "7 imported from" in result.stderr
    assert "articles: 5 new" in result.stderr
    assert "quotes in" in result.stdout  # the stats table, since there is no terminal
    topics = CurationService(open_database(str(db_path)), "t").topics()
    assert len(topics) == 7
    assert sum(t.suggested_count for t in topics) > 30  # suggested from the same parse
    again = runner.invoke(app, ["demo", str(SEEDS), "--db", str(db_path)])
    assert again.exit_code == 0
    assert "articles: 0 new, 5 unchanged" in again.stderr
    stats = json.loads(runner.invoke(app, ["stats", "--db", str(db_path), "--json"]).stdout)
    assert stats["articles"] == 5 and stats["topics"] == 7
