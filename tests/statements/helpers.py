"""Storing articles with known quotes through the real ingest path (no spaCy needed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from quotes.extract.types import ExtractedQuote, QuoteType
from quotes.extract.types import Speaker as ExtractedSpeaker
from quotes.ingest.store import Extracted, store_new_articles
from quotes.ingest.types import ArticleInput
from quotes.store.database import Database

Spec = tuple[str, QuoteType, str | None]  # words (a substring of the text), type, speaker


def planted(text: str, specs: Sequence[Spec]) -> list[ExtractedQuote]:
    quotes = []
    for words, qtype, speaker in specs:
        start = text.index(words)
        quotes.append(
            ExtractedQuote(
                start=start,
                end=start + len(words),
                text=words,
                type=qtype,
                confidence=0.8,
                speaker=ExtractedSpeaker(speaker) if speaker else None,
                cue="said",
            )
        )
    return quotes


def ingest(
    database: Database,
    text: str,
    specs: Sequence[Spec],
    *,
    outlet: str = "Wire",
    published: dt.date | None = None,
) -> None:
    article = ArticleInput(text=text, source=f"{outlet}.txt", outlet=outlet, published=published)
    with database.sessions.begin() as s:
        summary = store_new_articles(
            s, [Extracted(article, planted(text, specs))], extractor_version="test"
        )
    assert summary.articles_new == 1, summary.problems
