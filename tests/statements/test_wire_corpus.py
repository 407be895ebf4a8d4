"""The acceptance figures of issue 17 on the generated wire corpus (bench/wire_corpus.py):
pairwise precision >= 0.98 and recall >= 0.95, and every swapped attribution flagged."""

from __future__ import annotations

import pytest

from bench.wire_corpus import generate, pairwise, store_and_score
from quotes.store.database import Database


def test_pairwise_scores_count_pairs() -> None:
    assert pairwise(["a", "a", "b"], [1, 1, 2]) == (1.0, 1.0)
    assert pairwise(["a", "a", "b"], [1, 1, 1]) == (1 / 3, 1.0)
    assert pairwise(["a", "a", "b"], [1, 2, 3]) == (1.0, 0.0)


def test_the_corpus_has_what_it_must_test() -> None:
    articles = generate()
    quotes = [q for a in articles for q in a.quotes]
    assert all(a.text[q.start : q.end] == q.text for a in articles for q in a.quotes)
    assert sum(q.swapped for q in quotes) >= 10
    assert sum(q.type == "indirect" for q in quotes) >= 20
    assert sum(q.group.startswith("d") and q.type == "direct" for q in quotes) >= 10
    shared = {q.group for q in quotes if q.group.startswith("s")}
    assert len(shared) >= 30


@pytest.mark.parametrize("seed", [17, 18])
def test_grouping_meets_the_bar_on_the_wire_corpus(database: Database, seed: int) -> None:
    scored = store_and_score(database, generate(seed=seed))
    assert scored.precision >= 0.98, scored
    assert scored.recall >= 0.95, scored
    assert scored.swapped > 0 and scored.swapped_flagged == scored.swapped, scored
    assert scored.false_conflicts == 0, scored
