"""URLs to stored articles: a page, every entry of a feed or sitemap, or a home page's feed.

The rules a feed reader feeding a database needs live here, not in the commands: a URL is
identified by its normalized form (tracking parameters stripped) and a page by its canonical
URL on its own host; entries already stored under any URL that led to them are not fetched
again; a known page is asked for with its validators (ETag, Last-Modified) and a 304 or the
same text is a no-op; a changed page becomes a new article linked to the old version. A
source's validators are saved only after every entry it listed was handled, so a run
stopped halfway re-reads the listing next time instead of trusting a 304 that would hide
the entries it never reached. Every failure is one `InputProblem` and the run goes on.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from spacy.language import Language

from quotes.ingest.limits import BATCH_SIZE, DEFAULT_MAX_CHARS
from quotes.ingest.readers import read_html
from quotes.ingest.types import ArticleInput, IngestSummary, InputProblem
from quotes.ingest.web.documents import (
    DocumentError,
    Entry,
    Listing,
    decode_page,
    discover_feeds,
    iter_chunks,
    kind_of,
    page_language,
    parse_feed,
    parse_sitemap,
)
from quotes.ingest.web.fetch import HTML_TYPES, Fetched, Fetcher, FetchError, private_address
from quotes.ingest.web.state import (
    PageFetch,
    Validators,
    known_urls,
    page_validators,
    record_pages,
    recorder,
    save_source,
    source_state,
    touch_page,
)
from quotes.ingest.web.urls import is_home_page, normalize_url, same_host
from quotes.store.database import Database

MAX_CHILD_SITEMAPS = 50
_PAGE_TYPES = HTML_TYPES | {""}


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """A URL to read, with the outlet name its articles get (from a sources file)."""

    url: str
    name: str | None = None


@dataclass(slots=True)
class SourceReport:
    """What one read of one source did: the watcher's per-source summary line."""

    url: str
    name: str | None = None
    kind: str = "page"
    listed: int = 0
    new: int = 0
    stored: int = 0
    unchanged: int = 0
    failed: int = 0
    not_modified: bool = False
    error: str | None = None

    def line(self) -> str:
        who = f"{self.name} ({self.url})" if self.name else self.url
        if self.error is not None:
            return f"{who}: failed: {self.error}"
        if self.not_modified:
            return f"{who}: not modified"
        listed = f"{self.listed} listed, {self.new} new, " if self.kind != "page" else ""
        return (
            f"{who}: {self.kind}, {listed}{self.stored} stored, {self.unchanged} unchanged, "
            f"{self.failed} failed"
        )


