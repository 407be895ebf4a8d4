"""`quotes stats`' counters, kept by triggers on SQLite (migration 0010), equal the plain
queries after every kind of write the product does, after a back-fill of a populated
database, and through a downgrade and upgrade again (issue 19).

Every check goes through `tests.store.counters.assert_counts_match`: the counters, the
plain queries, the set of statements in conflict against the listing's own query, and the
stdlib fast path of `quotes stats`.
"""

from __future__ import annotations

import contextlib
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import delete, inspect, select, update

from quotes.curation import CurationService
from quotes.curation.errors import CurationError
from quotes.ingest.store import reextract_stored
from quotes.statements.maintenance import rebuild_database
from quotes.store import migrate
from quotes.store.database import Database, open_database
from quotes.store.engine import make_engine
from quotes.store.models import Article, Edit, Quote, Speaker, Statement, StatementQuote, Topic
from quotes.store.stats import Stats, collect_stats, query_stats
from tests.factories import seed
from tests.statements.helpers import ingest, planted
from tests.store.counters import assert_counts_match

LINE = "We stand ready to defend every inch of allied territory, and we will do so together."
OTHER = "Sanctions will not change our course, and the talks will go on as planned."


def copies(database: Database, line: str, *who: tuple[str, str]) -> None:
    """One article per (outlet, speaker), each carrying `line`: a statement in copies."""
    for outlet, speaker in who:
        text = f'"{line}" {speaker} said, {outlet} reported.'
        ingest(database, text, [(line, "direct", speaker)], outlet=outlet)


def ids(database: Database, column: object) -> list[int]:
    with database.readers() as s:
        return [int(i) for i in s.scalars(select(column)).all()]  # type: ignore[call-overload]


def quote(database: Database, quote_id: int) -> Quote:
    with database.readers() as s:
        found = s.get(Quote, quote_id)
        assert found is not None
        return found


