"""Issue 13, items 1 and 2: the workbench shows outside text literally, on every screen.

Each test drives the real app (Textual pilot) on a real migrated SQLite file holding rows
whose strings carry markup, terminal escapes, bidi overrides and the like, and reads back
what is on screen: the markup must appear as typed, and no raw control, escape, bidi or
zero-width character may reach the terminal.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from quotes.store.database import Database, open_database
from quotes.text_safety import visible
from quotes.tui.app import WorkbenchApp
from quotes.tui.article import ArticleScreen
from quotes.tui.confirm import ConfirmScreen
from quotes.tui.filter_form import FilterScreen
from quotes.tui.help import HelpScreen
from quotes.tui.prompt import PromptScreen
from quotes.tui.queue import QueueScreen
from quotes.tui.span_editor import SpanEditor
from quotes.tui.speaker_form import SpeakerForm
from quotes.tui.speaker_picker import SpeakerPicker
from quotes.tui.speakers import SpeakersScreen
from quotes.tui.topic_picker import TopicPicker
from tests.security.hostile_rows import CLICK, COLOUR, STYLED, TITLE, add_hostile
from tests.tui.conftest import make_app, settle, type_text

SIZE = (120, 40)


def screen_text(app: WorkbenchApp) -> str:
    """What the terminal would show for the active screen, as text."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def assert_safe(app: WorkbenchApp) -> str:
    """The screen holds no character that a terminal would act on or hide; returns it."""
    shown = screen_text(app)
    for line in shown.split("\n"):
        assert visible(line) == line, f"raw control/bidi character on screen: {line!r}"
    return shown


async def until(app: WorkbenchApp, pilot: Pilot[None], done: Callable[[], object]) -> None:
    """Let the app work until `done()` holds (observed state, not a clock)."""
    for _ in range(300):
        await settle(app, pilot, rounds=1)
        if done():
            return
    raise AssertionError(f"the workbench never reached the state {done!r}")


async def open_screen(app: WorkbenchApp, pilot: Pilot[None], key: str, kind: type) -> None:
    await pilot.press(key)
    await until(app, pilot, lambda: isinstance(app.screen, kind))
    await settle(app, pilot)


async def close(app: WorkbenchApp, pilot: Pilot[None], kind: type) -> None:
    await pilot.press("escape")
    await until(app, pilot, lambda: isinstance(app.screen, kind))


def options_text(app: WorkbenchApp) -> str:
    ol = app.screen.query_one(OptionList)
    return "\n".join(str(ol.get_option_at_index(i).prompt) for i in range(ol.option_count))


@pytest.fixture
def hostile_db(db_path: Path) -> Iterator[Database]:
    db = open_database(str(db_path))
    yield db
    db.engine.dispose()


# -- the attacks of the issue, one by one --------------------------------------------------


async def test_markup_in_an_article_neither_crashes_nor_styles(hostile_db: Database) -> None:
    rows = add_hostile(hostile_db, "x", 0)
    app = make_app(hostile_db)
    async with app.run_test(size=SIZE) as pilot:
        await until(app, pilot, lambda: _card_ready(app))
        shown = assert_safe(app)
        assert STYLED in shown  # the table cell and the card: literal, not bold red
        assert "Smith0 [/] x" in shown
        assert "Sanctions0 [EU] x" in shown  # the card's topics line
        assert "eve [/] x" in shown  # history: the curator's name
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        cell = queue.table.get_cell_at(queue.table.cursor_coordinate._replace(column=3))
        assert cell.plain == f"{rows.quote}"
        assert not cell.spans and not cell.style  # no bold red, no link

        await open_screen(app, pilot, "o", ArticleScreen)
        await until(app, pilot, lambda: CLICK in screen_text(app))
        shown = assert_safe(app)
        assert "Title [/] x" in shown
        assert visible(COLOUR) in shown and visible(TITLE) in shown
        await close(app, pilot, QueueScreen)
    assert app.return_code in (None, 0)  # never died


def _card_ready(app: WorkbenchApp, quote_id: int | None = None) -> bool:
    """The queue shows a card (that of `quote_id`, if given)."""
    screen = app.screen
    if not isinstance(screen, QueueScreen) or screen.card is None:
        return False
    return quote_id is None or screen.card.id == quote_id


async def test_typing_markup_in_the_topic_picker(hostile_db: Database) -> None:
    add_hostile(hostile_db, "y", 0)
    app = make_app(hostile_db)
    async with app.run_test(size=SIZE) as pilot:
        await until(app, pilot, lambda: _card_ready(app))
        await open_screen(app, pilot, "t", TopicPicker)
        assert "Sanctions0 [EU] y" in options_text(app)  # listed whole, not as "Sanctions0"
        await type_text(pilot, "Evil [/] topic")
        await until(app, pilot, lambda: "Create topic “Evil [/] topic”" in screen_text(app))
        assert_safe(app)


