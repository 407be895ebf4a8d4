"""bench/statements.py's `grouping_off` must really turn ingest's grouping off: it swaps the
one grouping call of `quotes.ingest.store` by name, and a renamed call would leave the
bench timing grouping twice without a word."""

from __future__ import annotations

from sqlalchemy import func, select

from bench.statements import grouping_off
from quotes.ingest.store import Extracted, store_new_articles
from quotes.ingest.types import ArticleInput
from quotes.store.database import Database
from quotes.store.models import StatementQuote
from tests.ingest.helpers import ARTICLE_1, quote


def _store(database: Database, source: str) -> int:
    text = f"{ARTICLE_1}({source})"
    item = Extracted(
        ArticleInput(text=text, source=source), [quote(text, "Dialogue is not a sign of weakness.")]
    )
    with database.sessions.begin() as session:
        store_new_articles(session, [item], extractor_version="t")
    with database.sessions() as session:
        return session.scalar(select(func.count()).select_from(StatementQuote)) or 0


def test_grouping_off_stores_without_grouping_and_restores_it(database: Database) -> None:
    with grouping_off():
        assert _store(database, "a") == 0
    assert _store(database, "b") == 1
