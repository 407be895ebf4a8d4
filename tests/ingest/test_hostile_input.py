"""Hostile input to `quotes extract`: file names that try to forge diagnostics, pages nested
too deep for the main-text extractor, articles too long to parse in bounded memory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from sqlalchemy import select
from typer.testing import CliRunner

from quotes.cli import app
from quotes.ingest import pipeline as pipeline_module
from quotes.ingest.html_text import plain_text
from quotes.ingest.pipeline import _char_bounded, _Pending
from quotes.ingest.readers import InputFile, read_source
from quotes.ingest.types import ArticleInput
from quotes.store.database import open_database
from quotes.store.models import Article
from tests.ingest.helpers import ARTICLE_1, ARTICLE_2

runner = CliRunner()
PARA = '"We are ready to talk," the minister said. The talks resume on Monday, officials said.'


@pytest.fixture
def shared_nlp(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> Language:
    monkeypatch.setattr(pipeline_module, "load_nlp", lambda model=None: nlp)
    return nlp


def extract(*args: str, env: dict[str, str] | None = None) -> tuple[int, dict[str, Any], str]:
    result = runner.invoke(app, ["extract", *args, "--json"], env=env)
    assert "Traceback" not in result.output, result.output
    return result.exit_code, json.loads(result.stdout), result.stderr


def stored_sources(db: Path) -> set[str]:
    with open_database(str(db)).readers() as s:
        return {Path(src).name for src in s.scalars(select(Article.source))}


# -- diagnostics: one line each, whatever a file name holds -----------------------------------

HOSTILE_NAMES = [
    "new\nerror: forged line.txt",
    "clear\x1b[2J\x1b]0;pwned\x07.txt",
    "rtl\u202etxt.exe.txt",
    "bell\x07and\rcarriage\x0b\x0c\x7f\x9b31m.txt",
    "zero\u200bwidth\ufeff.txt",
    "[bold red]markup[reverse] :smile:.txt",
]


def test_each_diagnostic_is_one_line_whatever_the_name(
    tmp_path: Path, db_path: Path, shared_nlp: Language
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in HOSTILE_NAMES:
        (corpus / name).write_bytes(b"")  # empty: each one is a diagnostic naming the file
    (corpus / "good.txt").write_text(ARTICLE_1)

    code, summary, stderr = extract(str(corpus), "--db", str(db_path))

    assert code == 1
    lines = stderr.splitlines()
    errors = [line for line in lines if line.startswith("error:")]
    assert len(errors) == len(HOSTILE_NAMES), lines
    assert len(lines) == len(HOSTILE_NAMES) + 1  # and the summary line, nothing forged
    assert not any(ch in stderr for ch in "\x1b\x07\r\x0b\x0c\x7f\x9b\u202e\u200b\ufeff")
    assert "new\\x0aerror: forged line.txt" in stderr
    assert "clear\\x1b[2J\\x1b]0;pwned\\x07.txt" in stderr
    assert "rtl\\u202etxt.exe.txt" in stderr
    assert "[bold red]markup[reverse] :smile:.txt" in stderr  # shown as typed, not styled
    assert stored_sources(db_path) == {"good.txt"}
    assert summary["articles"]["failed"] == len(HOSTILE_NAMES)


# -- deep HTML ------------------------------------------------------------------------------


def deep_page(depth: int) -> str:
    return (
        "<!doctype html><html><head><title>Deep &amp; nested</title>"
        "<script>var tracking = 1;</script><style>p { color: red }</style></head><body>"
        + "<div>" * depth
        + f"<p>{PARA}</p><p>A second paragraph, with &quot;entities&quot;.</p>"
        + "</div>" * depth
        + "</body></html>"
    )


@pytest.mark.parametrize("depth", [400, 5000])
def test_html_nested_deeper_than_the_extractor_goes_falls_back_to_plain_text(
    tmp_path: Path, depth: int
) -> None:
    page = tmp_path / "deep.html"
    page.write_text(deep_page(depth))
    result = read_source(InputFile(str(page)))
    assert result.problems == []
    [article] = result.articles
    assert article.text == f'{PARA}\n\nA second paragraph, with "entities".'
    assert article.title == "Deep & nested"


def test_deep_html_end_to_end(tmp_path: Path, db_path: Path, shared_nlp: Language) -> None:
    page = tmp_path / "deep.html"
    page.write_text(deep_page(400))
    code, summary, stderr = extract(str(page), "--db", str(db_path))
    assert code == 0, stderr
    assert summary["articles"]["new"] == 1 and summary["quotes"]["added"] >= 1


def test_plain_text_keeps_only_visible_text() -> None:
    title, text = plain_text(
        "<title>T</title><head><script>evil()</script><body><p>One <b>two</b></p>"
        "<noscript>hidden</noscript><svg><text>drawn</text></svg>three<br>four"
        "<template>tpl</template><p>a&nbsp;b</p><p>   </p>"
    )
    assert title == "T"
    assert text == "One two\n\nthree\n\nfour\n\na\u00a0b"  # entities decoded, text kept


def test_plain_text_without_head_end_tag_still_reads_the_body() -> None:
    assert plain_text("<html><head><title>T</title><body><p>Body text</p>")[1] == "Body text"


def test_plain_text_of_markup_that_is_not_html() -> None:
    assert plain_text("<<<>>></p></div>") == (None, "<<<>>>")
    assert plain_text("text <div <p")[1].startswith("text")  # an unfinished tag never raises
    assert plain_text("") == (None, "")


# -- articles too long to parse in bounded memory --------------------------------------------


def test_an_article_over_the_limit_is_refused_with_how_to_raise_it(
    tmp_path: Path, db_path: Path, shared_nlp: Language
) -> None:
    long = tmp_path / "long.txt"
    long.write_text((PARA + "\n\n") * 60)  # about 5,500 characters
    short = tmp_path / "short.txt"
    short.write_text(ARTICLE_2)
    assert len(ARTICLE_2) < 2000 < len(long.read_text())

    code, _, stderr = extract(str(long), str(short), "--db", str(db_path), "--max-chars", "2000")

    assert code == 1
    [line] = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert "long.txt" in line and "article too long" in line and "limit 2,000" in line
    assert "--max-chars" in line and "$QUOTES_MAX_CHARS" in line
    assert stored_sources(db_path) == {"short.txt"}

    # Raised through the environment, the same article goes in.
    code, _, stderr = extract(str(long), "--db", str(db_path), env={"QUOTES_MAX_CHARS": "10000"})
    assert code == 0, stderr
    assert stored_sources(db_path) == {"short.txt", "long.txt"}


def pending(*sizes: int) -> list[_Pending]:
    return [_Pending(ArticleInput(text="x" * n), content_hash=str(i)) for i, n in enumerate(sizes)]


def test_parse_batches_are_bounded_by_characters_and_count() -> None:
    items = pending(10, 10, 10, 50, 10, 100, 10, 10, 10, 10, 10)
    groups = [[len(p.article.text) for p in g] for g in _char_bounded(iter(items), 4, 60)]
    assert groups == [[10, 10, 10], [50, 10], [100], [10, 10, 10, 10], [10]]
    assert [p for g in _char_bounded(iter(items), 4, 60) for p in g] == items
