"""bench/stats_counters.py runs on a tiny input, with and without the counters' triggers
(it never asserts on time; its own check is that the counters equal the plain queries)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench.stats_counters import drop_counter_triggers, one_run
from quotes.ingest.store import Extracted
from quotes.ingest.types import ArticleInput
from quotes.store.database import open_database
from tests.statements.helpers import planted

LINE = "We stand ready to defend every inch of allied territory, and we will do so together."


def items() -> list[Extracted]:
    found = []
    for outlet, speaker in (("TASS", "Jens Stoltenberg"), ("AP", "Sergey Lavrov")):
        text = f'"{LINE}" {speaker} said, {outlet} reported.'
        article = ArticleInput(text=text, source=f"{outlet}.txt", outlet=outlet)
        found.append(Extracted(article, planted(text, [(LINE, "direct", speaker)])))
    return found


def test_both_runs_store_and_rebuild() -> None:
    for counters in (True, False):
        stored, rebuilt = one_run(items(), counters=counters)
        assert stored > 0 and rebuilt > 0


def test_only_the_counters_triggers_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    open_database(str(path)).engine.dispose()
    assert drop_counter_triggers(path) == 23
    assert drop_counter_triggers(path) == 0
    with sqlite3.connect(path) as conn:
        left = conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
    assert sorted(name for (name,) in left) == ["quotes_fts_ad", "quotes_fts_ai", "quotes_fts_au"]
