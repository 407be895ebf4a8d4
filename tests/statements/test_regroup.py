"""Never stale: a curator's span edit, split or merge regroups the quotes it reshaped in the
same transaction (leave the old statement, join or found the right one, remove a statement
left empty), and conflicts follow at once."""

from __future__ import annotations

from sqlalchemy import func, select

from quotes.curation import CurationService
from quotes.statements import reads
from quotes.store.database import Database
from quotes.store.models import Quote, Statement, StatementQuote
from tests.statements.helpers import ingest

LINE = "We stand ready to defend every inch of allied territory, and we will do so together."
OTHER = "The sanctions will stay in place until the last of the troops have gone home."
TRIM = "to defend every inch of allied territory"


def quote_id(database: Database, words: str) -> int:
    with database.readers() as s:
        found = s.scalars(select(Quote.id).where(Quote.text == words).order_by(Quote.id)).first()
    assert found is not None, words
    return found


def statement_of(database: Database, qid: int) -> int:
    with database.readers() as s:
        sid = s.scalar(select(StatementQuote.statement_id).where(StatementQuote.quote_id == qid))
    assert sid is not None, f"quote {qid} is in no statement"
    return sid


def statement_count(database: Database) -> int:
    with database.readers() as s:
        return s.scalar(select(func.count()).select_from(Statement)) or 0


def no_empty_statement_and_none_ungrouped(database: Database) -> None:
    with database.readers() as s:
        empty = s.scalar(
            select(func.count())
            .select_from(Statement)
            .where(
                ~select(StatementQuote.quote_id)
                .where(StatementQuote.statement_id == Statement.id)
                .exists()
            )
        )
        assert empty == 0
        assert reads.ungrouped_quotes(s) == 0


def conflicts(database: Database) -> list[int]:
    with database.readers() as s:
        return reads.statement_ids(s, conflicts_only=True)


def two_outlets(database: Database) -> tuple[int, int, str]:
    """TASS gives LINE to Stoltenberg; AP gives it to Lavrov, then adds OTHER."""
    ingest(database, f"“{LINE}” Jens Stoltenberg said.", [(LINE, "direct", "Jens Stoltenberg")])
    ap = f"“{LINE}” Sergey Lavrov said. {OTHER}"
    ingest(database, ap, [(LINE, "direct", "Sergey Lavrov")], outlet="AP")
    with database.readers() as s:
        tass, copy = s.scalars(select(Quote.id).where(Quote.text == LINE).order_by(Quote.id))
    assert statement_of(database, tass) == statement_of(database, copy)
    return tass, copy, ap


def test_a_span_edit_leaves_the_statement_and_takes_the_conflict_with_it(
    database: Database,
) -> None:
    tass, copy, ap = two_outlets(database)
    assert conflicts(database) == [statement_of(database, tass)]
    alice = CurationService(database, "alice")
    start = ap.index(OTHER)
    alice.edit_span(copy, start, start + len(OTHER))  # the quote was really OTHER
    assert statement_of(database, copy) != statement_of(database, tass)
    assert conflicts(database) == []
    no_empty_statement_and_none_ungrouped(database)

    start = ap.index(LINE)
    alice.edit_span(copy, start, start + len(LINE))  # and back: a copy again
    assert statement_of(database, copy) == statement_of(database, tass)
    assert conflicts(database) == [statement_of(database, tass)]
    assert statement_count(database) == 1  # the statement OTHER founded went with it
    no_empty_statement_and_none_ungrouped(database)


def test_a_founder_that_leaves_hands_its_statement_to_the_next_copy(database: Database) -> None:
    tass, copy, _ = two_outlets(database)
    sid = statement_of(database, tass)
    text = f"“{LINE}” Jens Stoltenberg said."
    alice = CurationService(database, "alice")
    alice.edit_span(tass, text.index("Jens"), len(text) - 1)  # "Jens Stoltenberg said"
    assert statement_of(database, copy) == sid != statement_of(database, tass)
    with database.readers() as s:
        assert s.get(Statement, sid) is not None
        row = s.get(StatementQuote, copy)
        assert row is not None and row.how == "first"
    # The founder carried the fingerprints of LINE: a trimmed copy still finds the words.
    ingest(database, f'NATO is ready "{TRIM}," Stoltenberg said.', [(TRIM, "mixed", "Stoltenberg")])
    assert statement_of(database, quote_id(database, TRIM)) == sid
    no_empty_statement_and_none_ungrouped(database)


def test_a_split_regroups_both_parts(database: Database) -> None:
    ingest(database, f"“{OTHER}” Ann Lee said.", [(OTHER, "direct", "Ann Lee")], outlet="AP")
    both = f"{LINE} {OTHER}"
    ingest(database, f"“{both}” Ann Lee said.", [(both, "direct", "Ann Lee")], outlet="RT")
    whole, other = quote_id(database, both), quote_id(database, OTHER)
    assert statement_of(database, whole) == statement_of(database, other)  # a longer copy
    second = CurationService(database, "alice").split_quote(whole, 1 + len(LINE) + 1)
    with database.readers() as s:
        texts = {i: t for i, t in s.execute(select(Quote.id, Quote.text))}
    assert (texts[whole], texts[second]) == (LINE, OTHER)
    assert statement_of(database, second) == statement_of(database, other)
    assert statement_of(database, whole) != statement_of(database, other)
    no_empty_statement_and_none_ungrouped(database)


