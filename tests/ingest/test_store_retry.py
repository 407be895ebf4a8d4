"""A batch is written without savepoints first; a bad article sends it round again with one
savepoint per article. What ends up stored must be exactly what storing the good articles
alone gives: no row, id or alias of the bad article's left behind, nothing of the rest lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import quotes.ingest.store as store_module
from quotes.extract.types import Speaker
from quotes.ingest import ArticleInput, store_extracted
from quotes.store.database import open_database
from tests.ingest.helpers import ARTICLE_1, ARTICLE_2, LAVROV, STOLTENBERG, quote

BAD = "Anna Berg said \ud800 nothing could be stored."  # a lone surrogate: SQLite refuses it
BERG = Speaker(name="Anna Berg", title="envoy")

TABLES = {
    "articles": "id, content_hash, source",
    "speakers": "id, name, normalized_name, kind, title, organization, surname, ambiguous",
    "speaker_aliases": "id, speaker_id, normalized, origin",
    "speaker_candidates": "speaker_id, candidate_id",
    "quotes": 'id, article_id, start, "end", speaker_id, confidence',
    "quote_features": "quote_id, features, drivers",
    "statement_quotes": "statement_id, quote_id",
}


def _items(with_bad: bool) -> list[tuple[ArticleInput, list[object]]]:
    good_1 = (
        ArticleInput(text=ARTICLE_1, source="good-1"),
        [quote(ARTICLE_1, "We stand ready,", STOLTENBERG), quote(ARTICLE_1, "Moscow", LAVROV)],
    )
    bad = (ArticleInput(text=BAD, source="bad"), [quote(BAD, "nothing could", BERG)])
    good_2 = (ArticleInput(text=ARTICLE_2, source="good-2"), [quote(ARTICLE_2, "The ball")])
    return [good_1, bad, good_2] if with_bad else [good_1, good_2]


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        return {
            t: conn.execute(f"SELECT {c} FROM {t} ORDER BY 1, 2").fetchall()
            for t, c in TABLES.items()
        }


def _store(path: Path, with_bad: bool) -> tuple[int, int, list[str]]:
    database = open_database(str(path))
    try:
        summary = store_extracted(database, _items(with_bad), extractor_version="t1")  # type: ignore[arg-type]
    finally:
        database.engine.dispose()
    return summary.articles_new, summary.articles_failed, [p.source for p in summary.problems]


def test_a_bad_article_leaves_exactly_what_the_good_ones_alone_give(tmp_path: Path) -> None:
    assert _store(tmp_path / "with-bad.db", with_bad=True) == (2, 1, ["bad"])
    assert _store(tmp_path / "good-only.db", with_bad=False) == (2, 0, [])
    with_bad, good_only = _rows(tmp_path / "with-bad.db"), _rows(tmp_path / "good-only.db")
    assert with_bad["speakers"], "the good articles' speakers are stored"
    assert with_bad == good_only


def test_the_second_pass_runs_only_when_an_article_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    passes: list[bool] = []
    original = store_module.store_new_articles

    def counted(*args: object, isolate: bool = True, **kwargs: object) -> object:
        passes.append(isolate)
        return original(*args, isolate=isolate, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("quotes.ingest.pipeline.store_new_articles", counted)
    _store(tmp_path / "good.db", with_bad=False)
    assert passes == [False]
    passes.clear()
    _store(tmp_path / "bad.db", with_bad=True)
    assert passes == [False, True]
