"""The scorer's format is bench/'s mapping; the product's export keeps its own columns and
still scores, raw or converted, through the shared scorer."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench.scorer_format import SCORER_FIELDS, convert, from_export_row, write_rows
from quotes.export import ExportFilter, iter_export_rows, write_jsonl
from quotes.store.database import Database
from tests.conftest import SHARED
from tests.factories import ARTICLE, seed

SCORER = SHARED / "eval" / "score.py"


def export_jsonl(database: Database) -> str:
    fh = io.StringIO()
    write_jsonl(iter_export_rows(database.engine, ExportFilter(status="any")), fh)
    return fh.getvalue()


def test_export_rows_map_to_the_scorer_fields(database: Database) -> None:
    seed(database)
    rows = [json.loads(line) for line in export_jsonl(database).splitlines()]
    mapped = [from_export_row(r) for r in rows]
    assert len(mapped) == 4
    for row, pred in zip(rows, mapped, strict=True):
        assert set(SCORER_FIELDS) <= pred.keys()
        assert (pred["source"], pred["start"], pred["end"], pred["speaker"]) == (
            row["source"],
            row["start"],
            row["end"],
            row["speaker"],
        )
        assert pred["text"] == row["quote"] == ARTICLE[row["start"] : row["end"]]


def _score(gold: Path, pred: Path, articles: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, str(SCORER), str(gold), str(pred), str(articles), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def test_an_export_scores_raw_and_converted(database: Database, tmp_path: Path) -> None:
    if not SCORER.exists():
        pytest.skip(f"{SCORER} not present (the shared evaluation folder is not beside the repo)")
    seed(database)  # one article, source "a.txt"
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    exported = export_jsonl(database)
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        "".join(
            json.dumps(
                {
                    "doc": "a.txt",
                    "start": r["start"],
                    "end": r["end"],
                    "type": r["type"],
                    "speaker": r["speaker"],
                    "text": r["quote"],
                }
            )
            + "\n"
            for r in map(json.loads, exported.splitlines())
        ),
        encoding="utf-8",
    )
    raw = tmp_path / "export.jsonl"
    raw.write_text(exported, encoding="utf-8")
    converted = tmp_path / "pred.jsonl"
    with converted.open("w", encoding="utf-8") as fh:
        assert write_rows(convert(exported.splitlines()), fh) == 4
    for pred in (raw, converted):
        result = _score(gold, pred, tmp_path)
        assert result["quote"]["f"] == 1.0 and result["speaker_accuracy"] == 1.0
