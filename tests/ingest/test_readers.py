"""Readers: every format, and every kind of bad input reported as one problem naming it."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest

from quotes.ingest.readers import InputFile, expand_paths, read_source
from quotes.ingest.types import ArticleInput, InputProblem

ARTICLE = (
    "NATO invites Russia to talks\r\n"
    "By Agnes Szucs\r\n"
    "“We stand ready,” Jens Stoltenberg said on Thursday.\r\n"
)


def read(path: Path, **kwargs: int) -> tuple[list[ArticleInput], list[InputProblem]]:
    result = read_source(InputFile(str(path)), **kwargs)
    return result.articles, result.problems


def test_text_file_is_stored_verbatim_with_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    [article], problems = read(path)
    assert problems == []
    assert article.text == ARTICLE  # CRLF and curly quotes untouched
    assert article.title == "NATO invites Russia to talks"
    assert article.author == "Agnes Szucs"
    assert article.source == str(path)


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + ARTICLE.encode("utf-8"),
        codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"),
    ],
    ids=["utf-8-bom", "utf-16-le", "utf-16-be"],
)
def test_byte_order_marks(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(data)
    [article], problems = read(path)
    assert problems == []
    assert article.text == ARTICLE


def test_latin1_file(tmp_path: Path) -> None:
    text = "Der Außenminister sagte, Müller habe «nichts» gesagt.\nCafé crème, déjà vu.\n"
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("latin-1"))
    [article], _ = read(path)
    assert article.text == text


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("invalid.txt", bytes(range(128, 256)) * 4, "no other text encoding"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\r\n  ", "empty"),
        ("picture.dat", b"\x00\x01\x02\x03" * 50, "binary"),
    ],
)
def test_bad_files_are_one_problem_each(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    articles, [problem] = read(path)
    assert articles == []
    assert problem.source == str(path)
    assert message in problem.message
    assert str(problem).startswith(str(path))


def test_oversized_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 100)
    articles, [problem] = read(path, max_bytes=100)
    assert articles == []
    assert "too large" in problem.message
    assert "--max-bytes" in problem.message


def test_unknown_extension_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "story.article"
    path.write_text(ARTICLE, newline="")
    [article], _ = read(path)
    assert article.text == ARTICLE


def test_html_main_text_without_scripts(tmp_path: Path) -> None:
    html = """<!doctype html><html><head><title>NATO invites Russia to talks | Wire</title>
    <meta name="author" content="Agnes Szucs">
    <meta property="og:site_name" content="Anadolu Agency">
    <meta name="date" content="2022-01-07">
    <script>var tracker = "SECRET_SCRIPT_TEXT";</script></head>
    <body><nav>Home | World | Sports</nav><article><h1>NATO invites Russia to talks</h1>
    <p>NATO has invited Russia for a new round of talks, the alliance's chief said on Thursday,
    adding that a diplomatic way forward was still possible despite the tensions.</p>
    <script>document.write("SECRET_SCRIPT_TEXT")</script>
    <p>"This morning, I have sent a letter to Foreign Minister Sergey Lavrov," Jens Stoltenberg
    said in a news conference in Brussels following a meeting with the British prime minister.</p>
    </article><footer>Copyright 2022</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html)
    [article], problems = read(path)
    assert problems == []
    assert "SECRET_SCRIPT_TEXT" not in article.text
    assert "Jens Stoltenberg" in article.text
    assert article.author == "Agnes Szucs"
    assert article.outlet == "Anadolu Agency"
    assert article.published == dt.date(2022, 1, 7)
    assert article.title is not None and "NATO invites Russia" in article.title


