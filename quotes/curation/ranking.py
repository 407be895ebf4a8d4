"""How the pickers order what matches a typed query: one rule for speakers and topics.

A curator types a few letters and presses Enter, trusting that the top line is the thing
they meant. That only holds if a plain, predictable match always beats a clever one, so
matches fall into tiers and a better tier always wins whatever the fuzzy score says:
the whole name (exact), the start of the name (prefix), the start of words of the name
in order (word prefix: "stolt" for "Jens Stoltenberg", "j stolt" too), and only then
letters in order anywhere (fuzzy). "post-Cold War treaty" contains s-t-o-l-t, but it can
never outrank a speaker whose surname starts with "stolt".

Names are compared by `normalize_name` (case, accents and punctuation blind), the same
rule that decides when two spellings are one speaker or topic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import IntEnum
from typing import Any, TypeVar

from quotes.store.names import normalize_name

T = TypeVar("T")


class Tier(IntEnum):
    EXACT = 0
    PREFIX = 1
    WORD_PREFIX = 2
    FUZZY = 3


def fuzzy_score(query: str, candidate: str) -> float:
    """Subsequence match score in [0, 1]: all query letters in order, rewarding word starts."""
    q = normalize_name(query).replace(" ", "")
    c = normalize_name(candidate)
    if not q:
        return 0.0
    score, pos, prev_hit = 0.0, 0, -2
    for ch in q:
        idx = c.find(ch, pos)
        if idx == -1:
            return 0.0
        bonus = 1.0
        if idx == 0 or c[idx - 1] == " ":
            bonus += 1.0
        if idx == prev_hit + 1:
            bonus += 0.5
        score += bonus
        prev_hit, pos = idx, idx + 1
    return score / (2.5 * len(q)) * (0.5 + 0.5 * len(q) / max(len(c.replace(" ", "")), 1))


def _word_prefix(query_words: list[str], name_words: list[str]) -> bool:
    """Each query word starts a word of the name, in order ("j stolt" in "jens stoltenberg")."""
    at = 0
    for qw in query_words:
        while at < len(name_words) and not name_words[at].startswith(qw):
            at += 1
        if at == len(name_words):
            return False
        at += 1
    return True


def match(query: str, name: str) -> tuple[Tier, float] | None:
    """The tier of `name` for `query` and a score within the tier (higher is better),
    or None when it does not match at all."""
    q = normalize_name(query)
    n = normalize_name(name)
    if not q:
        return None
    if n == q:
        return Tier.EXACT, 1.0
    # Within these tiers the caller's order decides (most quotes first): a shorter name is
    # no better a guess.
    if n.startswith(q):
        return Tier.PREFIX, 0.0
    if _word_prefix(q.split(), n.split()):
        return Tier.WORD_PREFIX, 0.0
    score = fuzzy_score(q, n)
    return (Tier.FUZZY, score) if score > 0 else None


def best_match(query: str, names: Iterable[str]) -> tuple[Tier, float] | None:
    """The best match among an item's names (a speaker's name and aliases)."""
    found = [m for m in (match(query, n) for n in names) if m is not None]
    return min(found, key=lambda m: (m[0], -m[1])) if found else None


def rank(
    query: str,
    items: Iterable[T],
    names: Callable[[T], Iterable[str]],
    *,
    then: Callable[[T], tuple[Any, ...]] = lambda _: (),
) -> list[T]:
    """The items matching `query`, best tier first; within a tier by score, then `then`.

    `then` breaks ties the caller's way (most quotes first, this quote's own topics
    first); it never lifts an item above a better tier. Sorting is stable, so equal items
    keep the order they came in.
    """
    scored: list[tuple[Tier, float, T]] = []
    for item in items:
        m = best_match(query, names(item))
        if m is not None:
            scored.append((m[0], m[1], item))
    scored.sort(key=lambda s: (s[0], -s[1], *then(s[2])))
    return [item for _, _, item in scored]


def is_exact(query: str, names: Iterable[str]) -> bool:
    """Whether one of `names` is the query itself: then offering to create it would
    make a near-duplicate ("NATO-Russia" next to "NATO Russia")."""
    q = normalize_name(query)
    return bool(q) and any(normalize_name(n) == q for n in names)
