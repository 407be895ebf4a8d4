"""The workbench's first screen, read without SQLAlchemy, is the service's first page.

`quotes tui` on a SQLite file at the code's schema reads its first page and counts through
the stdlib driver with the service's queries compiled ahead of time
(`quotes.curation.first_page`), and loads the ORM after that page is painted. These tests
hold the compiled SQL to a fresh compile, the rows, keys and counts to the service's on a
populated database (ties, claims, missing speakers and dates, hostile text), the screen to
the one the service path shows, and every action to still working afterwards.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from rich.text import Text
from sqlalchemy import DateTime
from sqlalchemy.dialects import sqlite as sqlite_dialect

from quotes.curation import STATUS_FILTERS, CurationService, QueueFilter
from quotes.curation import first_page_sqlite as compiled
from quotes.curation.first_page import (
    SQLITE_DATETIME,
    FirstScreen,
    compile_first_screen_sql,
    key_from,
    read_first_screen,
)
from quotes.curation.queue_filter import StatusFilter
from quotes.store.database import Database, open_database
from quotes.store.models import Article, Quote, Speaker
from quotes.store.names import normalize_name
from quotes.tui.app import WorkbenchApp
from quotes.tui.queue import QueueScreen
from quotes.tui.queue_status import FilterSummary, QueueProgress
from tests.tui.conftest import SIZE, settle

NOW = dt.datetime(2026, 11, 30, 9, 0, 0)
ME = "alice"
HOSTILE = "[bold red]x[/] \x1b]0;pwned\x07 \u202eevil [@click=app.quit]q[/]"


def populate(database: Database) -> list[int]:
    """60 quotes in three articles: tied confidences (the id breaks the tie), quotes without
    a speaker or an article date, hostile text, every status; then claims: a live one of
    another curator (hidden from ME), an expired one (shown), and ME's own (shown)."""
    ids: list[int] = []
    with database.sessions.begin() as s:
        speaker = Speaker(
            name="Jens Stoltenberg", normalized_name=normalize_name("Jens Stoltenberg")
        )
        s.add(speaker)
        articles = []
        for n, (outlet, published) in enumerate(
            [("Wire", dt.date(2024, 1, 2)), (None, None), (HOSTILE, dt.date(2023, 12, 31))]
        ):
            text = f"article {n}: " + "word " * 200
            article = Article(
                content_hash=hashlib.sha256(text.encode()).hexdigest(),
                source=f"{n}.txt",
                title=f"t{n}",
                outlet=outlet,
                published=published,
                text=text,
            )
            s.add(article)
            articles.append(article)
        s.flush()
        for i in range(60):
            q = Quote(
                article_id=articles[i % 3].id,
                text=HOSTILE if i % 7 == 0 else f"quote {i} " + "word " * (i % 5),
                start=i,
                end=i + 5,
                type=("direct", "indirect", "mixed")[i % 3],
                cue="said",
                speaker_id=speaker.id if i % 4 else None,
                confidence=(0.25, 0.5, 0.75, 0.5)[i % 4],
                status=("unverified", "unverified", "verified", "rejected")[i % 4],
            )
            s.add(q)
            s.flush()
            ids.append(q.id)
    unverified = QueueFilter()
    live = CurationService(database, "bob", clock=lambda: NOW - dt.timedelta(minutes=5))
    live.claim_next(unverified, 4)
    gone = CurationService(database, "carol", clock=lambda: NOW - dt.timedelta(hours=2))
    gone.claim_next(unverified, 4)  # expired by NOW: back in everyone's queue
    mine = CurationService(database, ME, clock=lambda: NOW - dt.timedelta(minutes=1))
    mine.claim_next(unverified, 3)
    return ids


@pytest.fixture
def populated(db_path: Path) -> Path:
    database = open_database(str(db_path))
    populate(database)
    database.engine.dispose()
    return db_path


def test_the_compiled_sql_is_a_fresh_compile_of_the_services_queries() -> None:
    # On failure: `python -m quotes.curation.first_page`, then `ruff format` the file.
    fresh = compile_first_screen_sql()
    assert fresh["page"] == compiled.PAGE_SQL
    assert fresh["counts"] == compiled.COUNTS_SQL
    assert key_from() == compiled.KEY_FROM
    assert set(compiled.PAGE_SQL) == set(STATUS_FILTERS)