class WebIngester:
    """Reads sources into one database with one fetcher; `summary` adds up every read."""

    def __init__(
        self,
        database: Database,
        nlp: Language,
        fetcher: Fetcher,
        *,
        on_problem: Callable[[InputProblem], None] | None = None,
        batch_size: int = BATCH_SIZE,
        max_chars: int = DEFAULT_MAX_CHARS,
        stop: threading.Event | None = None,
        follow_any_page: bool = False,
    ) -> None:
        self.database = database
        self.nlp = nlp
        self.fetcher = fetcher
        self.summary = IngestSummary()
        self._on_problem = on_problem
        self._batch_size = batch_size
        self._max_chars = max_chars
        self._stop = stop or threading.Event()
        # The watcher follows sources: an HTML page there is a home page whose feed is read.
        self._follow_any_page = follow_any_page
        self._private_ok = False

    def read(self, spec: SourceSpec) -> SourceReport:
        report = SourceReport(spec.url, spec.name)
        try:
            url = normalize_url(spec.url)
        except ValueError as exc:
            return self._fail(report, spec.url, str(exc))
        report.url = url
        # Links from this source may reach private addresses only if the source is on one.
        self._private_ok = private_address(urlsplit(url).hostname or "") is not None
        with self.database.readers() as session:
            state = source_state(session, url)
            known = Validators(state.etag, state.last_modified) if state else None
            feed_url = state.feed_url if state else None
            if state is None:
                known = page_validators(session, url)
        target = feed_url or url
        try:
            fetched = self._get(target, known)
        except FetchError as exc:
            self._save_failure(url, spec.name, state.kind if state else None, str(exc))
            return self._fail(report, target, str(exc))
        if fetched.not_modified:
            report.not_modified = True
            report.kind = state.kind if state else "page"
            if state is None:  # a known article page: the re-run's no-op
                report.unchanged = 1
                self.summary.articles_unchanged += 1
            self._write(
                lambda s: (
                    save_source(s, url, name=spec.name, kind=report.kind)
                    if state
                    else touch_page(s, url)
                )
            )
            return report
        kind = kind_of(fetched)
        if kind == "page" and (self._follow_any_page or is_home_page(url)):
            try:
                feeds = discover_feeds(decode_page(fetched), fetched.final_url)
            except DocumentError:
                feeds = []
            if feeds:
                feed_url = feeds[0]
                try:
                    fetched = self._get(feed_url, None)
                except FetchError as exc:
                    self._save_failure(url, spec.name, "page", str(exc))
                    return self._fail(report, feed_url, str(exc))
                kind = kind_of(fetched)
                report.kind = kind
                return self._read_listing(report, url, spec.name, fetched, kind, feed_url)
            if self._follow_any_page:
                message = "a web page that links no RSS or Atom feed"
                self._save_failure(url, spec.name, "page", message)
                return self._fail(report, url, message)
        if kind == "page":
            self._store_pages(report, [(url, fetched, None)], spec.name)
            return report
        report.kind = kind
        # `feed_url` is set when this source is a home page whose feed was read directly.
        return self._read_listing(report, url, spec.name, fetched, kind, feed_url)

    def _read_listing(
        self,
        report: SourceReport,
        url: str,
        name: str | None,
        fetched: Fetched,
        kind: str,
        feed_url: str | None,
    ) -> SourceReport:
        try:
            listing = self._listing(fetched, kind)
        except DocumentError as exc:
            self._save_failure(url, name, kind if feed_url is None else "page", str(exc))
            return self._fail(report, fetched.url, str(exc))
        outlet = name or listing.title
        retry_later = self._follow(report, listing, outlet)
        # Stopped halfway, or an entry failed for a reason that may pass: the listing is
        # read again next time (a 304 would hide those entries); stored ones are skipped.
        if not self._stop.is_set() and not retry_later:
            validators = Validators(fetched.etag, fetched.last_modified)
            self._write(
                lambda s: save_source(
                    s,
                    url,
                    name=name,
                    kind=kind if feed_url is None else "page",
                    feed_url=feed_url,
                    validators=validators,
                )
            )
        return report

    def _listing(self, fetched: Fetched, kind: str) -> Listing:
        if kind == "feed":
            return parse_feed(fetched)
        listing = parse_sitemap(fetched)
        for child_url in listing.sitemaps[:MAX_CHILD_SITEMAPS]:
            if self._stop.is_set():
                break
            try:
                child = parse_sitemap(self._get(child_url, None))
            except (FetchError, DocumentError) as exc:
                self._problem(child_url, str(exc))
                continue
            listing.entries.extend(child.entries)
            listing.skipped += child.skipped
        return listing

    def _follow(self, report: SourceReport, listing: Listing, outlet: str | None) -> bool:
        """Fetch and store the entries not yet stored, a batch at a time; True when one
        failed for a transient reason (a timeout, a 503) and deserves another try."""
        report.listed = len(listing.entries)
        with self.database.readers() as session:
            known = known_urls(session, [e.url for e in listing.entries])
        new = [e for e in listing.entries if e.url not in known]
        report.new = len(new)
        transient = False
        for chunk in iter_chunks(new, self._batch_size):
            if self._stop.is_set():
                return transient
            pages: list[tuple[str, Fetched, Entry | None]] = []
            for entry in chunk:
                if self._stop.is_set():
                    break  # what was fetched is still stored below
                try:
                    pages.append((entry.url, self._get(entry.url, None, _PAGE_TYPES), entry))
                except FetchError as exc:
                    report.failed += 1
                    transient = transient or exc.transient
                    self._problem(entry.url, str(exc))
            self._store_pages(report, pages, outlet)
        return transient

    def _store_pages(
        self,
        report: SourceReport,
        pages: Sequence[tuple[str, Fetched, Entry | None]],
        outlet: str | None,
    ) -> None:
        articles: list[ArticleInput] = []
        fetches: dict[str, list[PageFetch]] = {}
        for url, fetched, entry in pages:
            if fetched.not_modified:
                report.unchanged += 1
                self._write(lambda s, u=url: touch_page(s, u))
                continue
            try:
                article, canonical = page_article(fetched, entry, outlet)
            except DocumentError as exc:
                report.failed += 1
                self._problem(url, str(exc))
                continue
            articles.append(article)
            fetch = PageFetch(
                canonical=canonical,
                urls=tuple(dict.fromkeys((canonical, url, fetched.final_url))),
                content_hash=article.content_hash,
                etag=fetched.etag,
                last_modified=fetched.last_modified,
            )
            fetches.setdefault(fetch.content_hash, []).append(fetch)
        if not articles:
            return
        from quotes.ingest.pipeline import ingest_texts

        hook = recorder(fetches)
        result = ingest_texts(
            self.database,
            articles,
            nlp=self.nlp,
            batch_size=self._batch_size,
            on_problem=self._on_problem,
            max_chars=self._max_chars,
            after_store=hook,
        )
        rest = [f for h, items in fetches.items() if h not in hook.done for f in items]
        if rest:  # unchanged texts (stored before): their pages are recorded all the same
            self._write(lambda s: record_pages(s, rest))
        report.stored += result.articles_new
        report.unchanged += result.articles_unchanged
        report.failed += result.articles_failed
        self.summary.add(result)

    def _get(
        self, url: str, known: Validators | None, accept: frozenset[str] | None = None
    ) -> Fetched:
        return self.fetcher.get(
            url,
            **({"accept": accept} if accept is not None else {}),
            etag=known.etag if known else None,
            last_modified=known.last_modified if known else None,
            private_ok=self._private_ok,
        )

    def _write(self, work: Callable[..., object]) -> None:
        with self.database.sessions.begin() as session:
            work(session)

    def _save_failure(self, url: str, name: str | None, kind: str | None, message: str) -> None:
        if not self._follow_any_page and kind is None:
            return  # `quotes extract` of a page: nothing to remember about a failure
        self._write(lambda s: save_source(s, url, name=name, kind=kind or "feed", error=message))

    def _fail(self, report: SourceReport, where: str, message: str) -> SourceReport:
        report.error = message
        self._problem(where, message)
        return report

    def _problem(self, where: str, message: str) -> None:
        problem = InputProblem(where, message)
        self.summary.problems.append(problem)
        self.summary.articles_failed += 1
        if self._on_problem is not None:
            self._on_problem(problem)


