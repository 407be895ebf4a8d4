"""The watcher over several rounds on a fake clock, a broken source, a stop, and a kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy import func, select

from quotes.ingest.types import InputProblem
from quotes.ingest.web.fetch import Fetcher
from quotes.ingest.web.ingest import SourceReport, SourceSpec
from quotes.ingest.web.watch import load_sources, parse_every, watch
from quotes.store.database import Database, open_database
from quotes.store.models import Article, WebPage, WebSource
from tests.web.conftest import (
    FakeClock,
    LocalServer,
    Page,
    article_html,
    rss,
    send_page,
    story,
)

REPO = Path(__file__).resolve().parents[2]


def _count_articles(database: Database) -> int:
    with database.readers() as session:
        return int(session.scalar(select(func.count()).select_from(Article)) or 0)


def test_rounds_fetch_only_new_entries_with_conditional_requests(
    server: LocalServer, fetcher: Fetcher, clock: FakeClock, database: Database, nlp: Language
) -> None:
    for n in (1, 2, 3):
        server.routes[f"/n{n}"] = Page(article_html(f"N{n}", story(n)))
    feed = Page(
        rss([("N1", "/n1"), ("N2", "/n2")]), content_type="application/rss+xml", etag='"f1"'
    )
    server.routes["/feed"] = feed
    server.routes["/down"] = Page("oops", status=500, content_type="text/plain")
    problems: list[InputProblem] = []
    reports: list[tuple[int, SourceReport]] = []
    sources = [SourceSpec(server.url("/down")), SourceSpec(server.url("/feed"), "The Local")]

    def between_rounds() -> None:
        if len(reports) == 4:  # after round 2: the feed gains an entry
            feed.body = rss([("N3", "/n3"), ("N1", "/n1"), ("N2", "/n2")])
            feed.etag = '"f2"'

    first_report: dict[int, float] = {}

    def on_report(number: int, report: SourceReport) -> None:
        first_report.setdefault(number, clock.now())
        reports.append((number, report))

    clock.while_asleep.append(between_rounds)
    result = watch(
        database,
        sources,
        nlp=nlp,
        fetcher=fetcher,
        clock=clock,
        every=900.0,
        max_rounds=3,
        on_problem=problems.append,
        on_report=on_report,
    )
    assert len(result.rounds) == 3
    assert _count_articles(database) == 3
    feed_reports = [r for _, r in reports if r.name == "The Local"]
    assert [(r.stored, r.not_modified) for r in feed_reports] == [(2, False), (0, True), (1, False)]
    assert [server.fetched(f"/n{n}") for n in (1, 2, 3)] == [1, 1, 1]
    # The broken source is one line per round and never stopped the others.
    assert sum(1 for p in problems if "HTTP 500" in p.message) == 3
    # Rounds start every 900 s of fake time (at 1000, 1900, 2800): round 3 began at 2800.
    assert 2800 <= first_report[3] < 2900 and 1900 <= first_report[2] < 2000
    with database.readers() as session:
        stored = session.scalar(select(WebSource).where(WebSource.url == server.url("/feed")))
        down = session.scalar(select(WebSource).where(WebSource.url == server.url("/down")))
        outlets = set(session.scalars(select(Article.outlet)))
    assert stored is not None and stored.etag == '"f2"'
    assert down is not None and down.failures == 3
    assert outlets == {"The Local"}


def test_a_stop_keeps_what_was_fetched_and_leaves_the_feed_to_be_reread(
    server: LocalServer, fetcher: Fetcher, clock: FakeClock, database: Database, nlp: Language
) -> None:
    stop = threading.Event()
    for n in (1, 2, 3):
        server.routes[f"/n{n}"] = Page(article_html(f"N{n}", story(n)))

    def n2_then_stop(handler: BaseHTTPRequestHandler) -> None:
        stop.set()  # as if SIGTERM arrived while this page was being fetched
        page = Page(article_html("N2", story(2)))
        server.routes["/n2"] = page
        send_page(handler, page)

    server.routes["/n2"] = n2_then_stop
    server.routes["/feed"] = Page(
        rss([("N1", "/n1"), ("N2", "/n2"), ("N3", "/n3")]),
        content_type="application/rss+xml",
        etag='"e"',
    )
    spec = [SourceSpec(server.url("/feed"))]
    result = watch(
        database, spec, nlp=nlp, fetcher=fetcher, clock=clock, every=60, stop=stop, batch_size=3
    )
    assert result.stopped and _count_articles(database) == 2
    with database.readers() as session:
        state = session.scalar(select(WebSource))
    assert state is None or state.etag is None  # not marked complete
    again = watch(database, spec, nlp=nlp, fetcher=fetcher, clock=clock, every=60, max_rounds=1)
    assert again.summary.articles_new == 1
    assert [server.fetched(f"/n{n}") for n in (1, 2, 3)] == [1, 1, 1]


def test_sources_file_and_durations(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(
        '[[outlets]]\nname = "Example News"\nfeeds = ["https://a.example/rss", '
        '"https://a.example/sitemap.xml"]\n[[outlets]]\nurl = "https://b.example/"\n'
    )
    specs = load_sources([str(path), "https://a.example/rss"])
    assert specs == [
        SourceSpec("https://a.example/rss", "Example News"),
        SourceSpec("https://a.example/sitemap.xml", "Example News"),
        SourceSpec("https://b.example/", None),
    ]
    assert [parse_every(v) for v in ("90", "30s", "15m", "2h")] == [90, 30, 900, 7200]
    for bad in ("soon", "0s", "-5m"):
        with pytest.raises(ValueError):
            parse_every(bad)
    path.write_text("[[outlets]]\nname = 3\nfeeds = []\n")
    with pytest.raises(ValueError, match="name"):
        load_sources([str(path)])


def _stopped(proc: subprocess.Popen[bytes]) -> bool:
    _, status = os.waitpid(proc.pid, os.WUNTRACED)
    return os.WIFSTOPPED(status)


def test_killed_watcher_resumes_without_refetching_what_it_stored(
    server: LocalServer, tmp_path: Path
) -> None:
    for n in (1, 2, 3):
        server.routes[f"/n{n}"] = Page(article_html(f"N{n}", story(n)))
    server.routes["/feed"] = Page(
        rss([("N1", "/n1"), ("N2", "/n2"), ("N3", "/n3")]), content_type="application/rss+xml"
    )
    db = tmp_path / "watch.db"
    command = [
        sys.executable, "-m", "quotes", "watch", server.url("/feed"), "--db", str(db),
        "--max-rounds", "1", "--batch-size", "2", "--delay", "0",
    ]  # fmt: skip
    env = {**os.environ, "QUOTES_FAULT_STOP_AFTER_COMMIT": "1"}
    proc = subprocess.Popen(command, env=env, cwd=REPO, stderr=subprocess.PIPE)
    assert _stopped(proc)  # right after the first batch (two articles) committed
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    database = open_database(str(db))
    assert _count_articles(database) == 2
    env.pop("QUOTES_FAULT_STOP_AFTER_COMMIT")
    done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert _count_articles(database) == 3
    assert [server.fetched(f"/n{n}") for n in (1, 2, 3)] == [1, 1, 1]
    database.engine.dispose()


def test_two_watchers_on_one_database_store_each_article_once(
    server: LocalServer, db_url: str
) -> None:
    for n in range(1, 7):
        server.routes[f"/n{n}"] = Page(article_html(f"N{n}", story(n)))
    items = [(f"N{n}", f"/n{n}?utm_source=w{n % 2}") for n in range(1, 7)]
    server.routes["/feed"] = Page(rss(items), content_type="application/rss+xml")
    open_database(db_url).engine.dispose()  # migrated once, before both start
    command = [
        sys.executable, "-m", "quotes", "watch", server.url("/feed"), "--db", db_url,
        "--max-rounds", "1", "--batch-size", "2", "--delay", "0",
    ]  # fmt: skip
    procs = [
        subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE, stdout=subprocess.PIPE)
        for _ in range(2)
    ]
    for proc in procs:
        _, stderr = proc.communicate()
        assert proc.returncode == 0, stderr.decode()
    database = open_database(db_url)
    with database.readers() as session:
        sources = [a.source for a in session.scalars(select(Article))]
        pages = session.scalar(select(func.count()).select_from(WebPage))
    database.engine.dispose()
    assert sorted(sources) == sorted(server.url(f"/n{n}") for n in range(1, 7))
    assert pages == 6


def test_the_example_sources_file_loads() -> None:
    specs = load_sources([str(REPO / "seeds" / "sources.example.toml")])
    assert len(specs) == 6
    assert all(s.name for s in specs)
    assert SourceSpec("https://www.dw.com/en/", "Deutsche Welle") in specs


def test_an_entry_that_failed_for_a_passing_reason_is_retried_next_round(
    server: LocalServer, fetcher: Fetcher, clock: FakeClock, database: Database, nlp: Language
) -> None:
    server.routes["/n1"] = Page(article_html("N1", story(1)))
    unavailable = Page("busy", status=503, content_type="text/plain")
    server.routes["/n2"] = unavailable
    server.routes["/feed"] = Page(
        rss([("N1", "/n1"), ("N2", "/n2")]), content_type="application/rss+xml", etag='"e"'
    )
    problems: list[InputProblem] = []
    spec = [SourceSpec(server.url("/feed"))]
    first = watch(
        database, spec, nlp=nlp, fetcher=fetcher, clock=clock, every=60.0, max_rounds=1,
        on_problem=problems.append,
    )  # fmt: skip
    assert first.summary.articles_new == 1
    assert [p.message for p in problems] == ["HTTP 503"]
    server.routes["/n2"] = Page(article_html("N2", story(2)))
    second = watch(database, spec, nlp=nlp, fetcher=fetcher, clock=clock, every=60.0, max_rounds=1)
    assert second.summary.articles_new == 1  # the feed was read again, not answered 304
    assert server.fetched("/n1") == 1


def test_sigterm_between_rounds_stops_cleanly(server: LocalServer, tmp_path: Path) -> None:
    server.routes["/n1"] = Page(article_html("N1", story(1)))
    server.routes["/feed"] = Page(rss([("N1", "/n1")]), content_type="application/rss+xml")
    db = tmp_path / "watch.db"
    command = [
        sys.executable, "-m", "quotes", "watch", server.url("/feed"), "--db", str(db),
        "--every", "1h", "--delay", "0",
    ]  # fmt: skip
    proc = subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:  # wait for round 1's line: the watcher is now waiting an hour
        seen.append(line)
        if line.startswith("round 1:"):
            break
    proc.send_signal(signal.SIGTERM)
    rest = proc.stderr.read()
    assert proc.wait() == 0, "".join(seen) + rest
    assert "1 new" in rest  # the run's summary, printed after the stop
    database = open_database(str(db))
    assert _count_articles(database) == 1
    database.engine.dispose()


def test_a_home_page_source_is_read_through_its_feed_from_then_on(
    server: LocalServer, fetcher: Fetcher, clock: FakeClock, database: Database, nlp: Language
) -> None:
    server.routes["/n1"] = Page(article_html("N1", story(1)))
    server.routes["/rss"] = Page(
        rss([("N1", "/n1")]), content_type="application/rss+xml", etag='"r"'
    )
    server.routes["/"] = Page(
        '<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head>'
        "<body><p>Front page</p></body></html>"
    )
    server.routes["/article-only"] = Page(article_html("X", story(9)))
    reports: list[SourceReport] = []
    sources = [SourceSpec(server.url("/"), "Front"), SourceSpec(server.url("/article-only"))]
    result = watch(
        database, sources, nlp=nlp, fetcher=fetcher, clock=clock, every=60.0, max_rounds=2,
        on_report=lambda _n, r: reports.append(r),
    )  # fmt: skip
    assert result.summary.articles_new == 1
    assert server.fetched("/") == 1  # round 2 asked the feed directly
    assert [(r.kind, r.stored, r.not_modified) for r in reports[::2]] == [
        ("feed", 1, False),
        ("page", 0, True),
    ]
    # A page that is no feed and links none cannot be followed: one line per round.
    assert [r.error for r in reports[1::2]] == ["a web page that links no RSS or Atom feed"] * 2
    with database.readers() as session:
        state = session.scalar(select(WebSource).where(WebSource.url == server.url("/")))
    assert state is not None and state.feed_url == server.url("/rss") and state.kind == "page"


def test_bad_arguments_are_one_line_and_create_no_database(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from quotes.cli import app

    db = tmp_path / "q.db"
    for args, message in (
        ([str(tmp_path / "missing.toml")], "missing.toml: no such file or directory"),
        (["https://news.example/rss", "--every", "soon"], "--every takes a duration"),
    ):
        result = CliRunner().invoke(app, ["watch", *args, "--db", str(db)])
        assert result.exit_code == 2
        assert message in result.stderr and "Traceback" not in result.output
    assert not db.exists()