def test_every_kind_of_write_keeps_the_counts(db_path: Path) -> None:
    database = open_database(str(db_path))

    def check(when: str) -> Stats:
        return assert_counts_match(database, db_path, when)

    check("empty")
    data = seed(database)
    alice, bob = CurationService(database, "alice"), CurationService(database, "bob")
    check("seeded")
    copies(database, LINE, ("TASS", "Jens Stoltenberg"), ("AP", "Sergey Lavrov"))
    stats = check("ingest: a statement in two copies naming two speakers")
    assert (stats.shared_statements, stats.statement_conflicts) == (1, 1)
    copies(database, OTHER, ("RT", "Sergey Lavrov"), ("AFP", "Sergey Lavrov"))
    assert check("ingest: copies agreeing").statement_conflicts == 1
    q = data.quotes
    line_copies = [i for i in ids(database, Quote.id) if quote(database, i).text == LINE]
    other_copies = [i for i in ids(database, Quote.id) if quote(database, i).text == OTHER]
    # (what, the write, statements in conflict after it: the LINE copies unless noted)
    steps: list[tuple[str, Callable[[], object], int | None]] = [
        ("verify", lambda: alice.verify(q[0]), 1),
        ("reject", lambda: alice.reject(q[1]), 1),
        ("back to unverified", lambda: alice.decide(q[1], "unverified"), 1),
        ("reject a conflicting copy", lambda: alice.reject(line_copies[1]), 0),
        ("un-reject it", lambda: alice.decide(line_copies[1], "unverified"), 1),
        ("bulk verify", lambda: bob.bulk_decide(q[2:], "verified"), 1),
        ("set type", lambda: alice.set_type(q[0], "mixed"), 1),
        ("reassign a copy to agree", lambda: alice.reassign(line_copies[1], data.stoltenberg), 0),
        ("reassign a copy to nobody", lambda: alice.reassign(line_copies[0], None), 0),
        ("undo", alice.undo, 0),
        ("undo again", alice.undo, 1),
        ("redo", alice.redo, 0),
        ("undo the redo", alice.undo, 1),
        ("bulk reassign", lambda: alice.bulk_reassign(q[:2], data.lavrov), 1),
        ("merge speakers", lambda: alice.merge_speakers(data.lavrov, data.stoltenberg), 0),
        ("undo the merge", alice.undo, 1),
        ("an unnamed kind", lambda: alice.update_speaker(data.lavrov, kind="unnamed"), 0),
        ("a named kind again", lambda: alice.update_speaker(data.lavrov, kind="other"), 1),
        ("verify a speaker", lambda: alice.verify_speaker(data.stoltenberg), 1),
        ("unverify a speaker", lambda: alice.verify_speaker(data.stoltenberg, False), 1),
        ("create a topic", lambda: alice.create_topic("Arms"), 1),
        ("tag", lambda: alice.tag(q[:3], "Talks"), 1),
        ("untag", lambda: alice.untag(q[0], "Talks"), 1),
        ("dismiss", lambda: alice.dismiss_suggestion(q[3], "Arms"), 1),
        ("tag again", lambda: alice.tag(q[3], "Arms"), 1),
        ("merge topics", lambda: alice.merge_topics("Arms", "Talks"), 1),
        ("undo the topic merge", alice.undo, 1),
        ("split", lambda: alice.split_quote(q[2], quote(database, q[2]).start + 10), 1),
        ("merge the halves again", lambda: alice.merge_with_next(q[2]), 1),
        ("undo the merge of quotes", alice.undo, 1),
        ("edit a span", lambda: alice.edit_span(q[3], *shrunk(database, q[3])), 1),
        (
            "verify once",
            lambda: bob.apply_to_statement(
                statement_of(database, line_copies[0]), decision="verified"
            ),
            1,
        ),
        (
            "verify once: a speaker",
            lambda: bob.apply_to_statement(
                statement_of(database, line_copies[0]), speaker_id=data.lavrov
            ),
            0,
        ),
        (
            "verify once: a topic",
            lambda: bob.apply_to_statement(statement_of(database, line_copies[0]), topic="T"),
            0,
        ),
        ("undo verify once: the topic", bob.undo, 0),
        ("undo verify once: the speaker", bob.undo, 1),
        ("rebuild statements", lambda: rebuild_database(database), 1),
        (
            "a copy moved to the other statement",
            lambda: move(database, line_copies[1], other_copies[0]),
            0,
        ),
        ("and back", lambda: move(database, line_copies[1], line_copies[0]), 1),
        ("re-extract an article", lambda: reextract(database, line_copies[0]), None),
        ("merged by an old merge", lambda: merged_into(database, data.lavrov, data.stoltenberg), 0),
        ("unmerged", lambda: merged_into(database, data.lavrov, None), 1),
        (
            "delete a speaker",
            lambda: core(database, delete(Speaker).where(Speaker.id == data.lavrov)),
            0,
        ),
        ("delete a topic", lambda: core(database, delete(Topic).where(Topic.name == "Talks")), 0),
        ("delete the statements", lambda: core(database, delete(Statement)), 0),
        ("prune the audit log", lambda: core(database, delete(Edit)), 0),
        (
            "delete an article",
            lambda: core(database, delete(Article).where(Article.id == data.article_id)),
            0,
        ),
        ("delete every article", lambda: core(database, delete(Article)), 0),
    ]
    for when, step, conflicts in steps:
        step()
        stats = check(when)
        if conflicts is not None:
            assert stats.statement_conflicts == conflicts, when
    final = check("the end")
    assert (final.quotes, final.articles, final.topics, final.edits) == (0, 0, 1, 0)


def shrunk(database: Database, quote_id: int) -> tuple[int, int]:
    found = quote(database, quote_id)
    return found.start, found.end - 1


def statement_of(database: Database, quote_id: int) -> int:
    with database.readers() as s:
        found = s.scalar(
            select(StatementQuote.statement_id).where(StatementQuote.quote_id == quote_id)
        )
        assert found is not None
        return int(found)


def move(database: Database, quote_id: int, to: int) -> None:
    """Move a copy to the statement of quote `to` by hand: no service does, the triggers must."""
    target = statement_of(database, to)
    core(
        database,
        update(StatementQuote)
        .where(StatementQuote.quote_id == quote_id)
        .values(statement_id=target),
    )


def reextract(database: Database, quote_id: int) -> None:
    """Re-extract the article of `quote_id` with a new, different set of quotes."""
    found = quote(database, quote_id)
    with database.sessions.begin() as s:
        article = s.get(Article, found.article_id)
        assert article is not None
        words = article.text[found.start : found.end]
        reextract_stored(
            s,
            [(article.id, planted(article.text, [(words, "indirect", "Sergey Lavrov")]))],
            extractor_version="test2",
        )


