"""Polite, bounded HTTP: the only place that talks to the network.

Every request is bounded in time (connect and read timeouts), in redirects and in bytes (a
cap counted while streaming, after decompression, so neither a endless page nor a gzip bomb
fills memory). A host gets at most one request per `per_host_delay` (or its robots.txt
Crawl-delay), pages robots.txt disallows are not fetched, and transient failures (timeouts,
dropped connections, 429 and 5xx) are retried with exponential backoff. Waiting goes through
a `Clock`, so tests run on a fake one and nothing here sleeps for real in a test.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol
from urllib import robotparser
from urllib.parse import urlsplit

import httpx

from quotes.ingest.web.urls import host_of, normalize_url

USER_AGENT = "quotes-watch/1 (news quote extraction; +https://github.com/quotes)"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
ANY_DOCUMENT = HTML_TYPES | FEED_TYPES
_TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
_ROBOTS_MAX_BYTES = 512 * 1024


class Clock(Protocol):
    """Time as the fetcher and the watcher see it: real, or a test's fake."""

    def now(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """The monotonic clock; `sleep` ends early when `stop` is set, so a stop is prompt."""

    def __init__(self, stop: threading.Event | None = None) -> None:
        self._stop = stop or threading.Event()

    def now(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self._stop.wait(seconds)


class FetchError(Exception):
    """Why a URL gave no document, in one line; `transient` ones are worth retrying later."""

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    per_host_delay: float = 1.0
    max_crawl_delay: float = 60.0
    retries: int = 2
    backoff: float = 2.0
    respect_robots: bool = True
    user_agent: str = USER_AGENT
    # Private, loopback and link-local addresses are refused unless the caller says the
    # source itself is on one (see `private_address`).
    allow_private: bool = False


@dataclass(frozen=True, slots=True)
class Fetched:
    """One response: `status` 200 with the body, or 304 (not modified) without one."""

    url: str  # as requested (normalized)
    final_url: str  # after redirects (normalized)
    status: int
    content_type: str = ""
    charset: str | None = None
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(slots=True)
class _HostState:
    last_request: float | None = None
    robots: robotparser.RobotFileParser | None = None
    robots_checked: bool = False


@dataclass(slots=True)
class Fetcher:
    """An HTTP client with the policy applied; one per run, shared by every source."""

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    clock: Clock = field(default_factory=SystemClock)
    transport: httpx.BaseTransport | None = None
    _hosts: dict[str, _HostState] = field(default_factory=dict)
    _client: httpx.Client | None = None
    _private_ok: bool = False

    def __post_init__(self) -> None:
        p = self.policy
        self._client = httpx.Client(
            follow_redirects=True,
            max_redirects=p.max_redirects,
            timeout=httpx.Timeout(p.read_timeout, connect=p.connect_timeout),
            headers={"User-Agent": p.user_agent},
            transport=self.transport,
            trust_env=False,  # no proxy or netrc credentials picked up from the environment
            event_hooks={"request": [self._refuse_private]},  # every hop of a redirect too
        )

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def get(
        self,
        url: str,
        *,
        accept: Iterable[str] = ANY_DOCUMENT,
        etag: str | None = None,
        last_modified: str | None = None,
        private_ok: bool = False,
    ) -> Fetched:
        """Fetch `url` (normalized) with retries; raise FetchError with a one-line reason.

        `private_ok` lets the request (and its redirects) reach private addresses: right
        when the user named a source on their own network, wrong for a link a public feed
        or page supplied (it could point the watcher at an intranet or a cloud metadata
        service and store the answer as an article).
        """
        self._private_ok = private_ok or self.policy.allow_private
        allowed = frozenset(accept)
        state = self._hosts.setdefault(host_of(url), _HostState())
        self._check_robots(url, state)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            self._wait_turn(state)
            try:
                return self._get_once(url, headers, allowed)
            except FetchError as exc:
                if not exc.transient or attempt >= self.policy.retries:
                    raise
            attempt += 1
            self.clock.sleep(self.policy.backoff * 2 ** (attempt - 1))

    def _wait_turn(self, state: _HostState) -> None:
        delay = self.policy.per_host_delay
        if state.robots is not None:
            crawl = state.robots.crawl_delay(self.policy.user_agent)
            if crawl is not None:
                delay = max(delay, min(float(crawl), self.policy.max_crawl_delay))
        if state.last_request is not None:
            wait = state.last_request + delay - self.clock.now()
            if wait > 0:
                self.clock.sleep(wait)
        state.last_request = self.clock.now()

    def _check_robots(self, url: str, state: _HostState) -> None:
        if not self.policy.respect_robots:
            return
        if not state.robots_checked:
            state.robots_checked = True
            state.robots = self._load_robots(url, state)
        if state.robots is not None and not state.robots.can_fetch(self.policy.user_agent, url):
            raise FetchError("disallowed by the site's robots.txt")

    def _load_robots(self, url: str, state: _HostState) -> robotparser.RobotFileParser | None:
        """The host's rules; none (everything allowed) when it has no readable robots.txt."""
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        self._wait_turn(state)
        try:
            fetched = self._get_once(
                robots_url, {}, frozenset({"text/plain", ""}), max_bytes=_ROBOTS_MAX_BYTES
            )
        except FetchError:
            return None
        parser = robotparser.RobotFileParser(robots_url)
        parser.parse(fetched.body.decode("utf-8", "replace").splitlines())
        return parser

    def _get_once(
        self,
        url: str,
        headers: dict[str, str],
        allowed: frozenset[str],
        *,
        max_bytes: int | None = None,
    ) -> Fetched:
        assert self._client is not None
        cap = max_bytes or self.policy.max_bytes
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                return self._read(url, response, allowed, cap)
        except _PrivateAddress as exc:
            raise FetchError(str(exc)) from None
        except httpx.TooManyRedirects:
            raise FetchError(
                f"too many redirects (more than {self.policy.max_redirects}, or a loop)"
            ) from None
        except httpx.TimeoutException:
            raise FetchError("timed out", transient=True) from None
        except httpx.UnsupportedProtocol:
            raise FetchError("redirected to a URL that is not http(s)") from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
            raise FetchError(f"connection failed ({reason})", transient=True) from None
        except httpx.InvalidURL as exc:
            raise FetchError(f"invalid URL ({exc})") from None

    def _refuse_private(self, request: httpx.Request) -> None:
        if not self._private_ok and (address := private_address(request.url.host)):
            raise _PrivateAddress(f"refused: {request.url.host} is a private address ({address})")

    def _read(
        self, url: str, response: httpx.Response, allowed: frozenset[str], cap: int
    ) -> Fetched:
        try:
            final_url = normalize_url(str(response.url))
        except ValueError:
            final_url = url
        etag = response.headers.get("etag")
        last_modified = response.headers.get("last-modified")
        if response.status_code == 304:
            return Fetched(url, final_url, 304, etag=etag, last_modified=last_modified)
        if response.status_code >= 400 or response.status_code != 200:
            raise FetchError(
                f"HTTP {response.status_code}",
                transient=response.status_code in _TRANSIENT_STATUS,
            )
        content_type, charset = _content_type(response.headers.get("content-type", ""))
        if content_type not in allowed and content_type:
            raise FetchError(f"not a web page or feed (content type {content_type})")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(f"too large ({int(declared):,} bytes, limit {cap:,})")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError(f"too large (more than {cap:,} bytes)")
            chunks.append(chunk)
        return Fetched(
            url,
            final_url,
            200,
            content_type=content_type,
            charset=charset,
            body=b"".join(chunks),
            etag=etag,
            last_modified=last_modified,
        )


def _content_type(header: str) -> tuple[str, str | None]:
    """(media type, charset) of a Content-Type header, lowercased; "" when absent."""
    media, _, rest = header.partition(";")
    charset = None
    for param in rest.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower() or None
    return media.strip().lower(), charset


class _PrivateAddress(Exception):
    pass


def private_address(host: str) -> str | None:
    """The first address `host` resolves to that is not on the public internet, if any."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return None  # unresolvable: the connection itself will fail with its own reason
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not address.is_global:
            return str(address)
    return None
