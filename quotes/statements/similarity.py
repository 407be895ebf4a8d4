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
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, LCSseq

from quotes.store.names import without_marks

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
# Which earlier copies of exactly the same words a quote may join (see `identical_scope`).
IdenticalScope = Literal["none", "direct", "any"]
# rapidfuzz stops early below a cutoff. Its cutoff is not exact at the threshold itself (a
# similarity of exactly 0.85 came back as 0 with a cutoff of 0.85 - 1e-9), so each cutoff
# is set this far below its threshold and the score it returns compared as before.
_CUTOFF_SLACK = 0.01

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
        bare = without_marks(unicodedata.normalize("NFKC", text).casefold())
    bare = _APOSTROPHES.sub("", bare)
    return " ".join(_NON_WORD.sub(" ", bare).split())


def text_key(normalized: str) -> str:
    """The indexed exact-match key of a normalized text (fixed width, any length of text)."""
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:32]


# Above every shingle hash (they are shifted into 63 bits): a window of stopword shingles
# has it as its minimum, and it is no fingerprint.
_NO_PRINT = 1 << 63


def fingerprints(normalized: str) -> frozenset[int]:
    """Winnowed shingle hashes: any shared run of `GUARANTEED_RUN` words shares one.

    Shingles of nothing but stopwords ("we will not") are left out: they are in half the
    quotes of any corpus, and a posting list that long would make each lookup grow with the
    database while telling nothing about which statement this is.

    The values are stored (statement_fingerprints), so they must never change. Ingest
    computes them for every new quote, so the shingles (`SHINGLE_WORDS`, 3) and windows
    (`WINDOW`, 4) are unrolled into `zip`s instead of slices; tests/statements/
    test_fingerprints.py holds the sliced definition, written with the constants, and pins
    values.
    """
    words = normalized.split()
    if len(words) < MIN_FUZZY_WORDS:
        return frozenset()
    blake2b = hashlib.blake2b
    stop = _STOPWORDS
    as_int = int.from_bytes
    hashes = [  # shifted into 63 bits: fits a signed 64-bit BIGINT
        _NO_PRINT
        if a in stop and b in stop and c in stop
        else as_int(blake2b(f"{a} {b} {c}".encode(), digest_size=8).digest(), "big") >> 1
        for a, b, c in zip(words, words[1:], words[2:], strict=False)
    ]
    if len(hashes) <= WINDOW:
        chosen = set(hashes)
    else:
        chosen = set(map(min, hashes, hashes[1:], hashes[2:], hashes[3:]))
    chosen.discard(_NO_PRINT)
    return frozenset(chosen)


@dataclass(frozen=True, slots=True)
class Copy:
    """What the rules need of a quote: its normalized text and whether it is reported speech."""

    normalized: str
    indirect: bool
    # Counted once: a quote is compared with up to `grouping.CANDIDATES` others, and a
    # popular one is a candidate of many. (Its words are split when compared: kept for
    # every candidate of a rebuild chunk, they took more memory than all the rest.)
    words: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", self.normalized.count(" ") + 1 if self.normalized else 0)


@dataclass(frozen=True, slots=True)
class Verdict:
    match: Match
    score: float  # 0..1, 1 for identical


def identical_scope(copy: Copy) -> IdenticalScope:
    """Which earlier copies of these very words `same_statement` accepts, without comparing:
    grouping asks the index for the earliest statement holding such a copy.

    Identical words are one statement from `MIN_GROUP_WORDS` words, or from
    `MIN_FUZZY_WORDS` when either copy is reported speech; so a short direct quote may join
    only direct (or mixed) copies, and a short indirect one none.
    """
    if copy.words < MIN_GROUP_WORDS:
        return "none"
    if copy.words >= MIN_FUZZY_WORDS:
        return "any"
    return "none" if copy.indirect else "direct"


def same_statement(a: Copy, b: Copy) -> Verdict | None:
    """Whether `a` and `b` are copies of one statement, and how; None when they are not.

    Most candidates are not copies, so each measure is asked only whether it reaches its
    threshold (rapidfuzz's `score_cutoff`): the verdicts and scores are those of the full
    measures, at a fraction of the cost of the character-level one.
    """
    if not a.normalized or not b.normalized:
        return None
    if a.normalized == b.normalized:
        least = MIN_FUZZY_WORDS if a.indirect or b.indirect else MIN_GROUP_WORDS
        return Verdict("identical", 1.0) if a.words >= least else None
    if min(a.words, b.words) < MIN_FUZZY_WORDS:
        return None
    wa, wb = a.normalized.split(), b.normalized.split()
    threshold = INDIRECT_NEAR_SIMILARITY if a.indirect or b.indirect else NEAR_SIMILARITY
    near = Indel.normalized_similarity(wa, wb, score_cutoff=threshold - _CUTOFF_SLACK)
    if near >= threshold:
        return Verdict("near", near)
    if a.indirect or b.indirect:
        return None
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    # The best-matching run of the longer text, word by word (a trimmed copy with a word
    # changed), or character by character (a trimmed copy with a word misspelt).
    cut = 100.0 * (NEAR_SIMILARITY - _CUTOFF_SLACK)
    words = fuzz.partial_ratio(short, long_, score_cutoff=cut) / 100.0
    if words >= NEAR_SIMILARITY:
        return Verdict("trimmed", words)
    short_text, long_text = " ".join(short), " ".join(long_)
    if not may_contain(short_text, long_text):
        return None
    cut = 100.0 * (CONTAINED_SIMILARITY - _CUTOFF_SLACK)
    chars = fuzz.partial_ratio(short_text, long_text, score_cutoff=cut) / 100.0
    if chars >= CONTAINED_SIMILARITY:
        return Verdict("trimmed", chars)
    return None


def may_contain(a: str, b: str) -> bool:
    """False only when the character-level partial match of `a` and `b` cannot reach
    `CONTAINED_SIMILARITY`: a bound that costs a few microseconds against the match's
    hundred or more, and rejects most candidates that share words but are no copy.

    rapidfuzz slides the shorter text (m characters) over the longer and scores each window
    w as 2 * LCS(short, w) / (m + len(w)); LCS(short, w) is at most both len(w) and the LCS
    L of the two whole texts, so no window scores above 2L / (m + L), and reaching the
    threshold T needs L >= T * m / (2 - T).
    """
    m = min(len(a), len(b))
    least = math.floor(CONTAINED_SIMILARITY * m / (2 - CONTAINED_SIMILARITY))
    return bool(LCSseq.similarity(a, b, score_cutoff=max(least - 1, 0)) >= least)
