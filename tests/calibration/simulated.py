"""A database of simulated curator decisions, for the calibration tests.

Quotes are stored with extractor features only (no spaCy): each is a pronoun or an explicit
attribution, and the simulated team's ground truth is set by the test, so what the refit must
learn is known in advance.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from quotes.curation import CurationService
from quotes.extract import load_pipeline
from quotes.store.database import Database
from quotes.store.models import Article, Quote, QuoteFeatures, Speaker
from quotes.store.names import normalize_name

# Two quotes as the extractor describes them, every feature present: a simulated quote with
# only a few features would be one the shipped model never sees, and its odd probability
# would make any refit look better.
TEXT = '"We are ready," Ann Lee said. "We always were," she added.'


@lru_cache(maxsize=1)
def _described() -> tuple[dict[str, float | str], dict[str, float | str]]:
    explicit, pronoun = load_pipeline()(TEXT)._.quotes
    assert (explicit.resolution, pronoun.resolution) == ("explicit", "pronoun")
    return dict(explicit.features), dict(pronoun.features)


def explicit_features() -> dict[str, float | str]:
    return dict(_described()[0])


def pronoun_features() -> dict[str, float | str]:
    """The pronoun quote, made a weak one: its "she" resolved two sentences back, a sentence
    away from the quote, no cue verb (what the card's "low:" line is about)."""
    weak: dict[str, float | str] = {"antecedent_sentences": 2.0, "mention_sentences": 1.0}
    return {**_described()[1], **weak, "cue_class": "none", "rule": "direct:no-cue"}


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
                QuoteFeatures(
                    quote_id=q.id,
                    features=pronoun_features() if is_pronoun(i) else explicit_features(),
                )
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
