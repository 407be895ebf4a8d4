"""`quotes statements rebuild` at scale: the groups ingest makes, from batched lookups, in a
number of SQL statements that grows with the chunks and not the quotes, curators' work
untouched."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, select, text

from bench.wire_corpus import generate, to_extracted
from quotes.curation import CurationService
from quotes.ingest.store import store_new_articles
from quotes.statements.grouping import POSTINGS_PER_FINGERPRINT, QuoteText, assign_statements
from quotes.statements.rebuild import rebuild
from quotes.store.database import Database
from quotes.store.models import Article, Quote
from tests.statements.helpers import ingest

Rows = list[tuple[Any, ...]]
Tables = tuple[Rows, Rows, Rows]
BASE = "the alliance is ready to defend every inch of allied territory number"


def index_tables(database: Database) -> Tables:
    """Every row of the three statement tables, in a fixed order."""
    with database.readers() as s:

        def rows(sql: str) -> Rows:
            return [tuple(r) for r in s.execute(text(sql))]

        return (
            rows(
                "SELECT quote_id, statement_id, text_key, how, round(score * 1e6) "
                "FROM statement_quotes ORDER BY quote_id"
            ),
            rows("SELECT id, text FROM statements ORDER BY id"),
            rows("SELECT fingerprint, quote_id FROM statement_fingerprints ORDER BY 1, 2"),
        )


def regroup_one_by_one(database: Database) -> Tables:
    """The reference: every quote through ingest's own path, one at a time, in id order."""
    with database.sessions.begin() as s:
        for table in ("statement_fingerprints", "statement_quotes", "statements"):
            s.execute(text(f"DELETE FROM {table}"))
        rows = s.execute(select(Quote.id, Quote.text, Quote.type).order_by(Quote.id)).all()
        assign_statements(s, [QuoteText(i, t, ty) for i, t, ty in rows])
    return index_tables(database)


def add_quotes(database: Database, quotes: list[tuple[str, str]]) -> None:
    """Quotes (words, type) in one article, grouped by nobody yet."""
    with database.sessions.begin() as s:
        body = "\n".join(t for t, _ in quotes)
        article = Article(content_hash=str(abs(hash(body))), source="x", text=body)
        s.add(article)
        s.flush()
        at = 0
        for words, qtype in quotes:
            s.add(
                Quote(
                    article_id=article.id,
                    text=words,
                    start=at,
                    end=at + len(words),
                    type=qtype,
                )
            )
            at += len(words) + 1


def test_rebuild_makes_the_groups_ingest_made_on_the_wire_corpus(database: Database) -> None:
    with database.sessions.begin() as s:
        store_new_articles(
            s, [to_extracted(a) for a in generate(seed=19, copies=5)], extractor_version="t"
        )
    at_ingest = index_tables(database)
    assert len(at_ingest[0]) > 100 and len(at_ingest[1]) < len(at_ingest[0])
    for chunk in (37, 5000):  # chunk borders everywhere, and the corpus in one chunk
        with database.sessions.begin() as s:
            summary = rebuild(s, chunk=chunk)
        assert summary.quotes == len(at_ingest[0])
        assert index_tables(database) == at_ingest


def test_rebuild_keeps_every_rule_across_chunk_borders(database: Database) -> None:
    """Posting lists longer than ingest reads, identical and near copies, and the short
    reported speech that must never group, with chunks far smaller than the corpus."""
    quotes: list[tuple[str, str]] = []
    for n in range(POSTINGS_PER_FINGERPRINT + 40):
        quotes.append((f"{BASE} {n} and {n + 1} and more {n * 7}", "direct"))
        if n % 9 == 0:
            quotes.append((f"{BASE.upper()} {n} AND {n + 1} AND MORE {n * 7}!", "mixed"))
        if n % 11 == 0:
            quotes.append((f"{BASE} {n} and {n + 1}", "indirect"))
    short = "we will repeal it"
    quotes += [(short, "indirect")] * 10 + [(short, "direct"), (short.upper(), "direct")]
    quotes += [("No.", "direct"), ("No.", "direct"), ("...", "direct"), ("!!", "indirect")]
    add_quotes(database, quotes[: len(quotes) // 2])
    add_quotes(database, quotes[len(quotes) // 2 :])
    reference = regroup_one_by_one(database)
    assert len(reference[1]) < len(reference[0])  # something did group
    for chunk in (1, 16, 10_000):
        with database.sessions.begin() as s:
            rebuild(s, chunk=chunk)
        assert index_tables(database) == reference


@contextmanager
def counting(database: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def hook(_c: Any, _cur: Any, statement: str, *_a: Any) -> None:
        seen.append(statement)

    event.listen(database.engine, "before_cursor_execute", hook)
    try:
        yield seen
    finally:
        event.remove(database.engine, "before_cursor_execute", hook)


def statements_to_rebuild(database: Database, quotes: int) -> int:
    words = [(f"{BASE} {n} and {n + 1} and more {n * 7}", "direct") for n in range(quotes)]
    add_quotes(database, words)
    with counting(database) as seen, database.sessions.begin() as s:
        rebuild(s, chunk=100)
    return len(seen)


def test_rebuild_statements_grow_with_chunks_not_quotes(tmp_path: Any) -> None:
    from quotes.store.database import open_database

    one_chunk = statements_to_rebuild(open_database(str(tmp_path / "small.db")), 100)
    six_chunks = statements_to_rebuild(open_database(str(tmp_path / "large.db")), 600)
    assert six_chunks <= 6 * one_chunk
    assert six_chunks < 600 / 10


def test_rebuild_never_touches_curator_work(database: Database) -> None:
    line = "We stand ready to defend every inch of allied territory, and we will do so."
    ingest(database, f"“{line}” Jens Stoltenberg said.", [(line, "direct", "Jens Stoltenberg")])
    ingest(database, f"“{line}” Sergey Lavrov said.", [(line, "direct", "Sergey Lavrov")])
    alice = CurationService(database, "alice")
    (info,) = alice.statements()
    first, second = (c.quote_id for c in info.copies)
    alice.verify(first)
    alice.reject(second)
    alice.tag(first, "Defence")
    curated = ("quotes", "quote_topics", "topics", "speakers", "edits", "articles")

    def curator_rows() -> dict[str, Rows]:
        with database.readers() as s:
            return {
                t: [tuple(r) for r in s.execute(text(f"SELECT * FROM {t} ORDER BY 1"))]
                for t in curated
            }

    before = curator_rows()
    with database.sessions.begin() as s:
        rebuild(s, chunk=1)
    assert curator_rows() == before


def test_statement_ids_go_on_after_a_rebuild(database: Database) -> None:
    """Ids are given explicitly; the next statement ingest founds must not collide."""
    lines = [
        "We stand ready to defend every inch of allied territory together.",
        "The sanctions will stay in place until the troops have left the border.",
        "Nobody in this government has ever promised a ceasefire before the vote.",
    ]
    for line in lines:
        ingest(database, f"“{line}” Ann Lee said.", [(line, "direct", "Ann Lee")])
    with database.sessions.begin() as s:
        rebuild(s)
    extra = "An entirely different line that nobody else has ever said before today."
    ingest(database, f"“{extra}” Bo Chen said.", [(extra, "direct", "Bo Chen")])
    copies, statements, _ = index_tables(database)
    assert [r[0] for r in statements] == [1, 2, 3, 4]
    assert len({r[1] for r in copies}) == 4