def merged_into(database: Database, speaker_id: int, target: int | None) -> None:
    core(database, update(Speaker).where(Speaker.id == speaker_id).values(merged_into_id=target))


def core(database: Database, statement: object) -> None:
    with database.sessions.begin() as s:
        s.execute(statement)  # type: ignore[call-overload]


# -- a seeded-random sequence of the service's writes ----------------------------------------

SPEAKERS = ("Jens Stoltenberg", "Sergey Lavrov", "Ursula von der Leyen", "a senior official")
LINES = (LINE, OTHER, "The ceasefire must hold, and both sides know what breaking it costs.")
KINDS = ("person", "organization", "unnamed", "group", "other")


class Random:
    """Picks the next write from a seeded generator; every choice reads the database."""

    def __init__(self, database: Database, seed: int) -> None:
        self.database = database
        self.rng = random.Random(seed)
        self.curators = [CurationService(database, "alice"), CurationService(database, "bob")]
        self.articles = 0

    def pick(self, column: object) -> int | None:
        found = ids(self.database, column)
        return self.rng.choice(found) if found else None

    def step(self) -> str:
        svc = self.rng.choice(self.curators)
        quote_id = self.pick(Quote.id)
        speaker_id = self.pick(Speaker.id)
        ops: dict[str, Callable[[], object]] = {
            "ingest": self.ingest,
            "decide": lambda: svc.decide(
                need(quote_id), self.rng.choice(("verified", "rejected", "unverified"))
            ),
            "bulk": lambda: svc.bulk_decide(
                self.rng.sample(ids(self.database, Quote.id), k=2),
                self.rng.choice(("verified", "rejected")),
            ),
            "reassign": lambda: svc.reassign(need(quote_id), speaker_id),
            "merge speakers": lambda: svc.merge_speakers(
                need(speaker_id), need(self.pick(Speaker.id))
            ),
            "kind": lambda: svc.update_speaker(need(speaker_id), kind=self.rng.choice(KINDS)),
            "verify speaker": lambda: svc.verify_speaker(need(speaker_id), self.rng.random() < 0.7),
            "tag": lambda: svc.tag(need(quote_id), self.rng.choice(("Talks", "Arms"))),
            "untag": lambda: svc.untag(need(quote_id), self.rng.choice(("Talks", "Arms"))),
            "dismiss": lambda: svc.dismiss_suggestion(need(quote_id), "Arms"),
            "split": lambda: svc.split_quote(need(quote_id), middle(self.database, need(quote_id))),
            "merge with next": lambda: svc.merge_with_next(need(quote_id)),
            "set type": lambda: svc.set_type(need(quote_id), self.rng.choice(("direct", "mixed"))),
            "undo": svc.undo,
            "redo": svc.redo,
            "verify once": lambda: svc.apply_to_statement(
                need(self.pick(Statement.id)),
                decision=self.rng.choice(("verified", "rejected")),
                speaker_id=speaker_id if self.rng.random() < 0.5 else None,
            ),
            "rebuild": lambda: rebuild_database(self.database),
            "delete article": lambda: core(
                self.database, delete(Article).where(Article.id == need(self.pick(Article.id)))
            ),
        }
        weights = {"ingest": 6, "undo": 3, "redo": 2, "rebuild": 1, "delete article": 1}
        name = self.rng.choices(list(ops), [weights.get(n, 2) for n in ops])[0]
        # Refused as the product refuses it: nothing written, the counts must still hold.
        with contextlib.suppress(CurationError, Missing):
            ops[name]()
        return name

    def ingest(self) -> None:
        self.articles += 1
        line = self.rng.choice(LINES)
        speaker = self.rng.choice(SPEAKERS)
        outlet = f"Outlet{self.articles}"
        text = f'"{line}" {speaker} said in {outlet}. "{LINES[self.articles % 3]}" it added.'
        ingest(
            self.database,
            text,
            [(line, "direct", speaker), (LINES[self.articles % 3], "direct", speaker)],
            outlet=outlet,
        )


class Missing(Exception):
    """Nothing to pick yet (no quote, no speaker)."""


