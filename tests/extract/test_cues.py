"""The reporting-cue lexicon."""

from __future__ import annotations

import pytest

from quotes.extract.cues import (
    DEFAULT_LEXICON,
    DIRECT_ONLY_VERBS,
    PREPOSITIONAL_CUES,
    REPORTING_VERBS,
    SPEAKING_NOUNS,
    Lexicon,
    is_cue_lemma,
    is_phrasal_cue,
)


@pytest.mark.parametrize(
    "lemma",
    [
        "say",
        "tell",
        "add",
        "note",
        "warn",
        "claim",
        "insist",
        "argue",
        "deny",
        "confirm",
        "explain",
        "tweet",
        "write",
        "stress",
        "announce",
    ],
)
def test_reporting_verbs_report_both_kinds(lemma: str) -> None:
    assert is_cue_lemma(lemma, direct=False)
    assert is_cue_lemma(lemma, direct=True)


@pytest.mark.parametrize("lemma", ["continue", "ensure", "ask", "shout", "blast", "quip"])
def test_direct_only_verbs_attribute_quotations_only(lemma: str) -> None:
    assert is_cue_lemma(lemma, direct=True)
    assert not is_cue_lemma(lemma, direct=False)


@pytest.mark.parametrize("lemma", ["think", "believe", "accuse", "eat", "want"])
def test_non_speech_verbs_are_not_cues(lemma: str) -> None:
    assert not is_cue_lemma(lemma, direct=True)


def test_tiers_are_disjoint() -> None:
    assert not REPORTING_VERBS & DIRECT_ONLY_VERBS


def test_case_insensitive() -> None:
    assert is_cue_lemma("Say", direct=False)


def test_phrasal_and_prepositional_cues() -> None:
    assert is_phrasal_cue("point", "out")
    assert not is_phrasal_cue("point", "at")
    assert ("according", "to") in PREPOSITIONAL_CUES


def test_speaking_nouns() -> None:
    assert {"statement", "document", "report"} <= SPEAKING_NOUNS


def test_a_lexicon_from_config_lists_is_lowercased_and_derives_its_sets() -> None:
    lex = Lexicon.of(reporting=["Say", "reckon"], direct_only=["Shout"], phrasal={"Point": ["OUT"]})
    assert lex.reporting == {"say", "reckon"}
    assert lex.speech == {"say", "reckon", "shout"}
    assert lex.is_cue_lemma("reckon", direct=False)
    assert lex.is_cue_lemma("shout", direct=True) and not lex.is_cue_lemma("shout", direct=False)
    assert lex.is_phrasal_cue("point", "out")


def test_the_default_lexicon_is_the_module_lists() -> None:
    assert DEFAULT_LEXICON.reporting == REPORTING_VERBS
    assert DEFAULT_LEXICON.speech == REPORTING_VERBS | DIRECT_ONLY_VERBS
    assert Lexicon.of() == DEFAULT_LEXICON
