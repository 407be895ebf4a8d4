"""One filter everywhere (issue 15, item 3): the queue, the workbench export and
`quotes export` compile the same `QueueFilter`, so they can never disagree.

The property test draws random filters (names in any case, prefixes, stray spaces, LIKE
wildcards, dates, confidence bounds, search words) over one seeded database and asserts
that the ids the queue pages through equal the ids both exports write.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quotes.cli import app
from quotes.curation import CurationService, QueueFilter
from quotes.curation.exports import export_filter
from quotes.export import ExportFilter, iter_export_rows
from quotes.store.database import Database
from quotes.store.models import Article, Quote, QuoteTopic, Speaker, SpeakerAlias, Topic
from quotes.store.names import normalize_name

ARTICLES = (  # source, outlet, published
    ("seeds/000_tass.txt", "TASS", dt.date(2021, 12, 17)),
    ("seeds/001_wire.txt", "Wire", dt.date(2022, 1, 10)),
    ("https://example.com/news/2", "Reuters", dt.date(2022, 2, 1)),
    ("feed.jsonl#4", None, None),
)
SPEAKERS = (
    "Jens Stoltenberg",
    "J. Stoltenberg",
    "Sergey Lavrov",
    "Vladimir Putin",
    "Putin",
    "Western experts",  # a collective source (kind "group")
)
TOPICS = ("Sanctions", "NATO-Russia dialogue", "Military exercises and deployments", "Arms")
WORDS = ("sanctions", "dialogue", "ready", "guarantees", "weakness", "security")
STATUSES = ("unverified", "verified", "rejected")
ORIGINS = ("curator", "suggested", "dismissed")


def _seed(database: Database) -> dict[str, int]:
    """A database where every filter field has rows to keep and rows to drop: merged and
    aliased speakers, shared surnames, topics by every origin, articles without metadata."""
    ids: dict[str, int] = {}
    with database.sessions.begin() as s:
        articles = []
        for source, outlet, published in ARTICLES:
            text = f"Article {source}. " + " ".join(WORDS) * 3
            a = Article(
                content_hash=hashlib.sha256(text.encode()).hexdigest(),
                source=source,
                outlet=outlet,
                published=published,
                text=text,
            )
            s.add(a)
            articles.append(a)
        speakers = []
        for name in SPEAKERS:
            kind = "group" if name == "Western experts" else "person"
            sp = Speaker(name=name, normalized_name=normalize_name(name), kind=kind)
            s.add(sp)
            speakers.append(sp)
        speakers[0].aliases.append(SpeakerAlias(alias="NATO chief", normalized="nato chief"))
        topics = [Topic(name=n) for n in TOPICS]
        s.add_all(topics)
        s.flush()
        speakers[1].merged_into_id = speakers[0].id
        for i in range(40):
            q = Quote(
                article_id=articles[i % len(articles)].id,
                text=f"{WORDS[i % len(WORDS)]} {WORDS[(i * 7) % len(WORDS)]} number {i}",
                start=i,
                end=i + 10,
                type="direct",
                speaker_id=None if i % 9 == 8 else speakers[i % len(speakers)].id,
                confidence=round((i * 37 % 100) / 100, 2),
                status=STATUSES[i % 3],
            )
            s.add(q)
            s.flush()
            for j, topic in enumerate(topics):
                if (i + j) % 3 == 0:
                    s.add(
                        QuoteTopic(
                            quote_id=q.id, topic_id=topic.id, origin=ORIGINS[(i + j) % 4 % 3]
                        )
                    )
        ids.update({sp.name: sp.id for sp in speakers})
        ids.update({a.source: a.id for a in articles})
    return ids


def _queue_ids(svc: CurationService, f: QueueFilter) -> list[int]:
    ids: list[int] = []
    page = svc.queue_page(f, limit=7)
    ids += [r.id for r in page.rows]
    while page.next_key is not None:
        page = svc.queue_page(f, after=page.next_key, limit=7)
        ids += [r.id for r in page.rows]
    return sorted(ids)


def _export_ids(database: Database, f: ExportFilter) -> list[int]:
    return [r["quote_id"] for r in iter_export_rows(database.engine, f)]


def _workbench_export_ids(svc: CurationService, f: QueueFilter, out: Path) -> list[int]:
    svc.export_quotes(f, out)
    with out.open(newline="", encoding="utf-8") as fh:
        return sorted(int(row["quote_id"]) for row in csv.DictReader(fh))


def _cli_filter(f: QueueFilter) -> ExportFilter:
    """What `quotes export` builds from the same values typed as options."""
    return ExportFilter(
        status=f.status,
        speaker=f.speaker,
        topic=f.topic,
        outlet=f.outlet,
        article=f.article_source if f.article_id is None else str(f.article_id),
        min_confidence=f.min_confidence,
        max_confidence=f.max_confidence,
        since=f.since,
        until=f.until,
        search=f.search,
    )


def _variants(values: tuple[str, ...]) -> st.SearchStrategy[str]:
    """What a curator might type for one of `values`: any case, a prefix, stray spaces."""
    base = st.sampled_from(values)
    return st.one_of(
        base,
        base.map(str.lower),
        base.map(str.upper),
        base.map(lambda v: f"  {v} "),
        st.tuples(base, st.integers(1, 12)).map(lambda t: t[0][: t[1]]),
        st.sampled_from(("%", "_", "zzz", " ", "Stoltenberg", "putin", "nato chief", "j stolt")),
    )


@st.composite
def filters(draw: st.DrawFn) -> QueueFilter:
    maybe = lambda s: draw(st.none() | s)  # noqa: E731
    # An article by id or by source, as the form and --article take it ("2" is an id).
    sources = (*(a[0] for a in ARTICLES), "001_wire.txt", "news/2", "%")
    article = maybe(st.integers(1, 5) | st.sampled_from(sources))
    since = maybe(st.dates(dt.date(2021, 12, 1), dt.date(2022, 3, 1)))
    return QueueFilter(
        status=draw(st.sampled_from((*STATUSES, "any"))),
        speaker=maybe(_variants(SPEAKERS)),
        topic=maybe(_variants(TOPICS)),
        outlet=maybe(_variants(("TASS", "Wire", "Reuters"))),
        article_id=article if isinstance(article, int) else None,
        article_source=article if isinstance(article, str) else None,
        min_confidence=maybe(st.floats(0, 1).map(lambda x: round(x, 2))),
        max_confidence=maybe(st.floats(0, 1).map(lambda x: round(x, 2))),
        since=since,
        until=maybe(st.dates(dt.date(2021, 12, 1), dt.date(2022, 3, 1))),
        search=maybe(st.sampled_from(WORDS) | st.sampled_from(("sanc", "ready weak", '"(', ""))),
        source=maybe(st.sampled_from(("named", "unnamed"))),
    )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(f=filters())
def test_queue_and_exports_agree(database: Database, tmp_path: Path, f: QueueFilter) -> None:
    svc = CurationService(database, "tester")
    if not svc.queue_page(QueueFilter(status="any"), limit=1).rows:  # one seed for all examples
        _seed(database)
    queue = _queue_ids(svc, f)
    if f.source is None:  # `quotes export` has no option for the kind of source
        assert _export_ids(database, _cli_filter(f)) == queue
    assert _export_ids(database, export_filter(f, None)) == queue
    assert _workbench_export_ids(svc, f, tmp_path / "out.csv") == queue


@pytest.fixture
def seeded(database: Database) -> dict[str, int]:
    return _seed(database)


@pytest.mark.parametrize(
    ("field", "typed", "canonical"),
    [
        ("topic", "sanctions", "Sanctions"),  # any case
        ("topic", "NATO-Russia", "NATO-Russia dialogue"),  # a prefix
        ("outlet", "wire", "Wire"),
        ("outlet", "tass", "TASS"),
        ("speaker", "Stoltenberg", "Jens Stoltenberg"),  # a surname
        ("speaker", "nato CHIEF", "Jens Stoltenberg"),  # an alias
        ("speaker", "J. Stoltenberg", "Jens Stoltenberg"),  # a merged-away name
    ],
)
def test_what_curators_type_finds_what_they_mean(
    database: Database, seeded: dict[str, int], field: str, typed: str, canonical: str
) -> None:
    svc = CurationService(database, "tester")
    typed_ids = _queue_ids(svc, QueueFilter(status="any", **{field: typed}))
    assert typed_ids  # never a filter that silently matches nothing
    assert typed_ids == _queue_ids(svc, QueueFilter(status="any", **{field: canonical}))
    assert _export_ids(database, ExportFilter(status="any", **{field: typed})) == typed_ids


def test_surname_finds_everyone_with_it(database: Database, seeded: dict[str, int]) -> None:
    svc = CurationService(database, "tester")
    putins = _queue_ids(svc, QueueFilter(status="any", speaker="putin"))
    vladimir = _queue_ids(svc, QueueFilter(status="any", speaker="Vladimir Putin"))
    alone = _queue_ids(svc, QueueFilter(status="any", speaker_id=seeded["Putin"]))
    assert vladimir and alone and putins == sorted(vladimir + alone)


def test_wildcards_and_blanks_are_literal(database: Database, seeded: dict[str, int]) -> None:
    svc = CurationService(database, "tester")
    everything = _queue_ids(svc, QueueFilter(status="any"))
    assert _queue_ids(svc, QueueFilter(status="any", topic="%")) == []
    assert _queue_ids(svc, QueueFilter(status="any", outlet="_ASS")) == []
    assert _queue_ids(svc, QueueFilter(status="any", article_source="%")) == []
    assert _queue_ids(svc, QueueFilter(status="any", speaker=" ", outlet="  ")) == everything


def test_named_and_unnamed_sources(
    database: Database, seeded: dict[str, int], tmp_path: Path
) -> None:
    svc = CurationService(database, "tester")
    f = QueueFilter(status="any", source="unnamed")
    unnamed = _queue_ids(svc, f)
    experts = _queue_ids(svc, QueueFilter(status="any", speaker_id=seeded["Western experts"]))
    assert unnamed and unnamed == experts
    assert _workbench_export_ids(svc, f, tmp_path / "unnamed.csv") == unnamed


def test_dates_and_confidence_bounds(database: Database, seeded: dict[str, int]) -> None:
    svc = CurationService(database, "tester")
    f = QueueFilter(
        status="any",
        since=dt.date(2022, 1, 10),
        until=dt.date(2022, 1, 10),
        min_confidence=0.2,
        max_confidence=0.8,
    )
    ids = _queue_ids(svc, f)
    assert ids
    with database.sessions() as s:
        for q in (s.get(Quote, i) for i in ids):
            assert q is not None and 0.2 <= q.confidence <= 0.8
            assert q.article.published == dt.date(2022, 1, 10)


def test_quotes_export_matches_the_queue(
    database: Database, db_url: str, seeded: dict[str, int]
) -> None:
    """The issue's cases through the real command: what the queue shows is what is written."""
    svc = CurationService(database, "tester")
    cases = [
        (["--topic", "sanctions"], QueueFilter(status="any", topic="sanctions")),
        (["--outlet", "wire"], QueueFilter(status="any", outlet="wire")),
        (["--outlet", "tass"], QueueFilter(status="any", outlet="tass")),
        (["--speaker", "Stoltenberg"], QueueFilter(status="any", speaker="Stoltenberg")),
        (
            ["--min-confidence", "0.3", "--max-confidence", "0.6"],
            QueueFilter(status="any", min_confidence=0.3, max_confidence=0.6),
        ),
    ]
    for options, f in cases:
        result = CliRunner().invoke(app, ["export", "--db", db_url, "--status", "any", *options])
        assert result.exit_code == 0, result.output
        exported = sorted(int(r["quote_id"]) for r in csv.DictReader(result.stdout.splitlines()))
        assert exported and exported == _queue_ids(svc, f), options
    bad = CliRunner().invoke(
        app, ["export", "--db", db_url, "--min-confidence", "0.8", "--max-confidence", "0.2"]
    )
    assert bad.exit_code != 0 and "--max-confidence" in bad.stderr
