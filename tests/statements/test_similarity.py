"""The pure rules of when two quotes are one statement."""

from __future__ import annotations

import pytest

from quotes.statements.similarity import (
    GUARANTEED_RUN,
    Copy,
    fingerprints,
    normalize,
    same_statement,
    text_key,
)

LONG = "We stand ready to defend every inch of allied territory, and we will do so together."


def direct(text: str) -> Copy:
    return Copy(normalize(text), indirect=False)


def indirect(text: str) -> Copy:
    return Copy(normalize(text), indirect=True)


def test_normalize_folds_marks_case_punctuation_spacing_and_accents() -> None:
    assert (
        normalize("“We   stand READY,” — don’t\tpanic…  Café") == "we stand ready dont panic cafe"
    )
    assert normalize('"We stand ready," don\'t panic. Cafe') == "we stand ready dont panic cafe"
    assert text_key(normalize("We stand ready.")) == text_key(normalize("«we STAND ready»"))


@pytest.mark.parametrize(
    "copy",
    [
        "“We stand ready to defend every inch of allied territory — and we will do so together”",
        "we stand ready to defend every inch of allied territory and we will do so together",
    ],
)
def test_repunctuated_copies_are_identical(copy: str) -> None:
    verdict = same_statement(direct(LONG), direct(copy))
    assert verdict is not None and verdict.match == "identical"


def test_a_trimmed_part_is_the_same_statement() -> None:
    verdict = same_statement(direct(LONG), direct("to defend every inch of allied territory"))
    assert verdict is not None and verdict.match == "trimmed"


def test_a_word_or_two_apart_is_near() -> None:
    other = "We stand ready to protect every inch of allied territory, and we shall do so together."
    verdict = same_statement(direct(LONG), direct(other))
    assert verdict is not None and verdict.match == "near"


def test_different_statements_sharing_words_are_not_grouped() -> None:
    other = "We are not ready to give up every inch of our own territory to anybody, ever."
    assert same_statement(direct(LONG), direct(other)) is None


def test_short_quotes_group_only_when_identical() -> None:
    assert same_statement(direct("We stand ready now."), direct("“we stand ready now”")) is not None
    assert same_statement(direct("We stand ready now"), direct("We stand ready today")) is None
    # Contained, but five words: everyone says that.
    assert same_statement(direct("defend every inch of territory"), direct(LONG)) is None


def test_under_four_words_never_group() -> None:
    assert same_statement(direct("No,"), direct("no")) is None
    assert same_statement(direct("Thank you"), direct("thank you")) is None
    assert same_statement(direct("the same thing"), direct("The same thing.")) is None


def test_short_reported_speech_never_groups_even_identical() -> None:
    topic = "the Affordable Care Act"
    assert same_statement(indirect(topic), indirect(topic)) is None
    assert same_statement(indirect(topic), direct(topic)) is None


def test_indirect_quotes_never_group_by_a_shared_part() -> None:
    reported = "the alliance would defend every inch of allied territory"
    assert same_statement(direct(LONG), indirect(reported)) is None
    assert (
        same_statement(indirect(LONG), indirect("to defend every inch of allied territory")) is None
    )


def test_indirect_quotes_group_when_word_for_word_the_same() -> None:
    a = "the alliance would defend every inch of allied territory if attacked"
    assert same_statement(indirect(a), indirect(a.upper() + ".")) is not None


def test_a_shared_run_always_shares_a_fingerprint() -> None:
    words = normalize(LONG).split()
    for start in range(len(words) - GUARANTEED_RUN + 1):
        part = " ".join(words[start : start + GUARANTEED_RUN + 1])
        assert fingerprints(part) & fingerprints(normalize(LONG)), part


def test_stopword_shingles_are_not_fingerprinted() -> None:
    assert fingerprints("we will not be in it for the") == frozenset()
    assert fingerprints("short one") == frozenset()
