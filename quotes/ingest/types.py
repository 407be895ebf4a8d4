"""Values passed between reading, extraction and storing: plain data, no database types."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field


def content_hash(text: str) -> str:
    """sha256 of the stored text: the article's identity, so re-ingesting it is a no-op."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class Shard:
    """Worker `index` of `count` (1-based): N workers on N machines split one corpus.

    Articles are assigned by content hash, so every worker agrees on the split without
    talking to the others, and re-running a shard is a no-op like any re-run.
    """

    index: int
    count: int

    @classmethod
    def parse(cls, value: str) -> Shard:
        try:
            k, n = (int(part) for part in value.split("/"))
        except ValueError:
            raise ValueError(f"--shard takes K/N, like 1/4, not {value!r}") from None
        if not 1 <= k <= n:
            raise ValueError(f"--shard {value}: K must be between 1 and N")
        return cls(k, n)

    def owns(self, digest: str) -> bool:
        return int(digest[:16], 16) % self.count == self.index - 1


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """One article as read from a file, a JSONL line or a caller; `text` is stored verbatim."""

    text: str
    source: str = "<text>"  # a path, "path:line", a URL or "<stdin>"
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str = "en"

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True, slots=True)
class InputProblem:
    """Why one input (a file, or one JSONL line) was not ingested: one line for the user."""

    source: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"


@dataclass(slots=True)
class IngestSummary:
    """What a run did; the CLI prints it and `--json` emits `as_dict()`."""

    articles_new: int = 0
    articles_unchanged: int = 0
    articles_failed: int = 0
    articles_reextracted: int = 0
    quotes_added: int = 0
    quotes_removed: int = 0  # untouched quotes replaced by re-extraction
    quotes_kept: int = 0  # curated quotes re-extraction left alone
    quotes_dropped: int = 0  # new quotes not stored: invalid span, or overlapping a curated one
    speakers_created: int = 0
    articles_other_shards: int = 0  # left to the other workers of a --shard run
    problems: list[InputProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.articles_failed == 0 and not self.problems

    def add(self, other: IngestSummary) -> None:
        for name in (
            "articles_new",
            "articles_unchanged",
            "articles_failed",
            "articles_reextracted",
            "quotes_added",
            "quotes_removed",
            "quotes_kept",
            "quotes_dropped",
            "speakers_created",
            "articles_other_shards",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.problems.extend(other.problems)

    def as_dict(self) -> dict[str, object]:
        return {
            "articles": {
                "new": self.articles_new,
                "unchanged": self.articles_unchanged,
                "failed": self.articles_failed,
                "reextracted": self.articles_reextracted,
                "other_shards": self.articles_other_shards,
            },
            "quotes": {
                "added": self.quotes_added,
                "removed": self.quotes_removed,
                "kept": self.quotes_kept,
                "dropped": self.quotes_dropped,
            },
            "speakers_created": self.speakers_created,
            "problems": [str(p) for p in self.problems],
        }