def test_time_is_bound_as_sqlalchemy_binds_it() -> None:
    dialect = sqlite_dialect.dialect()
    bind = DateTime().dialect_impl(dialect).bind_processor(dialect)
    assert bind is not None
    for when in (NOW, dt.datetime(2026, 1, 2, 3, 4, 5, 6), dt.datetime(1999, 12, 31, 23, 59)):
        assert when.strftime(SQLITE_DATETIME) == bind(when)


@pytest.mark.parametrize("status", STATUS_FILTERS)
@pytest.mark.parametrize("limit", [1, 7, 100])
def test_the_first_screen_is_the_services_first_page(
    populated: Path, status: StatusFilter, limit: int
) -> None:
    first = read_first_screen(str(populated), ME, limit=limit, status=status, now=NOW)
    assert first is not None
    database = open_database(str(populated), create=False)
    try:
        service = CurationService(database, ME, clock=lambda: NOW)
        f = QueueFilter(status=status)
        page = service.queue_page(f, limit=limit)
        assert first.page == page  # rows (every column, typed alike), order and next key
        assert first.progress == service.progress(f)
        assert (first.filter, first.limit, first.label) == (f, limit, database.label)
        if page.next_key is not None:  # the key pages on exactly as the service's does
            after = service.queue_page(f, after=first.page.next_key, limit=limit)
            assert after == service.queue_page(f, after=page.next_key, limit=limit)
    finally:
        database.engine.dispose()


def test_quotes_another_curator_holds_are_left_out_as_the_service_leaves_them(
    populated: Path,
) -> None:
    mine = read_first_screen(str(populated), ME, limit=100, now=NOW)
    bobs = read_first_screen(str(populated), "bob", limit=100, now=NOW)
    assert mine is not None and bobs is not None
    # Guards the comparison above against passing without a claim in play.
    assert {r.id for r in mine.page.rows} != {r.id for r in bobs.page.rows}


