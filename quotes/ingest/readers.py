"""Files to articles: one reader per format, each failure one `InputProblem` naming the input.

A reader never raises for bad input: a batch of a thousand files must not stop at the first
broken one, and the user needs every bad file named, so problems are returned alongside the
articles that could be read.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from quotes.ingest.decoding import UndecodableError, decode_bytes
from quotes.ingest.limits import DEFAULT_MAX_BYTES as DEFAULT_MAX_BYTES
from quotes.ingest.metadata import complete_metadata, parse_date
from quotes.ingest.types import ArticleInput, InputProblem

STDIN = "-"
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
# Inside a directory these are taken for what they are (configuration, data, code, media),
# not articles; named on the command line, any file is read.
_NOT_ARTICLE = """
    .toml .yaml .yml .ini .cfg .conf .json .csv .tsv .xml .py .pyc .sh .js .css .lock .log
    .db .sqlite .sqlite3 .db-wal .db-shm .db-journal .sqlite-wal .sqlite-shm .sqlite-journal
    .png .jpg .jpeg .gif .svg .webp .ico .pdf .zip .gz .bz2 .xz .tar .7z .mp3 .mp4 .wav .bin
    .exe .so
"""
NOT_ARTICLE_SUFFIXES = frozenset(_NOT_ARTICLE.split())
JSONL_FIELDS = ("text", "title", "url", "outlet", "author", "published", "language")


@dataclass(slots=True)
class ReadResult:
    articles: list[ArticleInput] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to read ("-" is stdin); `label` is how messages name it."""

    path: str

    @property
    def label(self) -> str:
        return "<stdin>" if self.path == STDIN else self.path


def expand_paths(paths: list[str]) -> Iterator[InputFile | InputProblem]:
    """Files in command-line order; directories walked recursively in sorted order.

    Symlinked directories are followed (a corpus is often assembled from links), so each
    directory's real identity is remembered and a second visit is reported as a loop instead
    of recursing forever. Inside a directory, hidden entries (".git", ".DS_Store") and files
    that are plainly not articles (NOT_ARTICLE_SUFFIXES: "topics.toml", images) are skipped.
    """
    for raw in paths:
        if raw == STDIN:
            yield InputFile(STDIN)
            continue
        path = Path(raw)
        try:
            path.stat()
        except FileNotFoundError:
            kind = "broken symbolic link" if path.is_symlink() else "no such file or directory"
            yield InputProblem(raw, kind)
            continue
        except OSError as exc:
            yield InputProblem(raw, _os_message(exc))
            continue
        if path.is_dir():
            yield from _walk(path, visited=set())
        else:
            yield InputFile(raw)


