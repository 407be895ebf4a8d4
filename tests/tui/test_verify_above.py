"""`V` on the queue (issue 16): the threshold, the count and expected errors stated before
anything changes, another curator's claimed quotes left alone, one `u` to undo it all."""

from __future__ import annotations

from sqlalchemy import select

from quotes.curation import CurationService, QueueFilter
from quotes.store.database import Database
from quotes.store.models import Edit, Quote
from quotes.tui.app import WorkbenchApp
from quotes.tui.confirm import ConfirmScreen
from quotes.tui.prompt import PromptScreen
from quotes.tui.queue import QueueScreen
from tests.curation.team_data import Clock, many_quotes
from tests.tui.conftest import SIZE, make_app, settle, type_text

HIGH = (0.91, 0.93, 0.95, 0.97)  # the last four quotes; the first six stay below 0.9


def queue_of(database: Database) -> list[int]:
    ids = many_quotes(database, 10)
    with database.sessions.begin() as s:
        for qid, conf in zip(ids[6:], HIGH, strict=True):
            s.get_one(Quote, qid).confidence = conf
    return ids


def statuses(database: Database, ids: list[int]) -> list[str]:
    with database.readers() as s:
        got = dict(s.execute(select(Quote.id, Quote.status).where(Quote.id.in_(ids))).all())
    return [got[q] for q in ids]


def notes(app: WorkbenchApp) -> list[str]:
    return [n.message for n in app._notifications]


def queue_order(app: WorkbenchApp) -> list[int]:
    screen = app.screen
    assert isinstance(screen, QueueScreen)
    return screen.order


def question(app: WorkbenchApp) -> str:
    screen = app.screen
    assert isinstance(screen, ConfirmScreen), "no confirmation is asked"
    return screen.question


def asking(app: WorkbenchApp) -> bool:
    """Whether a dialog of the bulk verify is open."""
    return isinstance(app.screen, PromptScreen | ConfirmScreen)


def team_app(database: Database, clock: Clock) -> WorkbenchApp:
    app = make_app(database, "ann")
    app.service.clock = clock  # leases are judged at the test's time, never the wall clock
    return app


async def test_verify_above_asks_states_the_numbers_skips_claims_and_undoes(
    database: Database,
) -> None:
    ids = queue_of(database)
    clock = Clock()
    # bob is reviewing the most confident quote: it is his, not part of ann's bulk verify
    bob = CurationService(database, "bob", clock=clock)
    assert bob.claim_next(QueueFilter(min_confidence=0.96), 1).quote_ids == (ids[9],)
    app = team_app(database, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("V")
        await settle(app, pilot)
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("enter")  # the offered 0.9
        await settle(app, pilot)
        assert question(app) == (
            "Verify 3 quotes at >= 0.90? About 0 of them are expected to be wrong. "
            "1 more above it is held by another curator and left to them."
        )
        assert statuses(database, ids) == ["unverified"] * 10  # nothing before the yes
        await pilot.press("y")
        await settle(app, pilot)
        assert statuses(database, ids) == ["unverified"] * 6 + ["verified"] * 3 + ["unverified"]
        assert any(n.startswith("Verified 3 quotes at >= 0.90") for n in notes(app))
        assert ids[6] not in queue_order(app)  # the queue (unverified) was reloaded
        with database.readers() as s:
            logged = set(s.scalars(select(Edit.action).where(Edit.entity_id.in_(ids[6:9]))))
        assert logged == {"verify>=0.900"}

        await pilot.press("u")
        await settle(app, pilot)
        assert statuses(database, ids) == ["unverified"] * 10  # one undo, the whole step
        assert ids[6] in queue_order(app)


async def test_a_typed_threshold_is_used_and_a_bad_one_changes_nothing(
    database: Database,
) -> None:
    ids = queue_of(database)
    app = team_app(database, Clock())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for typed in ("1.5", "abc"):
            await pilot.press("V")
            await settle(app, pilot)
            await pilot.press("backspace", "backspace", "backspace")
            await type_text(pilot, typed)
            await pilot.press("enter")
            await settle(app, pilot)
            assert not asking(app)
        assert any("between 0 and 1" in n for n in notes(app))
        assert any("not a number" in n for n in notes(app))

        await pilot.press("V")
        await settle(app, pilot)
        await pilot.press("backspace", "backspace", "backspace")
        await type_text(pilot, "0.95")
        await pilot.press("enter")
        await settle(app, pilot)
        assert question(app).startswith("Verify 2 quotes at >= 0.95?")
        await pilot.press("n")  # declined: nothing happens
        await settle(app, pilot)
        assert statuses(database, ids) == ["unverified"] * 10

        await pilot.press("V")
        await settle(app, pilot)
        await pilot.press("escape")  # cancelled at the threshold
        await settle(app, pilot)
        assert not asking(app)
        assert statuses(database, ids) == ["unverified"] * 10


async def test_nothing_above_the_threshold_says_so(database: Database) -> None:
    ids = many_quotes(database, 3)  # all below 0.9
    app = team_app(database, Clock())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("V")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert not asking(app)
        assert "No unverified quote has confidence >= 0.90." in notes(app)
    assert statuses(database, ids) == ["unverified"] * 3