def _stamp(path: Path, revision: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    conn.close()


def test_anything_the_fast_path_cannot_answer_exactly_goes_the_usual_way(
    populated: Path, tmp_path: Path
) -> None:
    def read(db: str) -> FirstScreen | None:
        return read_first_screen(db, ME, limit=10, now=NOW)

    assert read(str(populated)) is not None
    assert read(f"sqlite:///{populated}") is None  # a URL: SQLAlchemy's rules
    assert read(":memory:") is None
    missing = tmp_path / "nowhere" / "q.db"
    assert read(str(missing)) is None
    assert not missing.parent.exists()  # nothing created on the way
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("not a database", encoding="utf-8")
    assert read(str(not_sqlite)) is None
    with sqlite3.connect(populated) as conn:  # a date SQLAlchemy's Date would not read
        conn.execute("UPDATE articles SET published = 'soon'")
    conn.close()
    assert read(str(populated)) is None
    with sqlite3.connect(populated) as conn:
        conn.execute("UPDATE articles SET published = NULL")
    conn.close()
    assert read(str(populated)) is not None
    _stamp(populated, "0001")  # an old schema: opening it upgrades it, which needs Alembic
    assert read(str(populated)) is None


def _plain(value: object) -> str:
    return value.plain if isinstance(value, Text) else str(value)


def _what_the_curator_sees(app: WorkbenchApp) -> dict[str, object]:
    screen = app.screen
    assert isinstance(screen, QueueScreen)
    table = screen.table
    return {
        "title": (app.title, app.sub_title),
        "columns": [_plain(c.label) for c in table.columns.values()],
        "rows": [[_plain(c) for c in table.get_row(str(q))] for q in screen.order],
        "cursor": table.cursor_row,
        "filter": _plain(screen.query_one(FilterSummary).content),
        "status": _plain(screen.query_one(QueueProgress).content),
        "card": screen.card.id if screen.card else None,
    }


async def _seen(app: WorkbenchApp) -> dict[str, object]:
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        return _what_the_curator_sees(app)


async def test_the_workbench_shows_what_the_service_path_shows(populated: Path) -> None:
    first = read_first_screen(str(populated), ME, limit=7)
    assert first is not None
    database = open_database(str(populated), create=False)
    try:
        plain = await _seen(WorkbenchApp(database, ME, blink=False, keymap={}, page_size=7))
        fast = WorkbenchApp(
            lambda: database, ME, blink=False, keymap={}, page_size=7, first_screen=first
        )
        shown = await _seen(fast)
    finally:
        database.engine.dispose()
    assert shown == plain
    assert len(shown["rows"]) >= 7  # type: ignore[arg-type]  # pages past the first too


async def test_every_action_works_once_the_service_has_loaded(populated: Path) -> None:
    first = read_first_screen(str(populated), ME, limit=100)
    assert first is not None
    database = open_database(str(populated), create=False)
    try:
        app = WorkbenchApp(
            lambda: database, ME, blink=False, keymap={}, claim_slice=3, first_screen=first
        )
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert app.service_loaded  # the card asked for it, after the first paint
            screen = app.screen
            assert isinstance(screen, QueueScreen)
            top = screen.order[0]
            assert screen.card is not None and screen.card.id == top
            await pilot.press("v")  # verify, then undo it, through the service
            await settle(app, pilot)
            assert CurationService(database, ME).quote_card(top).status == "verified"
            await pilot.press("u")
            await settle(app, pilot)
            assert CurationService(database, ME).quote_card(top).status == "unverified"
            await pilot.press("f")  # the next status: read by the service, not the first screen
            await settle(app, pilot)
            assert screen.filter.status == "verified" and screen.order
            held = {h.curator: h.open for h in CurationService(database, ME).claim_holders()}
            assert held.get(ME, 0) >= 3  # the slice claimed on opening
    finally:
        database.engine.dispose()


async def test_quitting_before_the_first_page_leaves_no_worker_waiting(
    populated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers wait for the first page's paint; a quit before it must release them, or the
    app would never finish closing (its threads are joined on the way out). The queue is
    kept from opening, so that page never comes."""
    first = read_first_screen(str(populated), ME, limit=100)
    assert first is not None
    database = open_database(str(populated), create=False)
    ran: list[str] = []
    monkeypatch.setattr(WorkbenchApp, "on_mount", lambda self: None)
    app = WorkbenchApp(lambda: database, ME, blink=False, keymap={}, first_screen=first)
    try:
        async with app.run_test(size=SIZE) as pilot:
            app.fetch(app, "probe", lambda s: ran.append(s.curator))
            await pilot.pause()
            assert ran == []  # waiting for a paint
            await app.action_quit()
            for _ in range(1000):  # observed state, not time: the worker ran
                if ran:
                    break
                await asyncio.sleep(0.01)
        assert ran == [ME]
    finally:
        database.engine.dispose()


_PROBE = """
import asyncio, json, os, sys
import quotes.cli
from quotes.cli.tui import workbench_database
database, first = workbench_database(sys.argv[1], "probe")
from quotes.tui.app import WorkbenchApp
from quotes.tui.queue import QueueScreen

seen = {}
original = QueueScreen.on_queue_loaded

def on_queue_loaded(self, message):
    seen.setdefault("first_page", "sqlalchemy" in sys.modules)
    original(self, message)

QueueScreen.on_queue_loaded = on_queue_loaded

async def main() -> None:
    app = WorkbenchApp(database, "probe", claim_slice=2, first_screen=first)
    async with app.run_test(size=(120, 36)):
        while True:
            s = app.screen
            if isinstance(s, QueueScreen) and s.card is not None and s.progress is not None:
                seen["fast"] = first is not None
                seen["card"] = s.card.id == s.order[0]
                seen["later"] = "sqlalchemy.orm" in sys.modules
                break
            await asyncio.sleep(0.01)
    print(json.dumps(seen))

asyncio.run(main())
"""


def test_the_first_page_is_on_screen_before_sqlalchemy_is_imported(populated: Path) -> None:
    """In a fresh interpreter doing what `quotes tui` does: deterministic (`sys.modules`
    at the moment the first page reaches the queue), no timing."""
    run = subprocess.run(
        [sys.executable, "-c", _PROBE, str(populated)],
        capture_output=True,
        text=True,
        check=True,
    )
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen == {"first_page": False, "fast": True, "card": True, "later": True}


def test_the_command_reads_the_first_page_only_where_it_can(populated: Path) -> None:
    from quotes.cli.tui import workbench_database

    later, first = workbench_database(str(populated), ME)
    assert first is not None and callable(later)
    opened = later()
    assert opened.label == first.label  # the same file, opened after the first paint
    opened.engine.dispose()
    now, none = workbench_database(f"sqlite:///{populated}", ME)  # a URL: opened at once
    assert none is None and not callable(now)
    now.engine.dispose()


def test_the_startup_benchmark_measures_to_a_screen_with_rows(populated: Path) -> None:
    from bench.startup import TUI_FIRST_SCREEN

    run = subprocess.run(
        [sys.executable, "-c", TUI_FIRST_SCREEN, str(populated)],
        capture_output=True,
        text=True,
        check=True,
    )
    first = read_first_screen(str(populated), "bench", limit=100)
    assert first is not None
    assert run.stdout.split() == [str(len(first.page.rows)), "rows"]
