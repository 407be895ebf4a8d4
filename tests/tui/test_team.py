"""The workbench as a team uses it (issue 15): two apps on one database split the queue,
shared undo says what it skipped and who changed it, number keys toggle the card's topics."""

from __future__ import annotations

from sqlalchemy import select

from quotes.curation import CurationService, QueueFilter
from quotes.curation.claims import DEFAULT_LEASE
from quotes.store.database import Database
from quotes.store.models import Claim, QuoteTopic, Topic
from quotes.tui.app import WorkbenchApp
from quotes.tui.choice import ChoiceScreen
from quotes.tui.quote_card import topics_line
from tests.curation.team_data import Clock, many_quotes
from tests.factories import Seeded, seed
from tests.tui.conftest import SIZE, card, make_app, settle


def notes(app: WorkbenchApp) -> list[str]:
    return [n.message for n in app._notifications]


def claimed(database: Database) -> dict[int, str]:
    with database.sessions() as s:
        return {c.quote_id: c.curator for c in s.scalars(select(Claim))}


async def test_two_workbenches_split_the_queue_and_release_on_quit(database: Database) -> None:
    ids = many_quotes(database, 6)
    alice = make_app(database, "alice", claim_slice=2)
    bob = make_app(database, "bob", claim_slice=2)
    async with alice.run_test(size=SIZE) as a:
        await settle(alice, a)
        async with bob.run_test(size=SIZE) as b:
            await settle(bob, b)
            assert claimed(database) == {
                ids[0]: "alice",
                ids[1]: "alice",
                ids[2]: "bob",
                ids[3]: "bob",
            }
            await a.press("f5")
            await settle(alice, a)
            # Each sees its own slice and the free quotes, never the other's.
            assert alice.screen.order == [ids[0], ids[1], ids[4], ids[5]]
            assert bob.screen.order == ids[2:]
            assert any("You hold 2 quotes until" in m for m in notes(bob))
            await a.press("v")
            await b.press("v")
            await settle(alice, a)
            await settle(bob, b)
            await b.press("W")
            await settle(bob, b)
            team = notes(bob)[-1]
            assert "alice: 1 open of 2 held" in team and "you: 1 open of 2 held" in team
            await b.press("q")
            await settle(bob, b)
        assert set(claimed(database).values()) == {"alice"}  # bob's slice is back
        await a.press("C")  # the next slice: bob's released (and still open) quote is free
        await settle(alice, a)
        assert sorted(claimed(database)) == [ids[0], ids[1], ids[3], ids[4]]
        await a.press("q")
        await settle(alice, a)
    assert claimed(database) == {}
    assert card(database, ids[0]).verified_by == "alice"
    assert card(database, ids[2]).verified_by == "bob"


async def test_an_expired_lease_is_taken_over_from_the_workbench(database: Database) -> None:
    ids = many_quotes(database, 4)
    clock = Clock()
    CurationService(database, "carol", clock=clock).claim_next(QueueFilter(), size=2)
    app = make_app(database, "alice")
    app.service.clock = clock
    clock.advance(seconds=DEFAULT_LEASE.total_seconds() + 60)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("T")
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("1")
        await settle(app, pilot)
        assert any("taken over from expired leases of carol (2)" in m for m in notes(app))
    assert claimed(database) == {ids[0]: "alice", ids[1]: "alice"}


async def test_undo_names_who_changed_the_skipped_action(
    database: Database, seeded: Seeded
) -> None:
    q = seeded.quotes
    app = make_app(database, "alice")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("v", "v")  # the two least confident: q[2], then q[3]
        await settle(app, pilot)
        CurationService(database, "bob").reject(q[3])
        await pilot.press("u")
        await settle(app, pilot)
        assert f"Skipped verified on quote {q[3]}: changed since by bob" in notes(app)
        assert card(database, q[2]).status == "unverified"  # the older action, undone
        assert card(database, q[3]).status == "rejected"  # bob's decision stands
        assert app.screen.current_row().id == q[2]


def suggest(database: Database, quote_id: int, *names_scores: tuple[str, float]) -> None:
    with database.sessions.begin() as s:
        for name, score in names_scores:
            topic = Topic(name=name)
            s.add(topic)
            s.flush()
            s.add(QuoteTopic(quote_id=quote_id, topic_id=topic.id, origin="suggested", score=score))


def origins(database: Database, quote_id: int) -> dict[str, str]:
    return {t.name: t.origin for t in card(database, quote_id).topics}


async def test_number_keys_toggle_the_cards_topics(database: Database) -> None:
    data = seed(database)
    first = data.quotes[2]  # the least confident: under the cursor
    suggest(database, first, ("Sanctions", 0.9), ("Arms control", 0.4))
    app = make_app(database, "alice")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("1")  # the best suggestion, accepted in one key
        await settle(app, pilot)
        assert origins(database, first) == {"Sanctions": "curator", "Arms control": "suggested"}
        await pilot.press("1")  # pressed again: taken back, and keeps its number
        await settle(app, pilot)
        assert origins(database, first) == {"Sanctions": "dismissed", "Arms control": "suggested"}
        await pilot.press("2")
        await settle(app, pilot)
        assert origins(database, first)["Arms control"] == "curator"
        await pilot.press("3")  # no third topic: nothing happens but a word
        await settle(app, pilot)
        assert any("has no topic 3" in m for m in notes(app))
        shown = topics_line(app.screen.card).plain  # the numbers the keys reach
        assert shown == "Topics   1 Sanctions  2 #Arms control   (1-9 toggle)"
    assert len(origins(database, first)) == 2


async def test_number_keys_type_into_the_search_box(database: Database) -> None:
    data = seed(database)
    suggest(database, data.quotes[2], ("Sanctions", 0.9))
    app = make_app(database, "alice")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", "1")
        await settle(app, pilot)
    assert origins(database, data.quotes[2]) == {"Sanctions": "suggested"}


async def test_the_next_slice_is_claimed_before_this_one_runs_out(database: Database) -> None:
    ids = many_quotes(database, 12)
    app = make_app(database, "alice", claim_slice=5)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert sorted(claimed(database)) == ids[:5]
        await pilot.press("v")  # 4 open left: not yet
        await settle(app, pilot)
        assert sorted(claimed(database)) == ids[:5]
        await pilot.press("v")  # 3 open left: the next slice is claimed
        await settle(app, pilot)
        assert sorted(claimed(database)) == ids[:10]
        assert app.screen.current_row().id == ids[2]  # the cursor did not move
