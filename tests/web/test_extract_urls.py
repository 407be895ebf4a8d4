"""`quotes extract URL`: pages, feeds, sitemaps and home pages from the local server."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy import func, select

from quotes.ingest.types import InputProblem
from quotes.ingest.web.fetch import Fetcher
from quotes.ingest.web.ingest import ingest_urls
from quotes.ingest.web.state import known_urls
from quotes.store.database import Database
from quotes.store.models import Article, ArticleVersion, Quote, WebPage
from tests.web.conftest import LocalServer, Page, article_html, rss, story


def _articles(database: Database) -> list[Article]:
    with database.readers() as session:
        return list(session.scalars(select(Article).order_by(Article.id)))


def _count(database: Database, model: type[object]) -> int:
    with database.readers() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_page_is_stored_with_its_url_and_metadata_and_rerun_is_a_noop(
    server: LocalServer, fetcher: Fetcher, database: Database, nlp: Language
) -> None:
    server.routes["/news/bridge"] = Page(article_html("Bridge plan", story(1)), etag='"a1"')
    url = server.url("/news/bridge?utm_source=twitter&fbclid=x")
    first = ingest_urls(database, [url], nlp=nlp, fetcher=fetcher)
    assert (first.articles_new, first.problems) == (1, [])
    [article] = _articles(database)
    assert article.source == server.url("/news/bridge")
    assert article.outlet == "Local Gazette"
    assert article.published == dt.date(2024, 3, 5)
    assert article.title == "Bridge plan"
    assert _count(database, Quote) >= 1
    again = ingest_urls(database, [url], nlp=nlp, fetcher=fetcher)
    assert (again.articles_new, again.problems) == (0, [])
    assert server.requests[-1].headers.get("If-None-Match") == '"a1"'
    assert len(_articles(database)) == 1


def test_a_changed_page_is_a_new_version_linked_to_the_old(
    server: LocalServer, fetcher: Fetcher, database: Database, nlp: Language
) -> None:
    server.routes["/p"] = Page(article_html("Bridge", story(1)))
    ingest_urls(database, [server.url("/p")], nlp=nlp, fetcher=fetcher)
    server.routes["/p"] = Page(article_html("Bridge (updated)", story(2)))
    ingest_urls(database, [server.url("/p")], nlp=nlp, fetcher=fetcher)
    old, new = _articles(database)
    assert "bridge number 1" in old.text and "bridge number 2" in new.text
    with database.readers() as session:
        version = session.get(ArticleVersion, new.id)
        page = session.scalar(select(WebPage))
    assert version is not None and version.previous_article_id == old.id
    assert page is not None and page.article_id == new.id


def test_canonical_url_is_the_identity_only_on_the_same_host(
    server: LocalServer, fetcher: Fetcher, database: Database, nlp: Language
) -> None:
    canonical = server.url("/story/1")
    server.routes["/amp/1"] = Page(article_html("A", story(1), canonical=canonical))
    server.routes["/evil"] = Page(
        article_html("B", story(2), canonical="https://other.example/story/1")
    )
    ingest_urls(database, [server.url("/amp/1"), server.url("/evil")], nlp=nlp, fetcher=fetcher)
    first, second = _articles(database)
    assert first.source == canonical
    assert second.source == server.url("/evil")


def test_feed_entries_are_stored_once_and_a_broken_one_is_one_line(
    server: LocalServer, fetcher: Fetcher, database: Database, nlp: Language
) -> None:
    server.routes["/a"] = Page(article_html("A", story(1)))
    server.routes["/b"] = Page(article_html("B", story(2)))
    server.routes["/pdf"] = Page(b"%PDF", content_type="application/pdf")
    server.routes["/feed.xml"] = Page(
        rss([("A", "/a?utm_campaign=rss"), ("B", "/b"), ("P", "/pdf"), ("A again", "/a")]),
        content_type="application/rss+xml",
    )
    problems: list[InputProblem] = []
    summary = ingest_urls(
        database, [server.url("/feed.xml")], nlp=nlp, fetcher=fetcher, on_problem=problems.append
    )
    assert summary.articles_new == 2
    assert [str(p) for p in problems] == [
        f"{server.url('/pdf')}: not a web page or feed (content type application/pdf)"
    ]
    assert server.fetched("/a") == 1
    again = ingest_urls(database, [server.url("/feed.xml")], nlp=nlp, fetcher=fetcher)
    assert again.articles_new == 0
    assert server.fetched("/a") == 1 and server.fetched("/b") == 1


def test_sitemap_and_home_page_discovery(
    server: LocalServer, fetcher: Fetcher, database: Database, nlp: Language
) -> None:
    server.routes["/s1"] = Page(article_html("S1", story(1)))
    server.routes["/f1"] = Page(article_html("F1", story(2)))
    server.routes["/sitemap.xml"] = Page(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{server.url('/s1')}</loc><lastmod>2024-02-01</lastmod></url></urlset>",
        content_type="application/xml",
    )
    server.routes["/rss"] = Page(rss([("F1", "/f1")]), content_type="application/rss+xml")
    server.routes["/"] = Page(
        '<html><head><link rel="alternate" type="application/rss+xml" href="/rss">'
        "</head><body><p>Front page</p></body></html>"
    )
    summary = ingest_urls(
        database, [server.url("/sitemap.xml"), server.url("/")], nlp=nlp, fetcher=fetcher
    )
    assert (summary.articles_new, summary.problems) == (2, [])
    with database.readers() as session:
        assert known_urls(session, [server.url("/s1"), server.url("/f1")]) == {
            server.url("/s1"),
            server.url("/f1"),
        }


def test_malformed_feed_is_one_line_and_nothing_stored(
    server: LocalServer, fetcher: Fetcher, database: Database, nlp: Language
) -> None:
    server.routes["/bad.xml"] = Page(
        "<rss><channel><item><title>x</ti", content_type="application/rss+xml"
    )
    problems: list[InputProblem] = []
    summary = ingest_urls(
        database, [server.url("/bad.xml")], nlp=nlp, fetcher=fetcher, on_problem=problems.append
    )
    assert summary.articles_new == 0
    assert len(problems) == 1 and "malformed feed" in problems[0].message
    assert _articles(database) == []


def test_quotes_extract_takes_urls_beside_files(
    server: LocalServer, nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from quotes.cli import app
    from quotes.ingest import pipeline as pipeline_module

    monkeypatch.setattr(pipeline_module, "load_nlp", lambda model=None: nlp)
    server.routes["/a"] = Page(article_html("A", story(1)))
    server.routes["/loop"] = Page(status=301, headers={"Location": "/loop"})
    text_file = tmp_path / "local.txt"
    text_file.write_text(story(2), encoding="utf-8")
    db = str(tmp_path / "q.db")
    args = ["extract", str(text_file), server.url("/a"), server.url("/loop"), "--db", db]
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert summary["articles"]["new"] == 2
    assert summary["problems"] == [
        f"{server.url('/loop')}: too many redirects (more than 5, or a loop)"
    ]
    again = CliRunner().invoke(app, [*args[:-3], "--db", db, "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["articles"] | {"other_shards": 0} == {
        "new": 0,
        "unchanged": 2,  # the file, and the page (same text, asked again conditionally)
        "failed": 0,
        "reextracted": 0,
        "other_shards": 0,
    }
    assert server.fetched("/a") == 2  # asked again, conditionally; nothing new stored


def test_the_quote_card_shows_a_fetched_articles_url_outlet_and_date(
    server: LocalServer, fetcher: Fetcher, database: Database, nlp: Language
) -> None:
    from rich.console import Console

    from quotes.curation import CurationService
    from quotes.tui.quote_card import render_card

    server.routes["/news/bridge"] = Page(article_html("Bridge plan", story(1)))
    ingest_urls(database, [server.url("/news/bridge")], nlp=nlp, fetcher=fetcher)
    with database.readers() as session:
        quote_id = session.scalars(select(Quote.id)).first()
    assert quote_id is not None
    console = Console(width=200, record=True)
    console.print(render_card(CurationService(database, "ann").quote_card(quote_id)))
    shown = console.export_text()
    assert "Bridge plan · Local Gazette · 2024-03-05" in shown
    assert server.url("/news/bridge") in shown
