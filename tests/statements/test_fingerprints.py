"""Fingerprints are stored, so a faster `fingerprints` must give exactly the old values.

The reference below is the first implementation (slices per shingle and per window), kept
here as the definition; Hypothesis compares it with the module's on generated texts, and a
pinned example catches a change of hash or shingling that both would share.
"""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.statements.similarity import (
    _NO_PRINT,
    _STOPWORDS,
    MIN_FUZZY_WORDS,
    SHINGLE_WORDS,
    WINDOW,
    fingerprints,
    normalize,
)


def reference(normalized: str) -> frozenset[int]:
    words = normalized.split()
    if len(words) < MIN_FUZZY_WORDS:
        return frozenset()
    stop = [w in _STOPWORDS for w in words]
    hashes: list[int] = []
    for i in range(len(words) - SHINGLE_WORDS + 1):
        if all(stop[i : i + SHINGLE_WORDS]):
            hashes.append(_NO_PRINT)
            continue
        text = " ".join(words[i : i + SHINGLE_WORDS]).encode()
        digest = hashlib.blake2b(text, digest_size=8).digest()
        hashes.append(int.from_bytes(digest, "big") >> 1)
    if len(hashes) <= WINDOW:
        chosen = set(hashes)
    else:
        chosen = {min(hashes[i : i + WINDOW]) for i in range(len(hashes) - WINDOW + 1)}
    chosen.discard(_NO_PRINT)
    return frozenset(chosen)


# Stopwords often, so that all-stopword shingles and windows of them come up.
WORDS = st.one_of(
    st.sampled_from(sorted(_STOPWORDS)),
    st.sampled_from(["bridge", "council", "budget", "we'll", "naïve", "x"]),
    st.text(min_size=1, max_size=8).filter(lambda w: not w.isspace()),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(WORDS, max_size=40))
def test_fingerprints_equal_the_reference(words: list[str]) -> None:
    normalized = normalize(" ".join(words))
    assert fingerprints(normalized) == reference(normalized)


def test_fingerprints_of_a_known_text_never_change() -> None:
    text = normalize(
        "We will not let the council cut the bridge budget again, and we will say so "
        "at every meeting until the repairs begin."
    )
    assert fingerprints(text) == reference(text)
    assert sorted(fingerprints(text)) == PINNED


PINNED = [  # computed by the reference before the rewrite
    88861228186539137,
    394964794697914201,
    1707146329155405521,
    2242560388704645827,
    3658561756735672219,
    5546631193450593435,
    5619767629660514253,
    5796359978155373606,
    6908101666261043513,
    7452161959104412989,
]