def _walk(directory: Path, visited: set[tuple[int, int]]) -> Iterator[InputFile | InputProblem]:
    try:
        st = directory.stat()
    except OSError as exc:
        yield InputProblem(str(directory), _os_message(exc))
        return
    key = (st.st_dev, st.st_ino)
    if key in visited:
        yield InputProblem(
            str(directory), f"directory symlink loop (back to {os.path.realpath(directory)})"
        )
        return
    visited = visited | {key}  # per branch: the same directory linked twice is not a loop
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        yield InputProblem(str(directory), _os_message(exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = Path(entry.path)
        try:
            is_dir = entry.is_dir(follow_symlinks=True)
        except OSError as exc:
            yield InputProblem(entry.path, _os_message(exc))
            continue
        if is_dir:
            yield from _walk(child, visited)
        elif child.suffix.lower() in NOT_ARTICLE_SUFFIXES:
            continue
        elif entry.is_symlink() and not child.exists():
            yield InputProblem(entry.path, "broken symbolic link")
        else:
            yield InputFile(entry.path)


def _os_message(exc: OSError) -> str:
    return (exc.strerror or exc.__class__.__name__).lower()


def read_bytes(source: InputFile, *, max_bytes: int, stdin: IO[bytes] | None = None) -> bytes:
    """The file's bytes, refusing oversized inputs before reading them into memory."""
    if source.path == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
    else:
        st = os.stat(source.path)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(source.path)
        if not stat.S_ISREG(st.st_mode):
            # A FIFO or device would block or never end; "-" is the way to pipe text in.
            raise _NotRegular()
        if st.st_size > max_bytes:
            raise _TooLarge(st.st_size, max_bytes)
        with open(source.path, "rb") as fh:
            data = fh.read(max_bytes + 1)  # the file may have grown since stat
    if len(data) > max_bytes:
        raise _TooLarge(len(data), max_bytes)
    return data


class _NotRegular(Exception):
    def __init__(self) -> None:
        super().__init__("not a regular file (use - to read from a pipe)")


class _TooLarge(Exception):
    def __init__(self, size: int, limit: int) -> None:
        what = "more than" if size == limit + 1 else f"{size:,} bytes,"
        super().__init__(f"file too large ({what} limit {limit:,} bytes; see --max-bytes)")


def read_source(
    source: InputFile,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: IO[bytes] | None = None,
) -> ReadResult:
    """Read one input into articles with their metadata completed from the text."""
    result = ReadResult()
    label = source.label
    try:
        data = read_bytes(source, max_bytes=max_bytes, stdin=stdin)
    except (_TooLarge, _NotRegular) as exc:
        result.problems.append(InputProblem(label, str(exc)))
        return result
    except IsADirectoryError:
        result.problems.append(InputProblem(label, "is a directory"))
        return result
    except OSError as exc:
        result.problems.append(InputProblem(label, _os_message(exc)))
        return result
    suffix = "" if source.path == STDIN else Path(source.path).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return read_jsonl(data, label)
    text = _decoded_text(data, label, result)
    if text is None:
        return result
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
        article = read_html(text, label)
        if article is None:
            result.problems.append(InputProblem(label, "no article text found in the HTML"))
        else:
            result.articles.append(article)
        return result
    result.articles.append(complete_metadata(ArticleInput(text=text, source=label)))
    return result


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or "<html" in head


def read_html(html: str, label: str) -> ArticleInput | None:
    """The main text and metadata of a web page (boilerplate, scripts and menus removed).

    The main-text extractor gives up on some pages (libxml2 stops at about 256 levels of
    nesting, so a page nested 300 deep came out as "no article text found"); those fall back
    to the page's plain text, which keeps the words if not the boilerplate removal.
    """
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
        )
    except Exception:  # hostile markup must cost the extractor, not the file
        doc = None
    if doc is None:
        return _plain_html_article(html, label)
    values: dict[str, Any] = doc if isinstance(doc, dict) else doc.as_dict()
    text = values.get("text") or ""
    if not text.strip():
        return _plain_html_article(html, label)
    published = parse_date(values["date"]) if values.get("date") else None
    article = ArticleInput(
        text=text,
        source=label,
        title=_clean(values.get("title")),
        author=_clean(values.get("author")),
        outlet=_clean(values.get("sitename")),
        published=published,
        url=_clean(values.get("url")),
    )
    return complete_metadata(article)


def _plain_html_article(html: str, label: str) -> ArticleInput | None:
    from quotes.ingest.html_text import plain_text

    title, text = plain_text(html)
    if not text.strip():
        return None
    return complete_metadata(ArticleInput(text=text, source=label, title=_clean(title)))


def _decoded_text(data: bytes, label: str, result: ReadResult) -> str | None:
    """The input's text, or None with the reason added to `result` (undecodable or empty)."""
    try:
        text, _encoding = decode_bytes(data)
    except UndecodableError as exc:
        result.problems.append(InputProblem(label, str(exc)))
        return None
    if not text.strip():
        result.problems.append(InputProblem(label, "empty file (no text)"))
        return None
    return text


def read_jsonl(data: bytes, label: str) -> ReadResult:
    """One article per line; a bad line is reported with its number and the rest still read."""
    result = ReadResult()
    text = _decoded_text(data, label, result)
    if text is None:
        return result
    # Split on "\n" only: str.splitlines() also breaks at U+2028 and friends, which JSON
    # allows raw inside strings, and line numbers must match what an editor shows.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            result.articles.append(_jsonl_article(line, label, number))
        except ValueError as exc:
            result.problems.append(InputProblem(label, str(exc), line=number))
    return result


def _jsonl_article(line: str, label: str, number: int) -> ArticleInput:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"malformed JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise ValueError('expected a JSON object with a "text" field')
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError('missing "text" (a string)')
    if not text.strip():
        raise ValueError('empty "text"')
    for name in JSONL_FIELDS[1:]:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise ValueError(f'"{name}" must be a string')
    published: dt.date | None = None
    if record.get("published"):
        published = parse_date(record["published"])
        if published is None:
            raise ValueError(f'"published" is not a date: {record["published"]!r} (use YYYY-MM-DD)')
    url = _clean(record.get("url"))
    article = ArticleInput(
        text=text,
        source=url or f"{label}:{number}",
        title=_clean(record.get("title")),
        outlet=_clean(record.get("outlet")),
        author=_clean(record.get("author")),
        published=published,
        url=url,
        language=_clean(record.get("language")) or "en",
    )
    return complete_metadata(article)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
