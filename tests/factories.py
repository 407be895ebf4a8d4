"""Small builders for test data, written through the models into a migrated database."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from quotes.store.database import Database
from quotes.store.models import Article, Quote, Speaker, SpeakerAlias
from quotes.store.names import normalize_name

ARTICLE = (
    "NATO chief Jens Stoltenberg said the alliance was ready to talk.\n"
    '"We stand ready," Stoltenberg said. "Dialogue is not a sign of weakness."\n'
    "Russian Foreign Minister Sergey Lavrov said Moscow wanted guarantees.\n"
)


@dataclass
class Seeded:
    article_id: int
    stoltenberg: int
    lavrov: int
    quotes: list[int]


def span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def seed(database: Database, text: str = ARTICLE, outlet: str = "Wire") -> Seeded:
    with database.sessions.begin() as s:
        article = Article(
            content_hash=hashlib.sha256(text.encode()).hexdigest(),
            source="a.txt",
            title="Talks",
            outlet=outlet,
            text=text,
        )
        s.add(article)
        people = {}
        for name, title in (("Jens Stoltenberg", "NATO chief"), ("Sergey Lavrov", None)):
            sp = Speaker(name=name, normalized_name=normalize_name(name), title=title)
            sp.aliases.append(SpeakerAlias(alias=name, normalized=normalize_name(name)))
            s.add(sp)
            people[name] = sp
        s.flush()
        specs = [
            ("the alliance was ready to talk", "indirect", "Jens Stoltenberg", 0.9),
            ("We stand ready,", "direct", "Jens Stoltenberg", 0.8),
            ("Dialogue is not a sign of weakness.", "direct", "Jens Stoltenberg", 0.5),
            ("Moscow wanted guarantees", "indirect", "Sergey Lavrov", 0.7),
        ]
        quotes = []
        for content, qtype, who, conf in specs:
            start, end = span(text, content)
            q = Quote(
                article_id=article.id,
                text=content,
                start=start,
                end=end,
                type=qtype,
                cue="said",
                speaker_id=people[who].id,
                confidence=conf,
            )
            s.add(q)
            s.flush()
            quotes.append(q.id)
        return Seeded(article.id, people["Jens Stoltenberg"].id, people["Sergey Lavrov"].id, quotes)
