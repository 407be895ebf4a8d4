"""What a fetched document is (page, feed, sitemap) and what it lists.

Feeds are parsed by feedparser, which tolerates the malformed XML real feeds are full of and
never resolves external entities. Sitemaps are parsed by lxml with entity resolution, DTD
loading and network access off, and a document declaring a DTD is refused outright: a
sitemap never needs one, and entities are how XML attacks (billion laughs, XXE) arrive.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any, Literal

from quotes.ingest.decoding import UndecodableError, decode_bytes
from quotes.ingest.metadata import parse_date
from quotes.ingest.web.fetch import FEED_TYPES, HTML_TYPES, Fetched
from quotes.ingest.web.urls import normalize_url

DocumentKind = Literal["page", "feed", "sitemap"]
MAX_ENTRIES = 10_000
_SNIFF_BYTES = 2048
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.I)
_HTML_LANG = re.compile(r"""<html[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})\b""", re.I)


class DocumentError(ValueError):
    """A document that cannot be read as what it claims to be; the message is for the user."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One article a feed or sitemap lists, with what the listing says about it."""

    url: str  # normalized
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None


@dataclass(slots=True)
class Listing:
    """What a feed or sitemap lists: articles, and (a sitemap index) further sitemaps."""

    title: str | None
    entries: list[Entry]
    sitemaps: list[str]
    skipped: int = 0  # entries without a usable http(s) link


def kind_of(fetched: Fetched) -> DocumentKind:
    """Sniffed from the first bytes, then the content type: servers mislabel feeds often."""
    head = fetched.body[:_SNIFF_BYTES].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "page"  # before the markers: a page may well contain "<feedback" or "<rss"
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if b"<html" in head or b"<!doctype html" in head or fetched.content_type in HTML_TYPES:
        return "page"
    if fetched.content_type in FEED_TYPES:
        return "feed"
    return "page"


def decode_page(fetched: Fetched) -> str:
    """The page's text: UTF-8 if it is valid UTF-8, else the declared charset, else detected.

    A declared charset is often wrong (a CMS sends "utf-8" over Windows-1252 bytes, or
    "iso-8859-1", which decodes anything, over UTF-8), so it is tried strictly and only
    after UTF-8, which bytes in another encoding almost never are by accident.
    """
    body = fetched.body
    try:
        return body.decode("utf-8-sig" if body.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError:
        pass
    declared = fetched.charset
    if declared is None and (match := _META_CHARSET.search(body[:_SNIFF_BYTES])):
        declared = match.group(1).decode("ascii", "replace").lower()
    if declared and declared not in ("utf-8", "utf8", "iso-8859-1", "latin-1", "latin1"):
        try:
            return body.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        text, _ = decode_bytes(body)
    except UndecodableError as exc:
        raise DocumentError(str(exc)) from None
    return text


def page_language(html: str) -> str | None:
    match = _HTML_LANG.search(html[:4096])
    return match.group(1).lower() if match else None


def parse_feed(fetched: Fetched, *, max_entries: int = MAX_ENTRIES) -> Listing:
    import feedparser  # only runs that read feeds pay for it

    parsed: Any = feedparser.parse(
        fetched.body,
        response_headers={"content-type": fetched.content_type or "application/xml"},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    raw_entries: list[Any] = list(parsed.entries)
    entries: list[Entry] = []
    skipped = 0
    for raw in raw_entries[:max_entries]:
        link = raw.get("link") or _first_alternate(raw) or raw.get("id")
        try:
            url = normalize_url(str(link), base=fetched.final_url) if link else None
        except ValueError:
            url = None
        if url is None:
            skipped += 1
            continue
        entries.append(
            Entry(
                url=url,
                title=_clean(raw.get("title")),
                author=_clean(raw.get("author")),
                published=_feed_date(raw),
            )
        )
    if not entries and parsed.bozo:
        # Real feeds are often slightly broken and still usable; one that yields nothing is
        # reported, not taken for an empty feed.
        reason = str(parsed.get("bozo_exception", "not a feed")).splitlines()[0][:200]
        raise DocumentError(f"malformed feed ({reason})")
    title = _clean(parsed.feed.get("title")) if parsed.get("feed") else None
    return Listing(title, _unique(entries), [], skipped + max(0, len(raw_entries) - max_entries))


def _first_alternate(raw: Any) -> str | None:
    for link in raw.get("links", []) or []:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    return None


def _feed_date(raw: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = raw.get(key)
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except (ValueError, AttributeError):
                continue
    for key in ("published", "updated"):
        if isinstance(raw.get(key), str):
            return parse_date(raw[key])
    return None


def parse_sitemap(fetched: Fetched, *, max_entries: int = MAX_ENTRIES) -> Listing:
    from lxml import etree

    head = fetched.body[: _SNIFF_BYTES * 4].lower()
    if b"<!doctype" in head or b"<!entity" in fetched.body.lower():
        raise DocumentError("sitemap declares a DTD or entities (refused)")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )
    try:
        root = etree.fromstring(fetched.body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise DocumentError(f"malformed sitemap ({str(exc).splitlines()[0][:200]})") from None
    is_index = etree.QName(root).localname == "sitemapindex"
    entries: list[Entry] = []
    sitemaps: list[str] = []
    skipped = 0
    for item in root:
        if not isinstance(item.tag, str):
            continue  # comments and processing instructions
        loc = lastmod = None
        for child in item:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            if name == "loc":
                loc = (child.text or "").strip()
            elif name == "lastmod":
                lastmod = (child.text or "").strip()
        try:
            url = normalize_url(loc, base=fetched.final_url) if loc else None
        except ValueError:
            url = None
        if url is None:
            skipped += 1
        elif is_index:
            sitemaps.append(url)
        elif len(entries) < max_entries:
            entries.append(Entry(url=url, published=parse_date(lastmod) if lastmod else None))
        else:
            skipped += 1
    return Listing(None, _unique(entries), sitemaps, skipped)


class _FeedLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {k.lower(): (v or "") for k, v in attrs}
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().strip()
        if "alternate" in rels and kind in FEED_TYPES and values.get("href"):
            self.links.append(values["href"])


def discover_feeds(html: str, base: str) -> list[str]:
    """The feeds a page links with <link rel="alternate" type="application/rss+xml">."""
    collector = _FeedLinks()
    collector.feed(html[:1_000_000])
    collector.close()
    found: list[str] = []
    for href in collector.links:
        try:
            url = normalize_url(href, base=base)
        except ValueError:
            continue
        if url not in found:
            found.append(url)
    return found


def _unique(entries: list[Entry]) -> list[Entry]:
    by_url: dict[str, Entry] = {}
    for entry in entries:
        by_url.setdefault(entry.url, entry)
    return list(by_url.values())


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text[:500] or None


def iter_chunks(items: list[Entry], size: int) -> Iterator[list[Entry]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