async def test_typing_markup_in_the_speaker_picker(hostile_db: Database) -> None:
    add_hostile(hostile_db, "z", 0)
    app = make_app(hostile_db)
    async with app.run_test(size=SIZE) as pilot:
        await until(app, pilot, lambda: _card_ready(app))
        await open_screen(app, pilot, "r", SpeakerPicker)
        await until(app, pilot, lambda: "Smith0 [/] z" in screen_text(app))
        picker = app.screen.query_one(Input)
        picker.value = ""
        await type_text(pilot, "Smith [/]")
        await until(app, pilot, lambda: "New speaker “Smith [/]”" in screen_text(app))
        assert_safe(app)


async def test_an_alias_with_markup_on_the_speakers_screen(hostile_db: Database) -> None:
    rows = add_hostile(hostile_db, "w", 0)
    app = make_app(hostile_db)
    async with app.run_test(size=SIZE) as pilot:
        await until(app, pilot, lambda: _card_ready(app))
        await open_screen(app, pilot, "f3", SpeakersScreen)
        await until(app, pilot, lambda: "Smith0 [/] w" in screen_text(app))
        # Add "J. Doe [/]" through the prompt, as a curator would.
        speakers = app.screen
        assert isinstance(speakers, SpeakersScreen)
        names = [s.name for s in speakers.speakers]
        speakers.table.move_cursor(row=names.index(rows.speaker_name), animate=False)
        await open_screen(app, pilot, "a", PromptScreen)
        assert "New alias for Smith0 [/] w" in assert_safe(app)
        await type_text(pilot, "J. Doe [/]")
        await pilot.press("enter")
        await until(app, pilot, lambda: "J. Doe [/]" in screen_text(app))
        assert_safe(app)


async def test_escapes_in_a_quote_are_shown_not_sent(hostile_db: Database) -> None:
    add_hostile(hostile_db, f"{COLOUR}red{TITLE}\u202eevil\u200b", 0)
    app = make_app(hostile_db)
    async with app.run_test(size=SIZE) as pilot:
        await until(app, pilot, lambda: _card_ready(app))
        shown = assert_safe(app)
        assert "\\x1b[31mred\\x1b]0;pwned\\x07\\u202eevil\\u200b" in shown


async def test_a_toast_is_literal(hostile_db: Database) -> None:
    add_hostile(hostile_db, "t", 0)
    app = make_app(hostile_db)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await until(app, pilot, lambda: _card_ready(app))
        app.notify(f"{CLICK} {COLOUR}", title=f"[b]{TITLE}")
        await until(app, pilot, lambda: CLICK in screen_text(app))
        shown = assert_safe(app)
        assert "[b]\\x1b]0;pwned\\x07" in shown


async def test_an_input_shows_escapes_but_keeps_the_value(hostile_db: Database) -> None:
    """The speaker form is pre-filled from the database; saving must not change the name."""
    rows = add_hostile(hostile_db, f"{COLOUR}e", 0)
    app = make_app(hostile_db)
    async with app.run_test(size=SIZE) as pilot:
        await until(app, pilot, lambda: _card_ready(app))
        await open_screen(app, pilot, "f3", SpeakersScreen)
        speakers = app.screen
        assert isinstance(speakers, SpeakersScreen)
        await until(app, pilot, lambda: bool(speakers.speakers))
        names = [s.name for s in speakers.speakers]
        speakers.table.move_cursor(row=names.index(rows.speaker_name), animate=False)
        await open_screen(app, pilot, "e", SpeakerForm)
        name_input = app.screen.query_one("#name", Input)
        assert name_input.value == rows.speaker_name  # exact, escape and all
        shown = assert_safe(app)
        assert "Smith0 [/] ␛[31me" in shown  # one visible stand-in per character


async def test_a_hostile_keymap_never_reaches_the_screen(
    hostile_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """$QUOTES_KEYMAP is shown in the footer, help and palette: only key names get through."""
    monkeypatch.setenv(
        "QUOTES_KEYMAP", f"queue.verify=[/];queue.reject={COLOUR};queue.skip=ctrl+y,S"
    )
    add_hostile(hostile_db, "k", 0)
    app = WorkbenchApp(hostile_db, "tester", blink=False)
    assert app.keymap == {"queue.skip": "ctrl+y,S"}
    async with app.run_test(size=SIZE) as pilot:
        await until(app, pilot, lambda: _card_ready(app))
        assert "^y Skip" in assert_safe(app)
        await open_screen(app, pilot, "question_mark", HelpScreen)
        assert "ctrl+y / S" in assert_safe(app)


# -- every screen and dialog, fed by Hypothesis ---------------------------------------------

FRAGMENTS = [
    "[/]",
    "[b]",
    "[bold red]x[/bold red]",
    "[@click=app.quit]q[/]",
    "[$accent]a[/]",
    "\\[",
    "[link=https://evil]l[/link]",
    "\x1b[2J",
    "\x1b]0;pwned\x07",
    "\x1b[31m",
    "\x07",
    "\x00",
    "\r",
    "\t",
    "\x9b31m",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "\u2028",
    "שָׁלוֹם",
    "مرحبا",
    "e\u0301\u0301\u0301",
    "👩‍👩‍👧‍👦",
    "🇺🇦",
    "ｗｉｄｅ",
]
hostile_strings = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=5), min_size=1, max_size=8).map("".join),
    st.text(min_size=1, max_size=30),
    st.sampled_from(FRAGMENTS).map(lambda f: (f + " word ") * 400),  # a 5,000-character quote
)


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """One database for every example: each adds its own rows, named apart by a counter."""
    db = open_database(str(tmp_path_factory.mktemp("hostile") / "quotes.db"))
    yield db
    db.engine.dispose()


