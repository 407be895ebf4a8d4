"""Verify once in the workbench: the card shows a statement's copies and its conflict, `g`
applies to the copies still open (the count confirmed first), one `u` takes it all back, and
the filter form narrows the queue to conflicting statements."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from sqlalchemy import select
from textual.widgets import Checkbox, Static

import quotes.tui.app
from quotes.curation import CurationService, QueueFilter
from quotes.store.database import Database
from quotes.store.models import Article, Edit, Quote, QuoteTopic, Topic
from quotes.tui.app import WorkbenchApp
from quotes.tui.choice import ChoiceScreen
from quotes.tui.confirm import ConfirmScreen
from quotes.tui.filter_form import FilterScreen
from quotes.tui.help import HelpScreen
from quotes.tui.queue import QueueScreen
from quotes.tui.queue_status import FilterSummary
from quotes.tui.topic_picker import TopicPicker
from tests.statements.helpers import ingest
from tests.tui.conftest import settle, type_text

LINE = "We stand ready to defend every inch of allied territory, and we will do so together."
TRIMMED = "to defend every inch of allied territory"
# An outlet line from an article: shown literally on the card, never as markup or escapes.
HOSTILE_OUTLET = "RT [red]x[/] \x1b[31m"
SIZE = (150, 50)


@dataclass
class Copies:
    tass: int  # first seen (earliest date), though stored second
    ap: int  # names another speaker: the conflict
    rt: int  # a trimmed copy, from an outlet with hostile characters in its name
    anadolu: int  # verified by bob before alice opens the workbench
    other: int  # an unrelated quote, in no conflict


def quote_id(database: Database, text: str, outlet: str) -> int:
    with database.readers() as s:
        found = s.scalar(
            select(Quote.id).join(Article).where(Quote.text == text, Article.outlet == outlet)
        )
    assert found is not None
    return found


def wire_copies(database: Database) -> Copies:
    ingest(
        database,
        f"“{LINE.lower()}” Sergey Lavrov said.",
        [(LINE.lower(), "direct", "Sergey Lavrov")],
        outlet="AP",
        published=dt.date(2024, 3, 2),
    )
    ingest(
        database,
        f'"{LINE}" Jens Stoltenberg said.',
        [(LINE, "direct", "Jens Stoltenberg")],
        outlet="TASS",
        published=dt.date(2024, 3, 1),
    )
    ingest(
        database,
        f'Jens Stoltenberg said NATO was ready "{TRIMMED}."',
        [(TRIMMED, "mixed", "Jens Stoltenberg")],
        outlet=HOSTILE_OUTLET,
        published=dt.date(2024, 3, 3),
    )
    ingest(
        database,
        f'"{LINE}", Jens Stoltenberg told reporters.',
        [(LINE, "direct", "Jens Stoltenberg")],
        outlet="Anadolu",
    )
    other = "The economy will grow faster next year than anyone expects today"
    ingest(
        database,
        f"{other}, Olaf Scholz said.",
        [(other, "indirect", "Olaf Scholz")],
        outlet="DPA",
    )
    copies = Copies(
        tass=quote_id(database, LINE, "TASS"),
        ap=quote_id(database, LINE.lower(), "AP"),
        rt=quote_id(database, TRIMMED, HOSTILE_OUTLET),
        anadolu=quote_id(database, LINE, "Anadolu"),
        other=quote_id(database, other, "DPA"),
    )
    CurationService(database, "bob").verify(copies.anadolu)
    return copies


class RecordingApp(WorkbenchApp):
    """The real workbench, keeping every toast so a test can read the status messages."""

    CSS_PATH = str(Path(quotes.tui.app.__file__).with_name("app.tcss"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.toasts: list[str] = []

    def notify(self, message: str, **kwargs: Any) -> None:
        self.toasts.append(message)
        super().notify(message, **kwargs)


def make_app(database: Database) -> RecordingApp:
    return RecordingApp(database, "alice", blink=False, keymap={})


def queue_of(app: WorkbenchApp) -> QueueScreen:
    screen = app.screen
    assert isinstance(screen, QueueScreen)
    return screen


def card_text(queue: QueueScreen) -> str:
    """The card exactly as rendered on screen, as plain text."""
    console = Console(width=120, file=io.StringIO(), color_system=None)
    console.print(queue.card_view.query_one("#card-body", Static).content)
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


def statuses(database: Database) -> dict[int, tuple[str, str | None]]:
    with database.readers() as s:
        rows = s.execute(select(Quote.id, Quote.status, Quote.verified_by)).all()
    return {qid: (status, by) for qid, status, by in rows}


async def open_on(app: WorkbenchApp, pilot: Any, quote: int) -> QueueScreen:
    await settle(app, pilot)
    queue = queue_of(app)
    queue.table.move_to(quote)
    await settle(app, pilot)
    assert queue.card is not None and queue.card.id == quote
    return queue


async def test_the_card_shows_every_copy_first_seen_first_and_the_conflict(
    database: Database,
) -> None:
    c = wire_copies(database)
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        queue = await open_on(app, pilot, c.ap)
        text = card_text(queue)
    assert "4 copies in 4 articles" in text
    assert "CONFLICT" in text and "Jens Stoltenberg / Sergey Lavrov" in text
    lines = text.splitlines()

    def copy_line(start: str, outlet: str) -> int:
        return next(i for i, ln in enumerate(lines) if ln.startswith(start) and outlet in ln)

    tass = copy_line("  2024-03-01", "TASS")
    ap = copy_line("  2024-03-02", "AP")
    undated = copy_line("  undated", "Anadolu")
    assert tass < ap < undated  # first seen first, undated copies last
    assert "◀ this quote" in lines[ap] and "Sergey Lavrov" in lines[ap]
    assert "bob" in lines[undated]  # who decided that copy
    # The outlet from the article is shown as written: brackets literal, ESC spelled out.
    assert "RT [red]x[/] \\x1b[31m" in text and "\x1b" not in text


async def test_a_quote_without_copies_shows_no_copies_section(database: Database) -> None:
    c = wire_copies(database)
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        queue = await open_on(app, pilot, c.other)
        assert "Copies" not in card_text(queue)
        await pilot.press("g")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)  # nothing to ask
    assert f"Quote #{c.other} has no copies in other articles" in app.toasts


async def test_g_verifies_the_open_copies_after_confirming_the_count_and_u_undoes_all(
    database: Database,
) -> None:
    c = wire_copies(database)
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        queue = await open_on(app, pilot, c.tass)
        await pilot.press("g")
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("1")  # verify every copy
        await settle(app, pilot)
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert confirm.question.startswith("Verify 3 copies of this statement?")
        assert "1 decided by others will be left alone." in confirm.question
        assert "The copies name different speakers: each keeps its own." in confirm.question
        assert statuses(database)[c.tass] == ("unverified", None)  # nothing before the yes
        await pilot.press("y")
        await settle(app, pilot)
        after = statuses(database)
        assert [after[q] for q in (c.tass, c.ap, c.rt)] == [("verified", "alice")] * 3
        assert after[c.anadolu] == ("verified", "bob")  # bob's decision stands
        assert after[c.other] == ("unverified", None)
        assert {queue.rows[q].status for q in (c.tass, c.ap, c.rt)} == {"verified"}
        assert any(
            t.startswith("Verified 3 of 4 copies of statement #")
            and "1 decided by others will be left alone." in t
            for t in app.toasts
        )
        with database.readers() as s:
            groups = set(s.scalars(select(Edit.group_id).where(Edit.curator == "alice")))
        assert len(groups) == 1  # one audit group
        await pilot.press("u")
        await settle(app, pilot)
        undone = statuses(database)
        assert [undone[q] for q in (c.tass, c.ap, c.rt)] == [("unverified", None)] * 3
        assert undone[c.anadolu] == ("verified", "bob")
        assert {queue.rows[q].status for q in (c.tass, c.ap, c.rt)} == {"unverified"}


async def test_g_gives_every_copy_this_quotes_speaker_which_ends_the_conflict(
    database: Database,
) -> None:
    c = wire_copies(database)
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        queue = await open_on(app, pilot, c.tass)
        await pilot.press("g")
        await settle(app, pilot)
        await pilot.press("3")  # speaker Jens Stoltenberg (this quote's) on every copy
        await settle(app, pilot)
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert "Attribute 3 copies of this statement to Jens Stoltenberg?" in confirm.question
        await pilot.press("y")
        await settle(app, pilot)
        assert queue.rows[c.ap].speaker == "Jens Stoltenberg"
        assert "CONFLICT" not in card_text(queue)
    statement = CurationService(database, "alice").statement_of(c.ap)
    assert statement is not None and not statement.conflict


async def test_g_tags_every_open_copy_with_a_topic(database: Database) -> None:
    c = wire_copies(database)
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await open_on(app, pilot, c.rt)
        await pilot.press("g")
        await settle(app, pilot)
        await pilot.press("4")  # a topic on every copy
        await settle(app, pilot)
        assert isinstance(app.screen, TopicPicker)
        await type_text(pilot, "defence")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert "Tag 3 copies of this statement with “defence”?" in confirm.question
        await pilot.press("y")
        await settle(app, pilot)
    with database.readers() as s:
        tagged = set(
            s.scalars(select(QuoteTopic.quote_id).join(Topic).where(Topic.name == "defence"))
        )
    assert tagged == {c.tass, c.ap, c.rt}


async def test_escape_at_the_confirmation_changes_nothing(database: Database) -> None:
    c = wire_copies(database)
    before = statuses(database)
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await open_on(app, pilot, c.tass)
        await pilot.press("g")
        await settle(app, pilot)
        await pilot.press("2")  # reject every copy
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
    assert statuses(database) == before


async def test_the_conflicts_filter_narrows_the_queue_and_says_so(database: Database) -> None:
    c = wire_copies(database)
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        queue = queue_of(app)
        assert set(queue.order) == {c.tass, c.ap, c.rt, c.other}
        await pilot.press("F")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, FilterScreen)
        box = form.query_one("#f-conflicts", Checkbox)
        assert box.value is False
        for _ in range(8):  # speaker, topic, outlet, article, confidence x2, dates x2
            await pilot.press("tab")
        assert form.focused is box
        await pilot.press("space", "ctrl+s")
        await settle(app, pilot)
        assert queue.filter.conflicts is True
        assert set(queue.order) == {c.tass, c.ap, c.rt}
        summary = queue.query_one(FilterSummary)
        assert "conflicts only" in str(summary.content)
        await pilot.press("F")
        await settle(app, pilot)
        assert app.screen.query_one("#f-conflicts", Checkbox).value is True  # kept
        await pilot.press("escape")
        await pilot.press("c")  # clear every filter
        await settle(app, pilot)
        assert queue_of(app).filter.conflicts is False  # re-read: the key changed it
        assert set(queue.order) == {c.tass, c.ap, c.rt, c.other}


async def test_help_lists_the_new_key(database: Database) -> None:
    wire_copies(database)
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        keys = str(app.screen.query_one("#help-keys", Static).content)
    assert "Apply a decision, speaker or topic to every copy of the statement" in keys


async def test_copies_another_curator_holds_are_counted_and_left_alone(
    database: Database,
) -> None:
    c = wire_copies(database)
    held = CurationService(database, "bob").claim_next(QueueFilter(), size=1).quote_ids
    assert len(held) == 1 and held[0] in (c.tass, c.ap, c.rt)
    mine = next(q for q in (c.tass, c.ap, c.rt) if q not in held)
    app = make_app(database)
    async with app.run_test(size=SIZE) as pilot:
        await open_on(app, pilot, mine)
        await pilot.press("g")
        await settle(app, pilot)
        await pilot.press("1")
        await settle(app, pilot)
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert confirm.question.startswith("Verify 2 copies of this statement?")
        assert "1 held by another curator will be left alone." in confirm.question
        await pilot.press("y")
        await settle(app, pilot)
    assert statuses(database)[held[0]] == ("unverified", None)
    assert statuses(database)[mine] == ("verified", "alice")
