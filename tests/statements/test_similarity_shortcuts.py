"""The shortcuts that make comparing cheap change no verdict: rapidfuzz's cutoffs, the LCS
bound in front of the character-level match, and the identical-words scope the index is
asked with. Each is checked against the full measure on generated near-misses."""

from __future__ import annotations

import random

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from bench.wire_corpus import base_statements
from quotes.statements.similarity import (
    CONTAINED_SIMILARITY,
    INDIRECT_NEAR_SIMILARITY,
    MIN_FUZZY_WORDS,
    MIN_GROUP_WORDS,
    NEAR_SIMILARITY,
    Copy,
    Verdict,
    fingerprints,
    identical_scope,
    may_contain,
    normalize,
    same_statement,
)

VOCABULARY = [
    "security",
    "dialogue",
    "alliance",
    "border",
    "troops",
    "talks",
    "sanctions",
    "treaty",
    "partners",
]


def full_measure(a: Copy, b: Copy) -> Verdict | None:
    """`same_statement` as first written: every measure computed whole, no shortcut."""
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
    words = fuzz.partial_ratio(short, long_) / 100.0
    if words >= NEAR_SIMILARITY:
        return Verdict("trimmed", words)
    chars = fuzz.partial_ratio(" ".join(short), " ".join(long_)) / 100.0
    if chars >= CONTAINED_SIMILARITY:
        return Verdict("trimmed", chars)
    return None


def mangle(text: str, rng: random.Random) -> str:
    """A copy, a near-copy or a near-miss: trimmed, a letter or a word changed, words added."""
    words = text.split()
    for _ in range(rng.randint(0, 3)):
        kind = rng.random()
        if kind < 0.3 and len(words) > 7:
            cut = rng.randint(1, 3)
            words = words[cut:] if rng.random() < 0.5 else words[:-cut]
        elif kind < 0.55:
            i = rng.randrange(len(words))
            w = words[i]
            if len(w) > 3:
                j = rng.randrange(len(w))
                words[i] = w[:j] + rng.choice("aeiouxyz") + w[j + 1 :]
        elif kind < 0.8:
            words[rng.randrange(len(words))] = rng.choice(VOCABULARY)
        else:
            words.insert(rng.randrange(len(words) + 1), rng.choice(VOCABULARY))
    return " ".join(words)


def pairs(count: int) -> list[tuple[Copy, Copy]]:
    rng = random.Random(17)
    texts = [normalize(b.text) for b in base_statements()]
    texts += [
        " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(6, 30))) for _ in range(40)
    ]
    found = []
    for _ in range(count):
        a = rng.choice(texts)
        b = mangle(a, rng) if rng.random() < 0.8 else rng.choice(texts)
        found.append(
            (
                Copy(normalize(a), rng.random() < 0.2),
                Copy(normalize(b), rng.random() < 0.2),
            )
        )
    return found


def test_the_shortcuts_change_no_verdict() -> None:
    checked = pairs(4000)
    verdicts = [same_statement(a, b) for a, b in checked]
    assert verdicts == [full_measure(a, b) for a, b in checked]
    kinds = {v.match for v in verdicts if v is not None}
    assert kinds == {"identical", "near", "trimmed"}  # every kind was met
    assert sum(v is None for v in verdicts) > len(verdicts) // 10


def test_the_lcs_bound_never_rejects_a_match() -> None:
    rejected = 0
    for a, b in pairs(4000):
        if not may_contain(a.normalized, b.normalized):
            rejected += 1
            short, long_ = sorted((a.normalized, b.normalized), key=len)
            assert fuzz.partial_ratio(short, long_) < 100 * CONTAINED_SIMILARITY
    assert rejected > 100  # and it does reject


def test_identical_scope_says_which_identical_copies_the_rules_accept() -> None:
    for words in range(1, MIN_FUZZY_WORDS + 3):
        text = " ".join(["word"] * words)
        for new_indirect in (False, True):
            new = Copy(text, new_indirect)
            scope = identical_scope(new)
            for old_indirect in (False, True):
                accepted = same_statement(new, Copy(text, old_indirect)) is not None
                allowed = scope == "any" or (scope == "direct" and not old_indirect)
                assert accepted == allowed, (words, new_indirect, old_indirect)


def test_fingerprints_are_the_ones_already_stored() -> None:
    """Ingest, rebuild and every database grouped before must hash shingles alike: these
    are the values the first implementation gave (a changed hash would split every group
    between old and new quotes until a rebuild)."""
    text = normalize("We will not stand by: we are ready to defend every inch of it, and we will.")
    assert sorted(fingerprints(text)) == [
        2272058379951401,
        1763064137633139818,
        2850689702151455908,
        4227744891772079979,
        5291340502979812043,
        5321445407481369109,
    ]
