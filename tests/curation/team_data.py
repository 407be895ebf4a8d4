"""Test data for the team tests: one article with many quotes, and a clock tests move."""

from __future__ import annotations

import datetime as dt
import hashlib

from quotes.store.database import Database
from quotes.store.models import Article, Quote

START = dt.datetime(2026, 12, 1, 9, 0, 0)


def many_quotes(database: Database, n: int) -> list[int]:
    """`n` unverified quotes in one article, in queue order (confidence rises with the id)."""
    text = "".join(f"Speaker {i} said words number {i}.\n" for i in range(n))
    with database.sessions.begin() as s:
        article = Article(
            content_hash=hashlib.sha256(text.encode()).hexdigest(),
            source="team.txt",
            text=text,
        )
        s.add(article)
        s.flush()
        ids = []
        offset = 0
        for i in range(n):
            line = f"Speaker {i} said words number {i}.\n"
            start = offset + line.index("words")
            end = offset + len(line) - 1
            quote = Quote(
                article_id=article.id,
                text=text[start:end],
                start=start,
                end=end,
                type="indirect",
                cue="said",
                confidence=round(0.1 + 0.8 * i / max(n, 1), 6),
            )
            s.add(quote)
            s.flush()
            ids.append(quote.id)
            offset += len(line)
        return ids


class Clock:
    """The time leases see; a test moves it forward instead of sleeping."""

    def __init__(self, now: dt.datetime = START) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)
