"""What the database remembers about the web: pages by URL, their versions, followed sources.

Page rows are written inside the same write transaction as the articles they point to
(`record_pages` is the pipeline's `after_store` hook), so a killed run never leaves an
article without its page or a page pointing at nothing, and a resumed run knows every URL
whose article it stored. Writers are serialized (BEGIN IMMEDIATE on SQLite, the ingest
advisory lock on PostgreSQL) and URLs are unique keys, so two watchers sharing a database
never record one URL twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from quotes.ingest.store import Extracted, existing_hashes, serialize_writers
from quotes.store.models import ArticleVersion, WebPage, WebPageUrl, WebSource, utcnow


@dataclass(frozen=True, slots=True)
class PageFetch:
    """One fetched article page, waiting for its article to be stored."""

    canonical: str
    urls: tuple[str, ...]  # every URL that led here, canonical included
    content_hash: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class Validators:
    etag: str | None
    last_modified: str | None


def known_urls(session: Session, urls: Sequence[str]) -> set[str]:
    """Those of `urls` that already lead to a stored page."""
    found: set[str] = set()
    for i in range(0, len(urls), 500):
        chunk = list(urls[i : i + 500])
        found.update(session.scalars(select(WebPageUrl.url).where(WebPageUrl.url.in_(chunk))))
    return found


def page_validators(session: Session, url: str) -> Validators | None:
    row = session.execute(
        select(WebPage.etag, WebPage.last_modified)
        .join(WebPageUrl, WebPageUrl.page_id == WebPage.id)
        .where(WebPageUrl.url == url)
    ).first()
    return Validators(row.etag, row.last_modified) if row else None


def record_pages(session: Session, fetches: Iterable[PageFetch]) -> int:
    """Link each fetch whose article is stored to its page; returns the pages recorded.

    A page seen before with another article gets the new one as its current version, the
    old one kept and named in `article_versions.previous_article_id`.
    """
    serialize_writers(session)
    items = list(fetches)
    stored = existing_hashes(session, [f.content_hash for f in items])
    recorded = 0
    for fetch in items:
        article_id = stored.get(fetch.content_hash)
        if article_id is None:
            continue  # not stored (refused or failed): fetched again next time
        _record_page(session, fetch, article_id)
        recorded += 1
    return recorded


def _record_page(session: Session, fetch: PageFetch, article_id: int) -> None:
    now = utcnow()
    page_id = session.scalar(
        select(WebPageUrl.page_id).where(WebPageUrl.url.in_(fetch.urls)).limit(1)
    )
    page = session.get(WebPage, page_id) if page_id is not None else None
    previous: int | None = None
    if page is None:
        page = WebPage(url=fetch.canonical, article_id=article_id, fetched_at=now, changed_at=now)
        session.add(page)
        session.flush()
    elif page.article_id != article_id:
        previous = page.article_id
        page.article_id = article_id
        page.changed_at = now
    page.etag = fetch.etag
    page.last_modified = fetch.last_modified
    page.fetched_at = now
    if session.get(ArticleVersion, article_id) is None:
        session.add(
            ArticleVersion(
                article_id=article_id,
                page_id=page.id,
                previous_article_id=previous,
                fetched_at=now,
            )
        )
    have = set(session.scalars(select(WebPageUrl.url).where(WebPageUrl.url.in_(fetch.urls))))
    for url in dict.fromkeys(fetch.urls):
        if url not in have:
            session.add(WebPageUrl(url=url, page_id=page.id))
    session.flush()


def touch_page(session: Session, url: str) -> None:
    """A page that answered 304 or the same text: only its fetch time changes."""
    page_id = session.scalar(select(WebPageUrl.page_id).where(WebPageUrl.url == url))
    if page_id is not None and (page := session.get(WebPage, page_id)) is not None:
        page.fetched_at = utcnow()


def recorder(fetches: Mapping[str, list[PageFetch]]) -> _Recorder:
    return _Recorder(fetches)


class _Recorder:
    """The pipeline hook: records the pages of the articles a batch just stored."""

    def __init__(self, fetches: Mapping[str, list[PageFetch]]) -> None:
        self._fetches = fetches
        self.done: set[str] = set()

    def __call__(self, session: Session, batch: Sequence[Extracted]) -> None:
        items = [f for item in batch for f in self._fetches.get(item.content_hash, [])]
        record_pages(session, items)
        self.done.update(item.content_hash for item in batch)


def source_state(session: Session, url: str) -> WebSource | None:
    return session.scalar(select(WebSource).where(WebSource.url == url))


def save_source(
    session: Session,
    url: str,
    *,
    name: str | None,
    kind: str,
    feed_url: str | None = None,
    validators: Validators | None = None,
    error: str | None = None,
) -> None:
    """Record one poll of a source: its validators when complete, or why it failed."""
    serialize_writers(session)
    now: dt.datetime = utcnow()
    row = source_state(session, url)
    if row is None:
        row = WebSource(url=url, kind=kind, failures=0)
        session.add(row)
    row.name = name or row.name
    row.kind = kind
    row.feed_url = feed_url or row.feed_url
    row.checked_at = now
    if error is None:
        row.ok_at = now
        row.failures = 0
        row.last_error = None
        if validators is not None:
            row.etag = validators.etag
            row.last_modified = validators.last_modified
    else:
        row.failures = (row.failures or 0) + 1
        row.last_error = error[:1000]
    session.flush()
