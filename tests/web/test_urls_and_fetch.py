"""URL identity and the fetcher's bounds, against the local server only."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

import pytest

from quotes.ingest.web.documents import DocumentError, decode_page, parse_sitemap
from quotes.ingest.web.fetch import Fetched, Fetcher, FetchError, FetchPolicy
from quotes.ingest.web.urls import normalize_url
from tests.web.conftest import FakeClock, LocalServer, Page


def test_tracking_parameters_case_port_and_fragment_do_not_change_identity() -> None:
    plain = normalize_url("https://news.example/a/story?id=7")
    assert plain == "https://news.example/a/story?id=7"
    for variant in (
        "HTTPS://News.Example:443/a/story?utm_source=x&id=7&fbclid=abc#comments",
        "https://news.example/a/story?gclid=1&id=7&utm_medium=social",
    ):
        assert normalize_url(variant) == plain
    assert normalize_url("/b", base="http://h.example/a/") == "http://h.example/b"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("javascript:alert(1)", "not an http"),
        ("file:///etc/passwd", "not an http"),
        ("https://user:secret@news.example/", "credentials"),
        ("https://news.example/\x1b[31m", "control characters"),
        ("https:///nohost", "without a host"),
    ],
)
def test_hostile_urls_are_refused_with_a_reason(raw: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        normalize_url(raw)


def test_redirect_loop_is_one_clear_error(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/a"] = Page(status=302, headers={"Location": "/b"})
    server.routes["/b"] = Page(status=302, headers={"Location": "/a"})
    with pytest.raises(FetchError, match="too many redirects"):
        fetcher.get(server.url("/a"))


def test_non_html_content_type_is_refused(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/doc.pdf"] = Page(b"%PDF-1.4", content_type="application/pdf")
    with pytest.raises(FetchError, match="content type application/pdf"):
        fetcher.get(server.url("/doc.pdf"))


def test_gigantic_page_is_cut_while_streaming(server: LocalServer, fetcher: Fetcher) -> None:
    sent: list[int] = []

    def endless(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        chunk = b"<p>" + b"x" * 8000 + b"</p>"
        try:
            for _ in range(10_000):  # 80 MB if nobody stopped reading
                handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent.append(len(chunk))
        except OSError:
            pass

    server.routes["/huge"] = endless
    with pytest.raises(FetchError, match="too large"):
        fetcher.get(server.url("/huge"))
    assert sum(sent) < 10_000 * 8007  # the client stopped reading


def test_declared_length_over_the_cap_is_refused_before_reading(
    server: LocalServer, fetcher: Fetcher
) -> None:
    server.routes["/big"] = Page(b"<html>" + b"y" * 300_000)
    with pytest.raises(FetchError, match="300,006 bytes"):
        fetcher.get(server.url("/big"))


def test_a_response_that_never_comes_times_out(server: LocalServer, clock: FakeClock) -> None:
    def stalled(_handler: BaseHTTPRequestHandler) -> None:
        server.release.wait()  # released only at teardown

    server.routes["/slow"] = stalled
    client = Fetcher(FetchPolicy(read_timeout=0.2, retries=1, allow_private=True), clock)
    with pytest.raises(FetchError, match="timed out") as info:
        client.get(server.url("/slow"))
    client.close()
    assert info.value.transient
    assert server.fetched("/slow") == 2  # retried once
    assert clock.sleeps[-1] == pytest.approx(2.0)  # backoff on the fake clock


def test_transient_failures_are_retried_with_backoff(
    server: LocalServer, fetcher: Fetcher, clock: FakeClock
) -> None:
    answers = [503, 503, 200]

    def flaky(handler: BaseHTTPRequestHandler) -> None:
        status = answers.pop(0)
        body = b"<html><p>ok</p></html>"
        handler.send_response(status)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    server.routes["/flaky"] = flaky
    fetched = fetcher.get(server.url("/flaky"))
    assert fetched.status == 200
    backoffs = [s for s in clock.sleeps if s >= 2.0]
    assert backoffs == [2.0, 4.0]


def test_permanent_errors_are_not_retried(server: LocalServer, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetcher.get(server.url("/missing"))
    assert server.fetched("/missing") == 1


def test_a_dropped_connection_is_one_line(server: LocalServer, fetcher: Fetcher) -> None:
    def broken(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "5000")
        handler.end_headers()
        handler.wfile.write(b"<html><p>cut")
        handler.close_connection = True

    server.routes["/broken"] = broken
    with pytest.raises(FetchError, match="connection failed") as info:
        fetcher.get(server.url("/broken"))
    assert "\n" not in str(info.value)


def test_conditional_request_gets_304(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/p"] = Page("<html><p>x</p></html>", etag='"v1"')
    first = fetcher.get(server.url("/p"))
    again = fetcher.get(server.url("/p"), etag=first.etag)
    assert (first.status, again.status) == (200, 304)
    assert server.requests[-1].headers.get("If-None-Match") == '"v1"'


def test_robots_txt_is_respected(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/robots.txt"] = Page(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    server.routes["/private/x"] = Page("<html><p>secret</p></html>")
    with pytest.raises(FetchError, match=r"robots\.txt"):
        fetcher.get(server.url("/private/x"))
    assert server.fetched("/private/x") == 0


def test_per_host_delay_waits_on_the_clock(server: LocalServer, clock: FakeClock) -> None:
    server.routes["/p"] = Page("<html><p>x</p></html>")
    client = Fetcher(FetchPolicy(per_host_delay=5.0, allow_private=True), clock)
    client.get(server.url("/p"))
    client.get(server.url("/p"))
    client.close()
    assert 5.0 in clock.sleeps


def test_wrong_declared_charset_still_decodes() -> None:
    body = "<html><p>Caf\u00e9 cr\u00e8me, said M\u00fcller.</p></html>".encode("cp1252")
    fetched = Fetched("http://h/", "http://h/", 200, "text/html", "utf-8", body)
    assert "Café crème" in decode_page(fetched)
    utf8 = Fetched("http://h/", "http://h/", 200, "text/html", "iso-8859-1", "Müller".encode())
    assert decode_page(utf8) == "Müller"


def test_sitemap_with_entities_is_refused() -> None:
    body = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaa">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>http://h/&a;</loc></url></urlset>"
    )
    with pytest.raises(DocumentError, match="DTD"):
        parse_sitemap(Fetched("http://h/s.xml", "http://h/s.xml", 200, "text/xml", None, body))


def test_private_addresses_are_refused_unless_the_source_is_private(
    server: LocalServer, clock: FakeClock
) -> None:
    server.routes["/p"] = Page("<html><p>x</p></html>")
    client = Fetcher(FetchPolicy(), clock)
    with pytest.raises(FetchError, match=r"refused: 127\.0\.0\.1 is a private address"):
        client.get(server.url("/p"))
    assert server.requests == []  # refused before connecting, robots.txt included
    assert client.get(server.url("/p"), private_ok=True).status == 200
    client.close()
