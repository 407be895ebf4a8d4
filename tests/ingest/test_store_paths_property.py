"""Storing's two paths agree on any batch: the set-based one `quotes extract` takes (again
article by article when one fails) and each article in its own savepoint. Hypothesis builds
the batches from a few names, sentences, spans and failures, so linking across articles,
duplicates in a batch, dropped spans and a failing article meet in combinations no
hand-written case lists."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.extract.types import ExtractedQuote, Speaker
from quotes.ingest.pipeline import _write_new
from quotes.ingest.store import Extracted, store_new_articles
from quotes.ingest.types import ArticleInput
from quotes.store.database import Database, open_database
from tests.ingest.test_store_batched import dump

NAMES = [
    Speaker(name="Jens Stoltenberg", title="Secretary General", aliases=("Stoltenberg",)),
    Speaker(name="Anna Stoltenberg", title="economist", aliases=("Stoltenberg",)),
    Speaker(name="Stoltenberg"),
    Speaker(name="Maria Novak", organization="City Hall", aliases=("Mayor Maria Novak",)),
    Speaker(name="officials"),
    Speaker(name="the campaign", kind="organization"),
    Speaker(name="he"),
]
SENTENCES = [
    "The talks will resume in spring",
    "Prices will fall next year",
    "We will defend every inch of allied territory",
    "Nothing has changed",
]
BROKEN = "\ud800"  # a lone surrogate: no database stores it, so the article fails


@st.composite
def articles(draw: st.DrawFn) -> Extracted:
    said = draw(st.lists(st.tuples(st.sampled_from(SENTENCES), st.sampled_from(NAMES)), max_size=4))
    broken = draw(st.booleans()) and draw(st.booleans())  # about one article in four
    parts = [f'"{line}," {who.name} said.' for line, who in said]
    text = " ".join(parts) or "No one was quoted."
    if broken:
        text += f" {BROKEN}"
    quotes: list[ExtractedQuote] = []
    at = 0
    for (line, who), part in zip(said, parts, strict=True):
        start = text.index(line, at)
        at = start + len(part)
        invalid = draw(st.integers(0, 9)) == 0  # a span not pointing at its text: dropped
        quotes.append(
            ExtractedQuote(
                start=start,
                end=start + len(line),
                text=line if not invalid else line.upper(),
                type="direct",
                confidence=0.7,
                speaker=who,
                cue="said",
                mention=who.name,
                features={"resolution": "explicit", "words": 1.0 + len(line) / 10},
            )
        )
    return Extracted(ArticleInput(text=text, source=f"a{draw(st.integers(0, 10**6))}"), quotes)


def _store(database: Database, batches: list[list[Extracted]], product: bool) -> list[Any]:
    out = []
    for batch in batches:
        if product:
            summary = _write_new(database, batch, "t1")
        else:
            with database.sessions.begin() as session:
                summary = store_new_articles(session, batch, extractor_version="t1")
        out.append(
            (
                summary.articles_new,
                summary.articles_unchanged,
                summary.articles_failed,
                summary.quotes_added,
                summary.quotes_dropped,
                summary.speakers_created,
                [p.source for p in summary.problems],
            )
        )
    return out


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(batches=st.lists(st.lists(articles(), min_size=1, max_size=5), min_size=1, max_size=3))
def test_both_paths_store_the_same_rows(tmp_path: Path, batches: list[list[Extracted]]) -> None:
    template = tmp_path / "template.db"
    if not template.exists():
        open_database(str(template)).engine.dispose()
    results = []
    for name, product in (("product", True), ("isolated", False)):
        path = tmp_path / f"{name}.db"
        for stale in tmp_path.glob(f"{name}.db*"):
            stale.unlink()
        shutil.copyfile(template, path)
        database = open_database(str(path))
        try:
            results.append((_store(database, batches, product), dump(database)))
        finally:
            database.engine.dispose()
    assert results[0] == results[1]
