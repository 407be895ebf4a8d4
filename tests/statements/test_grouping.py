"""Grouping at ingest through the database index, rebuild, and conflicting attributions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, update

from quotes.statements import reads
from quotes.statements.rebuild import rebuild
from quotes.store.database import Database
from quotes.store.models import Quote, Statement, StatementQuote
from tests.statements.helpers import ingest

LINE = "We stand ready to defend every inch of allied territory, and we will do so together."
TASS = f'Jens Stoltenberg spoke in Brussels. "{LINE}" Jens Stoltenberg said on Tuesday.'
TRIM = "to defend every inch of allied territory"
RT = f'The NATO chief Jens Stoltenberg was defiant. He said he was "ready {TRIM}," he added.'
SWAP = f"“{LINE.upper()}” Sergey Lavrov told reporters, according to the agency."


def groups(database: Database) -> dict[str, int]:
    with database.readers() as s:
        rows = s.execute(
            select(Quote.text, StatementQuote.statement_id).join(
                StatementQuote, StatementQuote.quote_id == Quote.id
            )
        ).all()
    return {text: sid for text, sid in rows}


def test_copies_across_articles_join_one_statement_at_ingest(database: Database) -> None:
    ingest(
        database,
        TASS,
        [(LINE, "direct", "Jens Stoltenberg")],
        outlet="TASS",
        published=dt.date(2024, 3, 2),
    )
    ingest(
        database,
        RT,
        [(TRIM, "mixed", "Jens Stoltenberg")],
        outlet="RT",
        published=dt.date(2024, 3, 1),
    )
    g = groups(database)
    assert g[LINE] == g[TRIM]
    with database.readers() as s:
        (info,) = list(reads.iter_statements(s, min_copies=2))
    assert len(info.copies) == 2 and info.articles == 2
    assert info.outlets == ["RT", "TASS"]
    assert info.first.outlet == "RT"  # published a day earlier, though stored later
    assert info.speakers == ["Jens Stoltenberg"] and not info.conflict
    assert {c.how for c in info.copies} == {"first", "trimmed"}


def test_unrelated_quotes_stay_apart(database: Database) -> None:
    other = "We are not ready to give up every inch of our own territory to anybody, ever."
    text = f'Sergey Lavrov spoke. "{other}" Sergey Lavrov said.'
    ingest(database, TASS, [(LINE, "direct", "Jens Stoltenberg")])
    ingest(database, text, [(other, "direct", "Sergey Lavrov")])
    g = groups(database)
    assert g[LINE] != g[other]


def test_a_swapped_attribution_is_a_conflict(database: Database) -> None:
    ingest(database, TASS, [(LINE, "direct", "Jens Stoltenberg")], outlet="TASS")
    ingest(database, SWAP, [(LINE.upper(), "direct", "Sergey Lavrov")], outlet="AP")
    with database.readers() as s:
        ids = reads.statement_ids(s, conflicts_only=True)
        (info,) = reads.statements(s, ids)
    assert info.conflict and info.speakers == ["Jens Stoltenberg", "Sergey Lavrov"]


def test_rebuild_regroups_the_same_way_and_leaves_quotes_alone(database: Database) -> None:
    ingest(database, TASS, [(LINE, "direct", "Jens Stoltenberg")])
    ingest(database, RT, [(TRIM, "mixed", "Jens Stoltenberg")])
    ingest(database, SWAP, [(LINE.upper(), "direct", "Sergey Lavrov")])
    with database.sessions.begin() as s:
        s.execute(update(Quote).where(Quote.text == TRIM).values(status="verified"))
        before = s.execute(select(Quote.id, Quote.status, Quote.version)).all()
    grouped = groups(database)
    with database.sessions.begin() as s:
        summary = rebuild(s, chunk=2)  # chunks smaller than the corpus
    assert summary.quotes == 3 and summary.statements_new == 1 and summary.joined == 2
    after_groups = groups(database)
    assert len(set(after_groups.values())) == len(set(grouped.values())) == 1
    with database.readers() as s:
        assert s.execute(select(Quote.id, Quote.status, Quote.version)).all() == before
        assert s.scalar(select(func.count()).select_from(Statement)) == 1


def test_every_stored_quote_is_grouped(database: Database) -> None:
    ingest(
        database, TASS, [(LINE, "direct", "Jens Stoltenberg"), ("Jens Stoltenberg", "direct", None)]
    )
    with database.readers() as s:
        assert reads.ungrouped_quotes(s) == 0
        assert s.scalar(select(func.count()).select_from(Statement)) == 2


def test_the_key_lookup_obeys_the_rules_for_short_reported_speech(database: Database) -> None:
    """Identical words are found by their key, but a short indirect span is still no copy."""
    topic, line = "the Affordable Care Act", "We will repeal it"
    ingest(
        database,
        f"Ann Lee talked about {topic}. “{line},” Ann Lee said.",
        [(topic, "indirect", "Ann Lee"), (line, "direct", "Ann Lee")],
    )
    ingest(
        database,
        f"Bo Chen criticised {topic}. “{line}.” Bo Chen said.",
        [(topic, "indirect", "Bo Chen"), (line, "direct", "Bo Chen")],
    )
    with database.readers() as s:
        rows = s.execute(
            select(Quote.text, func.count(func.distinct(StatementQuote.statement_id)))
            .join(StatementQuote, StatementQuote.quote_id == Quote.id)
            .group_by(Quote.text)
        ).all()
    assert dict(rows) == {topic: 2, line: 1}


def test_a_very_long_quote_and_its_trimmed_copy(database: Database) -> None:
    """Hundreds of fingerprints (more terms than one SQLite compound SELECT may hold)."""
    long_line = " ".join(f"word{n} said plainly" for n in range(600))
    part = " ".join(long_line.split()[900:960])
    ingest(database, f"“{long_line}” Ann Lee said.", [(long_line, "direct", "Ann Lee")])
    ingest(database, f"“{part}” Ann Lee said.", [(part, "direct", "Ann Lee")])
    g = groups(database)
    assert g[long_line] == g[part]
