"""A local web server for the web tests: fixture pages, feeds and sitemaps on 127.0.0.1.

Nothing here reaches any other address. Routes are set per test; every request is logged
(path and headers) so a test can assert what was fetched, conditionally or not at all.
Slow responses block on an event the test never sets (released at teardown), so a timeout
is certain without depending on how fast the machine is.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from spacy.language import Language

from quotes.ingest.web.fetch import Fetcher, FetchPolicy

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Page:
    body: bytes | str = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # answers 304 to a matching If-None-Match


@dataclass
class Request:
    path: str
    headers: dict[str, str]


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Page | Handler] = {}
        self.requests: list[Request] = []
        self.release = threading.Event()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.requests.append(Request(self.path, dict(self.headers.items())))
                route = server.routes.get(self.path)
                if route is None:
                    self._send(Page(b"not found", status=404, content_type="text/plain"))
                elif isinstance(route, Page):
                    self._send(route)
                else:
                    route(self)

            def _send(self, page: Page) -> None:
                send_page(self, page)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def fetched(self, path: str) -> int:
        """How many times `path` was requested (with any query)."""
        return sum(1 for r in self.requests if r.path.split("?")[0] == path)


def send_page(handler: BaseHTTPRequestHandler, page: Page) -> None:
    if page.etag and handler.headers.get("If-None-Match") == page.etag:
        handler.send_response(304)
        handler.send_header("ETag", page.etag)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
        return
    body = page.body.encode("utf-8") if isinstance(page.body, str) else page.body
    handler.send_response(page.status)
    handler.send_header("Content-Type", page.content_type)
    handler.send_header("Content-Length", str(len(body)))
    if page.etag:
        handler.send_header("ETag", page.etag)
    for name, value in page.headers.items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


@pytest.fixture(scope="session")
def nlp() -> Language:
    from quotes.ingest import load_nlp

    return load_nlp()


@pytest.fixture
def server() -> Iterator[LocalServer]:
    local = LocalServer()
    local.thread.start()
    yield local
    local.release.set()
    local.httpd.shutdown()
    local.httpd.server_close()


class FakeClock:
    """Time that moves only when slept: waits are recorded, never spent."""

    def __init__(self) -> None:
        self.time = 1000.0
        self.sleeps: list[float] = []
        # Called after each sleep: what the world does while the watcher waits.
        self.while_asleep: list[Callable[[], None]] = []

    def now(self) -> float:
        return self.time

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.time += max(0.0, seconds)
        for hook in self.while_asleep:
            hook()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fetcher(clock: FakeClock) -> Iterator[Fetcher]:
    # The local server is a private address: allowed here, refused by default (a test says so).
    policy = FetchPolicy(
        read_timeout=0.5, connect_timeout=2.0, max_bytes=200_000, allow_private=True
    )
    client = Fetcher(policy, clock)
    yield client
    client.close()


def article_html(title: str, body: str, *, canonical: str | None = None, extra: str = "") -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title>{link}"
        '<meta property="og:site_name" content="Local Gazette">'
        '<meta name="author" content="Ann Writer">'
        '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
        f"{extra}</head><body><nav>Home | World | Sport</nav><article><h1>{title}</h1>"
        f"{paragraphs}</article><footer>Copyright Local Gazette</footer></body></html>"
    )


def rss(items: list[tuple[str, str]], *, title: str = "Local Gazette") -> str:
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link>"
        "<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>"
        for t, link in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://127.0.0.1/</link><description>news</description>"
        f"{entries}</channel></rss>"
    )


STORY = (
    '"We will rebuild the bridge before winter," Mayor Jane Doe said on Tuesday at a '
    "meeting in the town hall, where residents had gathered to hear the plan.\n\n"
    "The council approved the budget after a long debate about the cost of the repairs "
    "and the timetable the engineers had proposed for the work."
)


def story(n: int) -> str:
    return STORY.replace("bridge", f"bridge number {n}")
