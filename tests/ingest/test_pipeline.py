"""The whole path with the real pipeline: texts and files in, rows out."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from sqlalchemy import func, select, update

import quotes.extract.component  # noqa: F401  (registers doc._.quotes)
from quotes.ingest import ingest_paths, ingest_texts
from quotes.ingest.pipeline import _Pending, current_extractor_version, parse_stream
from quotes.ingest.types import ArticleInput
from quotes.store.database import Database
from quotes.store.models import Article, Quote
from tests.conftest import SEEDS
from tests.ingest.helpers import ARTICLE_1, ARTICLE_2


def count(database: Database, model: type) -> int:
    with database.sessions() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_ingest_texts_extracts_and_dedups(database: Database, nlp: Language) -> None:
    summary = ingest_texts(database, [(ARTICLE_1, {"title": "Talks", "outlet": "Wire"})], nlp=nlp)
    assert summary.articles_new == 1
    assert summary.quotes_added > 0
    assert summary.ok
    with database.sessions() as s:
        article = s.scalars(select(Article)).one()
        assert (article.title, article.outlet) == ("Talks", "Wire")
        for q in s.scalars(select(Quote)):
            assert article.text[q.start : q.end] == q.text
    again = ingest_texts(database, [ARTICLE_1], nlp=nlp)
    assert (again.articles_new, again.articles_unchanged, again.quotes_added) == (0, 1, 0)


def test_ingest_paths_seeds_then_rerun(database: Database, nlp: Language) -> None:
    seen: list[tuple[int, int]] = []
    summary = ingest_paths(
        database, [str(SEEDS)], nlp=nlp, progress=lambda done, total: seen.append((done, total))
    )
    assert summary.articles_new == 5
    assert summary.ok
    assert seen[-1] == (5, 5)
    with database.sessions() as s:
        outlets = set(s.scalars(select(Article.outlet)))
    assert {"TASS", "The Associated Press"} <= outlets
    rerun = ingest_paths(database, [str(SEEDS)], nlp=nlp)
    assert (rerun.articles_new, rerun.articles_unchanged) == (0, 5)


def test_problems_are_reported_as_they_happen(
    database: Database, nlp: Language, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(ARTICLE_1)
    (corpus / "empty.txt").write_text("")
    reported: list[str] = []
    summary = ingest_paths(
        database,
        [str(corpus), str(corpus / "missing.txt")],
        nlp=nlp,
        on_problem=lambda p: reported.append(str(p)),
    )
    assert summary.articles_new == 1
    assert summary.articles_failed == 2
    assert not summary.ok
    assert reported == [str(p) for p in summary.problems]
    assert any("missing.txt" in line for line in reported)
    assert any("empty.txt" in line for line in reported)


def test_stdin(database: Database, nlp: Language) -> None:
    summary = ingest_paths(database, ["-"], nlp=nlp, stdin=io.BytesIO(ARTICLE_1.encode()))
    assert summary.articles_new == 1
    with database.sessions() as s:
        assert s.scalar(select(Article.source)) == "<stdin>"


def test_text_longer_than_the_pipeline_allows(database: Database, nlp: Language) -> None:
    old = nlp.max_length
    nlp.max_length = 100
    try:
        summary = ingest_texts(database, ["x " * 100, "Short enough."], nlp=nlp)
    finally:
        nlp.max_length = old
    assert (summary.articles_new, summary.articles_failed) == (1, 1)
    assert "too long" in summary.problems[0].message


@pytest.fixture
def fragile_nlp() -> Language:
    """A pipeline whose component fails on one article, to pin failures on that article."""
    name = "fragile_quotes_for_test"
    if name not in Language.factories:

        @Language.component(name)
        def fragile(doc: Doc) -> Doc:
            if "BOOM" in doc.text:
                raise RuntimeError("component exploded")
            doc._.quotes = []
            return doc

    nlp = spacy.blank("en")
    nlp.add_pipe(name)
    return nlp


def test_a_pipeline_failure_costs_one_article(fragile_nlp: Language) -> None:
    items = [
        _Pending(ArticleInput(text=text, source=f"s{n}"), content_hash=str(n))
        for n, text in enumerate(["one", "two BOOM", "three", "four"])
    ]
    results = list(parse_stream(fragile_nlp, iter(items), batch_size=2))
    assert [item.article.source for item, _ in results] == ["s0", "s1", "s2", "s3"]
    outcomes = [r for _, r in results]
    assert isinstance(outcomes[1], RuntimeError)
    assert outcomes[0] == outcomes[2] == outcomes[3] == []


def test_failures_on_the_input_side_are_not_swallowed(fragile_nlp: Language) -> None:
    def items() -> Iterator[_Pending]:
        yield _Pending(ArticleInput(text="one"), content_hash="1")
        raise OSError("disk went away")

    with pytest.raises(OSError, match="disk went away"):
        list(parse_stream(fragile_nlp, items()))


def test_extraction_failure_is_a_problem_and_the_rest_is_stored(
    database: Database, fragile_nlp: Language
) -> None:
    summary = ingest_texts(database, ["one text", "BOOM text", "three text"], nlp=fragile_nlp)
    assert (summary.articles_new, summary.articles_failed) == (2, 1)
    assert "component exploded" in summary.problems[0].message
    assert count(database, Article) == 2


def test_workers_store_what_one_process_finds(database: Database, nlp: Language) -> None:
    texts = [ARTICLE_1, ARTICLE_2, ARTICLE_1.replace("Moscow", "The Kremlin")]
    expected = sorted((q.start, q.end, q.text) for text in texts for q in nlp(text)._.quotes or ())
    summary = ingest_texts(database, texts, nlp=nlp, workers=2, batch_size=1)
    assert summary.articles_new == 3
    with database.sessions() as s:
        stored = sorted((q.start, q.end, q.text) for q in s.scalars(select(Quote)))
    assert stored == expected


def test_reextract_with_paths_touches_only_those(
    database: Database, nlp: Language, tmp_path: Path
) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE_1)
    b.write_text(ARTICLE_2)
    ingest_paths(database, [str(a), str(b)], nlp=nlp)
    with database.sessions.begin() as s:
        s.execute(update(Article).values(extractor_version="old"))
    summary = ingest_paths(database, [str(a)], nlp=nlp, reextract=True)
    assert (summary.articles_reextracted, summary.articles_unchanged) == (1, 0)
    again = ingest_paths(database, [str(a)], nlp=nlp, reextract=True)
    assert (again.articles_reextracted, again.articles_unchanged) == (0, 1)
    with database.sessions() as s:
        versions = {r.source: r.extractor_version for r in s.scalars(select(Article))}
    assert versions[str(a)] == current_extractor_version()
    assert versions[str(b)] == "old"