SHORT_A, SHORT_B = "We stand ready today", "and we will do so"
WHOLE = "We stand ready today, and we will do so."


def whole_and_parts(database: Database) -> None:
    """AP carries WHOLE; RT the same words as two quotes too short to group alone."""
    ingest(database, f"“{WHOLE}” Ann Lee said.", [(WHOLE, "direct", "Ann Lee")], outlet="AP")
    parts = f"“{SHORT_A},” Ann Lee said. “{SHORT_B}.”"
    ingest(
        database,
        parts,
        [(SHORT_A, "direct", "Ann Lee"), (SHORT_B, "direct", "Ann Lee")],
        outlet="RT",
    )


def test_a_merge_regroups_the_whole_and_removes_what_the_part_leaves(database: Database) -> None:
    whole_and_parts(database)
    first, second = quote_id(database, SHORT_A), quote_id(database, SHORT_B)
    assert statement_count(database) == 3  # too short to be copies of anything
    CurationService(database, "alice").merge_quotes(first, second)
    # Merged, its words are the AP quote's: one statement, and the parts' two are gone.
    assert statement_of(database, first) == statement_of(database, quote_id(database, WHOLE))
    assert statement_count(database) == 1
    no_empty_statement_and_none_ungrouped(database)


def test_merge_with_next_regroups_too(database: Database) -> None:
    parts = f"“{LINE}” Ann Lee said. “{OTHER}” she added."
    ingest(database, parts, [(LINE, "direct", "Ann Lee"), (OTHER, "direct", "Ann Lee")])
    first = quote_id(database, LINE)
    assert statement_count(database) == 2
    gone = CurationService(database, "alice").merge_with_next(first)
    with database.readers() as s:
        assert s.get(StatementQuote, gone) is None
    assert statement_count(database) == 1
    no_empty_statement_and_none_ungrouped(database)


def partition(database: Database) -> set[frozenset[int]]:
    """Which quotes share a statement, whatever the statements' ids."""
    with database.readers() as s:
        rows = s.execute(select(StatementQuote.statement_id, StatementQuote.quote_id)).all()
    groups: dict[int, set[int]] = {}
    for sid, qid in rows:
        groups.setdefault(sid, set()).add(qid)
    return {frozenset(g) for g in groups.values()}


def test_undo_and_redo_of_a_span_edit_regroup(database: Database) -> None:
    tass, copy, ap = two_outlets(database)
    together = partition(database)
    alice = CurationService(database, "alice")
    start = ap.index(OTHER)
    alice.edit_span(copy, start, start + len(OTHER))
    apart = partition(database)
    assert apart != together

    alice.undo()  # LINE again: a copy of TASS's quote, and the conflict is back
    assert partition(database) == together
    assert conflicts(database) == [statement_of(database, tass)]
    no_empty_statement_and_none_ungrouped(database)

    alice.redo()
    assert partition(database) == apart
    assert conflicts(database) == []
    no_empty_statement_and_none_ungrouped(database)


def test_undo_of_a_split_takes_the_second_part_out_and_regroups_the_whole(
    database: Database,
) -> None:
    ingest(database, f"“{OTHER}” Ann Lee said.", [(OTHER, "direct", "Ann Lee")], outlet="AP")
    both = f"{LINE} {OTHER}"
    ingest(database, f"“{both}” Ann Lee said.", [(both, "direct", "Ann Lee")], outlet="RT")
    before = partition(database)
    alice = CurationService(database, "alice")
    second = alice.split_quote(quote_id(database, both), 1 + len(LINE) + 1)
    split = partition(database)
    assert split != before

    alice.undo()
    assert partition(database) == before
    with database.readers() as s:
        assert s.get(StatementQuote, second) is None
    no_empty_statement_and_none_ungrouped(database)

    alice.redo()
    assert partition(database) == split
    no_empty_statement_and_none_ungrouped(database)


def test_undo_of_a_merge_brings_back_both_parts_in_their_statements(database: Database) -> None:
    whole_and_parts(database)
    before = partition(database)
    alice = CurationService(database, "alice")
    alice.merge_quotes(quote_id(database, SHORT_A), quote_id(database, SHORT_B))
    merged = partition(database)
    assert len(merged) == 1

    alice.undo()
    assert partition(database) == before
    no_empty_statement_and_none_ungrouped(database)

    alice.redo()
    assert partition(database) == merged
    no_empty_statement_and_none_ungrouped(database)


def test_a_type_change_regroups_and_its_undo_regroups_back(database: Database) -> None:
    short = "We will never back down"  # five words: grouped only as identical direct quotes
    ingest(database, f"“{short}” Ann Lee said.", [(short, "direct", "Ann Lee")], outlet="AP")
    ingest(database, f"“{short}” Ann Lee told RT.", [(short, "direct", "Ann Lee")], outlet="RT")
    with database.readers() as s:
        first, second = s.scalars(select(Quote.id).where(Quote.text == short).order_by(Quote.id))
    assert statement_of(database, first) == statement_of(database, second)

    alice = CurationService(database, "alice")
    alice.set_type(second, "indirect")  # reported speech this short never groups
    assert statement_of(database, first) != statement_of(database, second)
    no_empty_statement_and_none_ungrouped(database)

    alice.undo()
    assert statement_of(database, first) == statement_of(database, second)
    assert statement_count(database) == 1
    no_empty_statement_and_none_ungrouped(database)