async def _tour(database: Database, s: str, n: int) -> None:
    rows = add_hostile(database, s, n)
    canary = f"Smith{n} [/]"
    # The keymap is user input too ($QUOTES_KEYMAP): the help screen and palette show it.
    app = WorkbenchApp(database, f"cur [/] {s}", blink=False, keymap={"queue.skip": "s,[/]"})
    async with app.run_test(size=SIZE, notifications=True) as pilot:

        def on(kind: type, text: str = "") -> Callable[[], bool]:
            return lambda: isinstance(app.screen, kind) and text in screen_text(app)

        # queue, quote card, history
        await until(app, pilot, lambda: _card_ready(app, rows.quote_id))
        assert canary in assert_safe(app)

        # article view
        await pilot.press("o")
        await until(app, pilot, on(ArticleScreen, "[@click=app.quit]Press here[/]"))
        assert_safe(app)
        await close(app, pilot, QueueScreen)

        # span editor (the article text around the quote)
        await pilot.press("e")
        await until(app, pilot, on(SpanEditor, STYLED))
        assert_safe(app)
        await close(app, pilot, QueueScreen)

        # speaker picker: pre-filled with the hostile name, then the hostile text typed
        await pilot.press("r")
        await until(app, pilot, on(SpeakerPicker, canary))
        assert_safe(app)
        app.screen.query_one(Input).value = s
        await until(app, pilot, lambda: "New speaker" in screen_text(app) or _has_options(app))
        assert_safe(app)
        await close(app, pilot, QueueScreen)

        # topic picker on the selection, the hostile text typed, then the confirm dialog
        await pilot.press("ctrl+a", "t")
        await until(app, pilot, on(TopicPicker, f"Sanctions{n} [EU]"))
        assert_safe(app)
        app.screen.query_one(Input).value = s
        await until(app, pilot, lambda: _has_options(app) and _picker_caught_up(app))
        assert_safe(app)
        await pilot.press("enter")
        await until(app, pilot, on(ConfirmScreen, "selected quotes with"))
        assert_safe(app)
        await pilot.press("n")
        await until(app, pilot, on(QueueScreen))
        await pilot.press("escape")  # clear the selection

        # filter form, then the filter summary on the queue
        await pilot.press("F")
        await until(app, pilot, on(FilterScreen))
        app.screen.query_one("#f-outlet", Input).value = s
        app.screen.query_one("#f-topic", Input).value = f"[/]{s}"
        await settle(app, pilot)
        assert_safe(app)
        await pilot.press("enter")
        await until(app, pilot, on(QueueScreen, "topic [/]"))
        assert_safe(app)
        await pilot.press("c")
        await until(app, pilot, lambda: _card_ready(app))

        # help and the command palette
        await pilot.press("question_mark")
        await until(app, pilot, on(HelpScreen, "s / [/]"))
        assert_safe(app)
        await close(app, pilot, QueueScreen)
        await pilot.press("ctrl+p")
        await until(app, pilot, lambda: app.screen is not None and "Skip" in screen_text(app))
        assert_safe(app)
        await pilot.press("escape")
        await until(app, pilot, on(QueueScreen))

        # speakers screen, an alias prompt, the edit form, a toast
        await pilot.press("f3")
        await until(app, pilot, on(SpeakersScreen, canary))
        assert_safe(app)
        await pilot.press("a")
        await until(app, pilot, on(PromptScreen))
        assert_safe(app)
        await close(app, pilot, SpeakersScreen)
        await pilot.press("e")
        await until(app, pilot, on(SpeakerForm))
        assert_safe(app)
        await close(app, pilot, SpeakersScreen)
        app.notify(s, title=s)
        await settle(app, pilot)
        assert_safe(app)
    assert app.return_code in (None, 0)


def _picker_caught_up(app: WorkbenchApp) -> bool:
    """The topic list answers the query now in the box (not an older one)."""
    picker = app.screen
    if not isinstance(picker, TopicPicker):
        return False
    query = picker.query_one(Input).value.strip()
    return not query or query in picker.names or query.lower() in map(str.lower, picker.names)


def _has_options(app: WorkbenchApp) -> bool:
    lists = app.screen.query(OptionList)
    return bool(lists) and lists.first().option_count > 0


_examples = iter(range(1, 10_000))


@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(s=hostile_strings)
def test_every_screen_shows_hostile_text_literally(shared_db: Database, s: str) -> None:
    asyncio.run(_tour(shared_db, s, next(_examples)))
