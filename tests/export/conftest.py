"""A small curated database: every export filter has a row it should keep and one it should drop."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import pytest

from quotes.store.database import Database
from quotes.store.models import Article, Quote, QuoteTopic, Speaker, SpeakerAlias, Topic
from quotes.store.names import normalize_name


@dataclass(frozen=True)
class Sample:
    db: Database
    url: str  # what --db takes: a SQLite path or a PostgreSQL URL
    ids: dict[str, int]


def make_article(source: str, **kw: object) -> Article:
    text = str(kw.pop("text", f"Text of {source}. " * 20))
    return Article(
        content_hash=hashlib.sha256(text.encode() + source.encode()).hexdigest(),
        source=source,
        text=text,
        **kw,
    )


def make_speaker(name: str, **kw: object) -> Speaker:
    return Speaker(name=name, normalized_name=normalize_name(name), **kw)


def make_quote(article: Article, text: str, **kw: object) -> Quote:
    start = int(kw.pop("start", 10))  # type: ignore[call-overload]
    kw.setdefault("type", "direct")
    kw.setdefault("status", "verified")
    if kw["status"] == "verified":
        kw.setdefault("verified_by", "tester")
        kw.setdefault("verified_at", dt.datetime(2026, 1, 2, 3, 4, 5))
    return Quote(article=article, text=text, start=start, end=start + len(text), **kw)


@pytest.fixture
def sample(database: Database, db_url: str) -> Sample:
    with database.sessions.begin() as s:
        a1 = make_article(
            "seeds/001_alpha.txt",
            title="Alpha summit",
            outlet="Reuters",
            author="Ann Writer",
            published=dt.date(2024, 1, 10),
        )
        a2 = make_article(
            "https://example.com/news/2",
            title="Budget talks",
            outlet="BBC",
            author="Bo Reporter",
            published=dt.date(2024, 3, 5),
        )
        a3 = make_article("corpus/003_gamma.txt", title="Untitled")
        jens = make_speaker("Jens Stoltenberg", title="Secretary General", organization="NATO")
        jens.aliases.append(
            SpeakerAlias(alias="NATO chief", normalized=normalize_name("NATO chief"))
        )
        old = make_speaker("J. Stoltenberg")
        ursula = make_speaker("Ursula von der Leyen", title="President", organization="EU")
        defence, economy, climate = (
            Topic(name="Defence"),
            Topic(name="Economy"),
            Topic(name="Climate"),
        )
        s.add_all([a1, a2, a3, jens, old, ursula, defence, economy, climate])
        s.flush()
        old.merged_into_id = jens.id
        q1 = make_quote(a1, "We will defend every ally.", speaker=jens, confidence=0.9, cue="said")
        q2 = make_quote(a1, "Spending must rise.", speaker=old, confidence=0.5, cue="told")
        q3 = make_quote(a2, "The budget is balanced.", speaker=ursula, confidence=0.7)
        q4 = make_quote(a2, "Maybe later.", speaker=ursula, confidence=0.3, status="unverified")
        q5 = make_quote(a3, "Nobody said this.", confidence=0.2, status="rejected")
        q6 = make_quote(a3, '=HYPERLINK("http://x") said, "no"', speaker=ursula, confidence=0.95)
        s.add_all([q1, q2, q3, q4, q5, q6])
        s.flush()
        s.add_all(
            [
                QuoteTopic(quote=q1, topic=defence, origin="curator"),
                QuoteTopic(quote=q1, topic=climate, origin="dismissed"),
                QuoteTopic(quote=q1, topic=economy, origin="suggested", score=0.4),
                QuoteTopic(quote=q2, topic=economy, origin="suggested", score=0.8),
                QuoteTopic(quote=q3, topic=climate, origin="dismissed"),
            ]
        )
        s.flush()
        ids = {
            "q1": q1.id,
            "q2": q2.id,
            "q3": q3.id,
            "q4": q4.id,
            "q5": q5.id,
            "q6": q6.id,
            "a1": a1.id,
            "a2": a2.id,
            "a3": a3.id,
            "jens": jens.id,
            "old": old.id,
        }
    return Sample(db=database, url=db_url, ids=ids)
