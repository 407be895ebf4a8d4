"""When two quotes are copies of one statement: pure functions, no I/O.

Wire copies differ in their quote marks, case, punctuation and spacing, are trimmed to a
part of the original, or have a word or two changed. The rules here accept exactly that and
nothing looser, because a false group is worse than a missed one: it would let a curator's
one decision land on words somebody else said, or raise a conflict that is not there.

- Identical after `normalize`: the same statement, if at least `MIN_GROUP_WORDS` words
  ("No," and "Thank you" are said by everyone, and on PolNeAR three-word repeats were
  phrases like "the same thing", never one statement).
- Shorter than `MIN_FUZZY_WORDS` words: only identical groups, and never reported speech:
  a short indirect span is a topic ("the Affordable Care Act", "a no-fly zone in Syria"),
  not a statement, and grouping it across articles raised false conflicts.
- Near-identical: word-level similarity of the whole texts of at least `NEAR_SIMILARITY`.
- Trimmed: the shorter (direct or mixed) quote matches a run of the longer one as closely
  as near-identical texts match (a trimmed copy may also have a word changed). Indirect
  quotes never group this way: reported speech is the reporter's words, and two
  paraphrases sharing a phrase are not one statement.

Candidates come from `fingerprints`: winnowed hashes of word shingles (Schleimer et al.,
"Winnowing", 2003), which guarantee that two texts sharing a run of `GUARANTEED_RUN` words
share a fingerprint, so a trimmed copy finds its original through an index lookup.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

MIN_GROUP_WORDS = 4
MIN_FUZZY_WORDS = 6
NEAR_SIMILARITY = 0.85
# Reported speech is paraphrase: only an almost word-for-word repeat is the same statement.
INDIRECT_NEAR_SIMILARITY = 0.92
# A trimmed copy matched character by character must match a run of the longer text this
# closely (word by word, NEAR_SIMILARITY applies).
CONTAINED_SIMILARITY = 0.95
SHINGLE_WORDS = 3
WINDOW = 4
GUARANTEED_RUN = SHINGLE_WORDS + WINDOW - 1

Match = Literal["identical", "near", "trimmed"]

# Everything that is not a letter or digit separates words; apostrophes inside a word join
# it ("don't" and "dont" and "don’t" are one word).
_APOSTROPHES = re.compile(r"(?<=\w)['\u2019\u02bc\u2018`´](?=\w)")
_NON_WORD = re.compile(r"[^\w]+|_+")
_STOPWORD_TEXT = """
    a an and are as at be but by for from has have he i in is it its of on or our so that
    the their there they this to was we were will with you not
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """The comparable form: NFKC, case-folded, accents and punctuation gone, single spaces.

    Cached: grouping compares each new quote with earlier copies, and the same popular
    statements come up as candidates again and again.
    """
    if text.isascii():  # nothing to fold but case; the Unicode passes cost most of the time
        bare = text.lower()
    else:
        folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
        bare = "".join(c for c in folded if not unicodedata.combining(c))
    bare = _APOSTROPHES.sub("", bare)
    return " ".join(_NON_WORD.sub(" ", bare).split())


def text_key(normalized: str) -> str:
    """The indexed exact-match key of a normalized text (fixed width, any length of text)."""
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:32]


def _hash(words: tuple[str, ...]) -> int:
    digest = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1  # fits a signed 64-bit BIGINT


def fingerprints(normalized: str) -> frozenset[int]:
    """Winnowed shingle hashes: any shared run of `GUARANTEED_RUN` words shares one.

    Shingles of nothing but stopwords ("we will not") are left out: they are in half the
    quotes of any corpus, and a posting list that long would make each lookup grow with the
    database while telling nothing about which statement this is.
    """
    words = normalized.split()
    if len(words) < MIN_FUZZY_WORDS:
        return frozenset()
    hashes: list[int | None] = []
    for i in range(len(words) - SHINGLE_WORDS + 1):
        gram = tuple(words[i : i + SHINGLE_WORDS])
        hashes.append(None if all(w in _STOPWORDS for w in gram) else _hash(gram))
    if len(hashes) <= WINDOW:
        return frozenset(h for h in hashes if h is not None)
    chosen: set[int] = set()
    for i in range(len(hashes) - WINDOW + 1):
        window = [h for h in hashes[i : i + WINDOW] if h is not None]
        if window:
            chosen.add(min(window))
    return frozenset(chosen)


@dataclass(frozen=True, slots=True)
class Copy:
    """What the rules need of a quote: its normalized text and whether it is reported speech."""

    normalized: str
    indirect: bool

    @property
    def words(self) -> int:
        return self.normalized.count(" ") + 1 if self.normalized else 0


@dataclass(frozen=True, slots=True)
class Verdict:
    match: Match
    score: float  # 0..1, 1 for identical


def same_statement(a: Copy, b: Copy) -> Verdict | None:
    """Whether `a` and `b` are copies of one statement, and how; None when they are not."""
    if not a.normalized or not b.normalized:
        return None
    if a.normalized == b.normalized:
        least = MIN_FUZZY_WORDS if a.indirect or b.indirect else MIN_GROUP_WORDS
        return Verdict("identical", 1.0) if a.words >= least else None
    if min(a.words, b.words) < MIN_FUZZY_WORDS:
        return None
    wa, wb = a.normalized.split(), b.normalized.split()
    near = Indel.normalized_similarity(wa, wb)
    threshold = INDIRECT_NEAR_SIMILARITY if a.indirect or b.indirect else NEAR_SIMILARITY
    if near >= threshold:
        return Verdict("near", near)
    if a.indirect or b.indirect:
        return None
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    # The best-matching run of the longer text, word by word (a trimmed copy with a word
    # changed), or character by character (a trimmed copy with a word misspelt).
    words = fuzz.partial_ratio(short, long_) / 100.0
    if words >= NEAR_SIMILARITY:
        return Verdict("trimmed", words)
    chars = fuzz.partial_ratio(" ".join(short), " ".join(long_)) / 100.0
    if chars >= CONTAINED_SIMILARITY:
        return Verdict("trimmed", chars)
    return None
