"""The cost of the web: articles/s through `quotes watch` from a local server against
`quotes extract` on the same pages as files, and memory over a feed of 10,000 entries.

Everything is served from 127.0.0.1 by `http.server` in a thread (no other address is
touched), with no per-host delay, so the ratio is the fetch, decode and bookkeeping overhead
itself: HTTP round trips, the conditional-request state and the page rows. The memory run
follows one feed of `--entries` generated entries (tiny pages) and reports the peak of the
growth of the process's resident memory meanwhile (sampled from /proc every 50 ms, so the
model loaded before is not counted and, unlike tracemalloc, the run is not slowed), at that
size and at a tenth of it: the watcher works a batch at a time, so the two should be close.

usage: python bench/fetch_speed.py [--articles 40] [--entries 10000]
"""

from __future__ import annotations

import argparse
import html
import os
import random
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.extract_speed import variant  # noqa: E402
from quotes.ingest.pipeline import ingest_paths, load_nlp  # noqa: E402
from quotes.ingest.web.fetch import Fetcher, FetchPolicy, SystemClock  # noqa: E402
from quotes.ingest.web.ingest import SourceSpec  # noqa: E402
from quotes.ingest.web.watch import watch  # noqa: E402
from quotes.store.database import open_database  # noqa: E402

SEEDS = ROOT / "seeds"


class Site:
    """Pages and feeds by path, served on 127.0.0.1 until closed."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, bytes]] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                kind, body = site.pages.get(self.path, ("text/plain", b"not found"))
                self.send_response(200 if self.path in site.pages else 404)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        # A client that stops reading (a 404 robots.txt) resets its connection: not news.
        self.httpd.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def page(title: str, text: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}'
        '</title><meta property="og:site_name" content="Bench Times"></head><body>'
        f"<article><h1>{html.escape(title)}</h1>{paragraphs}</article></body></html>"
    )


def feed(site: Site, paths: list[str]) -> bytes:
    items = "".join(f"<item><title>{p}</title><link>{site.base}{p}</link></item>" for p in paths)
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench</title>'
        f"{items}</channel></rss>"
    ).encode()


def run_watch(site: Site, db: Path, nlp: object, feed_path: str) -> tuple[int, float]:
    database = open_database(str(db))
    fetcher = Fetcher(FetchPolicy(per_host_delay=0.0, max_bytes=50 * 1024 * 1024), SystemClock())
    start = time.perf_counter()
    result = watch(
        database,
        [SourceSpec(site.base + feed_path)],
        nlp=nlp,  # type: ignore[arg-type]
        fetcher=fetcher,
        clock=SystemClock(),
        every=60,
        max_rounds=1,
    )
    elapsed = time.perf_counter() - start
    fetcher.close()
    database.engine.dispose()
    return result.summary.articles_new, elapsed


class RssPeak:
    """The highest resident set size seen while running, sampled from /proc/self/statm."""

    def __init__(self) -> None:
        self.start = self.peak = self._rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    @staticmethod
    def _rss() -> int:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self._rss())

    def __enter__(self) -> RssPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._rss())

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.start) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--entries", type=int, default=10_000)
    args = parser.parse_args(argv)
    nlp = load_nlp()
    rng = random.Random(7)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    site = Site()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        paths = []
        for n in range(args.articles):
            body = page(f"Story {n}", variant(seeds[n % len(seeds)], rng)).encode()
            paths.append(f"/story/{n}")
            site.pages[paths[-1]] = ("text/html; charset=utf-8", body)
            (folder / f"story{n}.html").write_bytes(body)
        site.pages["/feed.xml"] = ("application/rss+xml", feed(site, paths))
        # One untimed round first, so neither side pays the one-time imports and caches.
        site.pages["/warm"] = ("text/html", page("Warm-up", variant(seeds[0], rng)).encode())
        site.pages["/warm.xml"] = ("application/rss+xml", feed(site, ["/warm"]))
        run_watch(site, Path(tmp) / "warm.db", nlp, "/warm.xml")
        web_new, web_s = run_watch(site, Path(tmp) / "web.db", nlp, "/feed.xml")
        files_db = open_database(str(Path(tmp) / "files.db"))
        start = time.perf_counter()
        files = ingest_paths(files_db, [str(folder)], nlp=nlp)
        files_s = time.perf_counter() - start
        files_db.engine.dispose()
        web_rate, file_rate = web_new / web_s, files.articles_new / files_s
        print("| source | articles | seconds | articles/s |\n|---|---|---|---|")
        print(f"| quotes watch (local HTTP) | {web_new} | {web_s:.2f} | {web_rate:.1f} |")
        print(
            f"| quotes extract (files) | {files.articles_new} | {files_s:.2f} | {file_rate:.1f} |"
        )
        print(f"fetch overhead: files are {file_rate / web_rate:.2f}x the watcher's rate")

        growth: list[tuple[int, float]] = []
        for size in (max(1, args.entries // 10), args.entries):
            paths = []
            for n in range(size):
                path = f"/e{size}/{n}"
                text = f"Officials said on day {n} that the plan for district {size}-{n} passed."
                site.pages[path] = ("text/html", page(f"Entry {n}", text).encode())
                paths.append(path)
            site.pages[f"/feed{size}.xml"] = ("application/rss+xml", feed(site, paths))
            with RssPeak() as rss:
                stored, seconds = run_watch(
                    site, Path(tmp) / f"m{size}.db", nlp, f"/feed{size}.xml"
                )
            growth.append((size, rss.growth_mb))
            print(
                f"{size} feed entries: {stored} stored in {seconds:.1f} s, "
                f"resident memory grew {rss.growth_mb:.0f} MB (peak {rss.peak / 1e6:.0f} MB)"
            )
        (small, small_mb), (large, large_mb) = growth
        print(
            f"memory: {large} entries grew {large_mb:.0f} MB, {small} entries "
            f"{small_mb:.0f} MB (ratio {large_mb / max(small_mb, 1.0):.2f}x)"
        )
    site.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