def test_html_without_article_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>x()</script></body></html>")
    articles, [problem] = read(path)
    assert articles == []
    assert "no article text" in problem.message


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "text": "First article text.",
                "title": "First",
                "url": "https://example.org/1",
                "outlet": "Example",
                "author": "A. Writer",
                "published": "2021-12-17",
            }
        ),
        "{not json",
        json.dumps({"title": "no text"}),
        "",
        json.dumps({"text": "Second article.", "published": "sometime"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "   "}),
        json.dumps({"text": "Third article, second good one."}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n")
    articles, problems = read(path)
    assert [a.text for a in articles] == ["First article text.", "Third article, second good one."]
    first = articles[0]
    assert (first.title, first.outlet, first.author) == ("First", "Example", "A. Writer")
    assert first.published == dt.date(2021, 12, 17)
    assert first.source == "https://example.org/1"
    assert articles[1].source == f"{path}:8"
    assert [p.line for p in problems] == [2, 3, 5, 6, 7]
    assert all(str(p).startswith(f"{path}:{p.line}: ") for p in problems)
    assert "malformed JSON" in problems[0].message
    assert '"text"' in problems[1].message
    assert "published" in problems[2].message


def test_stdin(tmp_path: Path) -> None:
    result = read_source(InputFile("-"), stdin=io.BytesIO(ARTICLE.encode("utf-8")))
    [article] = result.articles
    assert article.text == ARTICLE
    assert article.source == "<stdin>"


def test_stdin_oversized() -> None:
    result = read_source(InputFile("-"), max_bytes=10, stdin=io.BytesIO(b"x" * 100))
    [problem] = result.problems
    assert problem.source == "<stdin>"
    assert "too large" in problem.message


def test_missing_path_and_broken_link(tmp_path: Path) -> None:
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    items = list(expand_paths([str(tmp_path / "nope.txt"), str(link)]))
    assert items == [
        InputProblem(str(tmp_path / "nope.txt"), "no such file or directory"),
        InputProblem(str(link), "broken symbolic link"),
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files regardless of permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("text")
    path.chmod(0)
    try:
        articles, [problem] = read(path)
    finally:
        path.chmod(0o644)
    assert articles == []
    assert "permission denied" in problem.message


def test_permission_denied_is_one_line_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root reads any file, so CI (root) checks the same path with the OS refusal injected."""
    path = tmp_path / "secret.txt"
    path.write_text("text")
    real_open = open

    def refusing_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refusing_open)
    articles, [problem] = read(path)
    assert articles == []
    assert problem.source == str(path)
    assert "permission denied" in problem.message


def test_directory_is_walked_sorted_skipping_hidden_and_non_articles(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two")
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / "topics.toml").write_text("[topic]")
    (tmp_path / "c.jsonl").write_text("{}")
    items = list(expand_paths([str(tmp_path)]))
    assert items == [
        InputFile(str(tmp_path / "a.txt")),
        InputFile(str(tmp_path / "b" / "2.txt")),
        InputFile(str(tmp_path / "c.jsonl")),
    ]


def test_directory_symlink_loop_is_reported_once(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text("an article")
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    items = list(expand_paths([str(root)]))
    files = [i for i in items if isinstance(i, InputFile)]
    problems = [i for i in items if isinstance(i, InputProblem)]
    assert files == [InputFile(str(root / "sub" / "a.txt"))]
    assert len(problems) == 1
    assert problems[0].source == str(root / "sub" / "loop")
    assert "loop" in problems[0].message


def test_same_directory_linked_twice_is_not_a_loop(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "a.txt").write_text("an article")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one").symlink_to(shared, target_is_directory=True)
    (corpus / "two").symlink_to(shared, target_is_directory=True)
    items = list(expand_paths([str(corpus)]))
    assert all(isinstance(i, InputFile) for i in items)
    assert len(items) == 2


def test_jsonl_line_separator_inside_a_string_and_crlf(tmp_path: Path) -> None:
    text = "First paragraph.\u2028Still the same line.\nSecond paragraph."
    path = tmp_path / "odd.jsonl"
    path.write_bytes(
        (json.dumps({"text": text}, ensure_ascii=False) + "\r\n{bad\r\n").encode("utf-8")
    )
    articles, [problem] = read(path)
    assert [a.text for a in articles] == [text]
    assert problem.line == 2


def test_fifo_is_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    [item] = list(expand_paths([str(tmp_path)]))
    assert isinstance(item, InputFile)
    articles, [problem] = read(fifo)
    assert articles == []
    assert "not a regular file" in problem.message
