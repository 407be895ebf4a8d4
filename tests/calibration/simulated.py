"""A database of simulated curator decisions, for the calibration tests.

Quotes are stored with extractor features only (no spaCy): each is a pronoun or an explicit
attribution, and the simulated team's ground truth is set by the test, so what the refit must
learn is known in advance.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from quotes.curation import CurationService
from quotes.store.database import Database
from quotes.store.models import Article, Quote, QuoteFeatures, Speaker
from quotes.store.names import normalize_name

EXPLICIT = {"resolution": "explicit", "type": "direct", "mention_kind": "name", "words": 2.0}
PRONOUN = {"resolution": "pronoun", "type": "direct", "mention_kind": "pronoun", "words": 2.0}


def is_pronoun(position: int) -> bool:
    return position % 3 == 1


@dataclass
class Simulated:
    quote_ids: list[int]
    other_speaker: int


def build(database: Database, n: int) -> Simulated:
    """``n`` unverified quotes, one in three a pronoun (`is_pronoun`), all at confidence 0.5.
    One in three, so the decisions `calibrate` holds back (every fourth id) mix both kinds."""
    text = "word " * (n + 10)
    with database.sessions.begin() as s:
        article = Article(
            content_hash=hashlib.sha256(text.encode()).hexdigest(), source="sim.txt", text=text
        )
        ann = Speaker(name="Ann Lee", normalized_name=normalize_name("Ann Lee"))
        bob = Speaker(name="Bob Ray", normalized_name=normalize_name("Bob Ray"))
        s.add_all([article, ann, bob])
        s.flush()
        ids = []
        for i in range(n):
            q = Quote(
                article_id=article.id,
                text="word",
                start=5 * i,
                end=5 * i + 4,
                type="direct",
                speaker_id=ann.id,
                confidence=0.5,
            )
            s.add(q)
            s.flush()
            s.add(
                QuoteFeatures(quote_id=q.id, features=dict(PRONOUN if is_pronoun(i) else EXPLICIT))
            )
            ids.append(q.id)
        return Simulated(ids, bob.id)


def decide(
    service: CurationService,
    sim: Simulated,
    ids: list[int],
    right: Callable[[int, bool], bool],
) -> None:
    """The simulated team reviews ``ids``: a right quote is verified; a wrong one is rejected
    or, every third of them, reassigned to another speaker and then verified (a correction)."""
    with service.db.readers() as s:
        pronoun = {
            qid: f["resolution"] == "pronoun"
            for qid, f in s.query(QuoteFeatures.quote_id, QuoteFeatures.features)
        }
    wrong = 0
    for qid in ids:
        if right(qid, pronoun[qid]):
            service.verify(qid)
            continue
        if wrong % 3 == 0:
            service.reassign(qid, sim.other_speaker)
            service.verify(qid)
        else:
            service.reject(qid)
        wrong += 1