def page_article(
    fetched: Fetched, entry: Entry | None, outlet: str | None
) -> tuple[ArticleInput, str]:
    """The page's article with its metadata, and its canonical URL (its identity).

    The page's own `<link rel=canonical>` counts only on the page's host: a hostile page
    must not be able to file itself under another site's URL.
    """
    html = decode_page(fetched)
    article = read_html(html, fetched.final_url)
    if article is None:
        raise DocumentError("no article text found in the page")
    canonical = fetched.final_url
    if article.url:
        try:
            claimed = normalize_url(article.url, base=fetched.final_url)
        except ValueError:
            claimed = canonical
        if same_host(claimed, fetched.final_url):
            canonical = claimed
    article = dataclasses.replace(
        article,
        source=canonical,
        url=canonical,
        outlet=_cap(outlet or article.outlet, 200),
        title=_cap(article.title or (entry.title if entry else None), 1000),
        author=_cap(article.author or (entry.author if entry else None), 300),
        published=article.published or (entry.published if entry else None),
        language=page_language(html) or article.language,
    )
    return article, canonical


def _cap(value: str | None, limit: int) -> str | None:
    """Metadata from a page fits its column: a hostile page must not cost its article."""
    return value[:limit] if value else value


def ingest_urls(
    database: Database,
    urls: Sequence[str],
    *,
    nlp: Language,
    fetcher: Fetcher | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
    batch_size: int = BATCH_SIZE,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> IngestSummary:
    """`quotes extract URL...`: each page, feed, sitemap or home page's feed, once."""
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    ingester = WebIngester(
        database,
        nlp,
        fetcher,
        on_problem=on_problem,
        batch_size=batch_size,
        max_chars=max_chars,
    )
    try:
        for url in urls:
            ingester.read(SourceSpec(url))
    finally:
        if own:
            fetcher.close()
    return ingester.summary