def need(value: int | None) -> int:
    if value is None:
        raise Missing
    return value


def middle(database: Database, quote_id: int) -> int:
    found = quote(database, quote_id)
    return (found.start + found.end) // 2


@pytest.mark.parametrize("seed_", [1, 2, 3])
def test_a_seeded_random_sequence_of_writes_keeps_the_counts(db_path: Path, seed_: int) -> None:
    database = open_database(str(db_path))
    seed(database)
    CurationService(database, "alice").create_topic("Talks")
    walk = Random(database, seed_)
    done: list[str] = []
    for _ in range(60):
        done.append(walk.step())
        assert_counts_match(database, db_path, " -> ".join(done[-5:]))
    final = assert_counts_match(database, db_path)
    # Not vacuous: the walk reached shared statements and conflicts.
    assert walk.articles > 0 and final.quotes > 0
    assert {"ingest", "undo", "decide"} <= set(done)


# -- the migration: back-fill, downgrade, upgrade ---------------------------------------------


def populated(db_path: Path) -> Database:
    database = open_database(str(db_path))
    data = seed(database)
    svc = CurationService(database, "alice")
    svc.tag(data.quotes[:2], "Talks")
    svc.verify(data.quotes[0])
    svc.reject(data.quotes[1])
    svc.verify_speaker(data.lavrov)
    copies(database, LINE, ("TASS", "Jens Stoltenberg"), ("AP", "Sergey Lavrov"))
    copies(database, OTHER, ("RT", "Sergey Lavrov"), ("AFP", "Sergey Lavrov"))
    return database


def test_the_backfill_counts_a_populated_database(db_path: Path) -> None:
    database = populated(db_path)
    before = assert_counts_match(database, db_path, "at head")
    engine = make_engine(str(db_path))
    migrate.downgrade(engine, "0009")
    with sqlite3.connect(db_path) as raw:
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master")}
        assert not {"stat_counts", "statement_conflicts"} & tables
        assert not any(name.startswith("stat_") for name in tables)
        # Written at 0009, where no trigger counts them: only the back-fill can.
        raw.execute("UPDATE quotes SET status = 'verified' WHERE status = 'unverified'")
        raw.execute("UPDATE speakers SET merged_into_id = NULL, kind = 'person'")
    migrate.upgrade(engine)
    engine.dispose()
    after = assert_counts_match(database, db_path, "after the back-fill")
    assert after.quotes_by_status["verified"] > before.quotes_by_status["verified"]
    assert (after.shared_statements, after.statement_conflicts) == (2, 1)


def test_downgrade_and_upgrade_again_keep_counting(db_path: Path) -> None:
    database = populated(db_path)
    engine = make_engine(str(db_path))
    migrate.downgrade(engine, "0009")
    assert migrate.current_revision(engine) == "0009"
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision(engine)
    engine.dispose()
    assert_counts_match(database, db_path, "upgraded again")
    copies(database, LINE, ("DPA", "Ursula von der Leyen"))  # the triggers are back
    stats = assert_counts_match(database, db_path, "written after the upgrade")
    assert stats.statement_conflicts == 1


def test_postgresql_counts_with_the_plain_queries(database: Database) -> None:
    """No counters there (concurrent curators would contend on them): the plain queries."""
    seed(database)
    tables = set(inspect(database.engine).get_table_names())
    on_sqlite = database.engine.dialect.name == "sqlite"
    assert ({"stat_counts", "statement_conflicts"} <= tables) == on_sqlite
    assert not ({"stat_counts", "statement_conflicts"} & tables) or on_sqlite
    with database.readers() as s:
        stats = collect_stats(s)
        assert stats == query_stats(s)
    assert stats.quotes == 4


def test_the_counters_are_one_select(db_path: Path) -> None:
    """What `quotes stats` reads on SQLite: one table, its primary key; no quote row."""
    from quotes.store.stats_sqlite import SQLITE_COUNTS_SQL

    populated(db_path).engine.dispose()
    with sqlite3.connect(db_path) as raw:
        plan = raw.execute(f"EXPLAIN QUERY PLAN {SQLITE_COUNTS_SQL}").fetchall()
    shown = "\n".join(str(row[-1]) for row in plan)
    assert shown == "SCAN stat_counts", shown
