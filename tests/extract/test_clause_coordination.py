"""Where a reported clause ends at a coordinated speech verb (issue 14), on sentences of our
own: a verb under the clause's own modal ("would sit ... and tell him ...") is still part of
what was said; a verb with a tense of its own ("... and warned that ...") is a new report."""

from __future__ import annotations

from collections.abc import Callable

from quotes.extract import ExtractedQuote

Extract = Callable[[str], list[ExtractedQuote]]


def reports(quotes: list[ExtractedQuote]) -> list[tuple[str, str, str | None]]:
    return [(q.type, q.text, q.cue) for q in quotes]


def test_a_verb_under_the_clauses_modal_stays_in_the_clause(extract: Extract) -> None:
    quotes = extract("Lee said he would sit Petrov down and tell him “no more games.”")
    assert reports(quotes) == [
        ("mixed", "he would sit Petrov down and tell him “no more games.", "said")
    ]


def test_a_verb_with_its_own_tense_is_a_report_of_its_own(extract: Extract) -> None:
    quotes = extract("Lee said the plan would fail and warned that costs would rise.")
    assert reports(quotes) == [
        ("indirect", "the plan would fail", "said"),
        ("indirect", "costs would rise", "warned"),
    ]


def test_a_clause_about_others_goes_on_past_but_they(extract: Extract) -> None:
    """ "they" cannot be the one named speaker: the voters of the clause go on."""
    quotes = extract(
        "Kowalski said the voters are seeking a leader to counter threats from abroad, but"
        " they also want change at home."
    )
    assert reports(quotes) == [
        (
            "indirect",
            "the voters are seeking a leader to counter threats from abroad, but they also"
            " want change at home",
            "said",
        )
    ]


def test_a_clause_about_the_speakers_next_act_still_stops(extract: Extract) -> None:
    quotes = extract(
        "Kowalski said the voters are seeking a leader to counter threats from abroad, but"
        " he also wants change at home."
    )
    assert reports(quotes) == [
        ("indirect", "the voters are seeking a leader to counter threats from abroad", "said")
    ]


def test_a_second_clause_without_its_own_that_is_the_writers(extract: Extract) -> None:
    quotes = extract(
        "The Central Fund announced Tuesday that it is lowering its forecast for growth this"
        " year, and the downgrade is casting a shadow on the outlook for other economies."
    )
    assert reports(quotes) == [
        ("indirect", "it is lowering its forecast for growth this year", "announced")
    ]


def test_a_contrast_after_that_stays_the_speakers(extract: Extract) -> None:
    quotes = extract(
        "Kowalski said that idealism is nice in politics, but sometimes realism takes over."
    )
    assert reports(quotes) == [
        ("indirect", "idealism is nice in politics, but sometimes realism takes over", "said")
    ]
