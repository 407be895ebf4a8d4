"""Storing's two paths agree on any batch: the set-based one `quotes extract` takes (again
article by article when one fails) and each article in its own savepoint. Hypothesis builds
the batches from a few names, sentences, spans and failures, so linking across articles,
duplicates in a batch, dropped spans and a failing article meet in combinations no
hand-written case lists."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.extract.types import ExtractedQuote, Speaker
from quotes.ingest.store import Extracted
from quotes.ingest.types import ArticleInput
from quotes.store.database import open_database
from tests.ingest.test_store_batched import _store_all, dump

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
    for path in ("product", "isolated"):
        copy = tmp_path / f"{path}.db"
        for stale in tmp_path.glob(f"{path}.db*"):
            stale.unlink()
        shutil.copyfile(template, copy)
        database = open_database(str(copy))
        try:
            results.append((_store_all(database, batches, path=path), dump(database)))
        finally:
            database.engine.dispose()
    assert results[0] == results[1]
