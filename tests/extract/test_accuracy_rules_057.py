"""Extractor 0.5.7 (issue 14), on sentences of our own: a quoted title or scare quote is the
writer's, never words said, even with a speech verb after it; a verb that runs straight on
into its own complement reports that, not a clause before it; "spoke about" and "stressed"
name what was said; the one member named in a group speaks; "pressed" and "answered" attribute
a quotation.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from quotes.extract import ExtractedQuote

Extract = Callable[[str], list[ExtractedQuote]]


def found(quotes: list[ExtractedQuote]) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker.name if q.speaker else None) for q in quotes]


@pytest.mark.parametrize(
    "sentence",
    [
        'Before the vote, Dana Reyes told WXQR\'s "Evening Desk" that nobody would question '
        "her record.",
        "On Monday’s edition of “The Early Bird Hour,” the senator said she wanted to speak "
        "plainly to voters.",
    ],
)
def test_words_before_a_quoted_title_are_no_quote(extract: Extract, sentence: str) -> None:
    texts = [q.text for q in extract(sentence)]
    assert not any(t.startswith(("Before", "On Monday")) for t in texts), texts
    assert len(texts) == 1


def test_a_title_before_a_verb_with_its_own_complement_is_not_its_report(
    extract: Extract,
) -> None:
    sentence = (
        "In her 2011 book, ''Grow Your Savings Slowly,'' Ms. Okafor suggested checking "
        "every bill twice."
    )
    assert found(extract(sentence)) == [("checking every bill twice", "Okafor")]


def test_a_fronted_report_still_counts_when_the_verb_stops(extract: Extract) -> None:
    quotes = extract("The plan will fail within a year, Ms. Okafor suggested.")
    assert found(quotes) == [("The plan will fail within a year", "Okafor")]


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        (
            "At the rally, Dana Reyes spoke about the cost of housing in coastal towns.",
            "the cost of housing in coastal towns",
        ),
        (
            "At the rally, Dana Reyes stressed the cost of housing in coastal towns.",
            "the cost of housing in coastal towns",
        ),
        (
            "At the rally, Dana Reyes promised a full audit of the port authority.",
            "a full audit of the port authority",
        ),
    ],
)
def test_what_a_speaker_spoke_about_or_stressed_is_reported(
    extract: Extract, sentence: str, span: str
) -> None:
    assert found(extract(sentence)) == [(span, "Dana Reyes")]


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        ("Several candidates, including Jan Novak, said the plan should be dropped.", "Jan Novak"),
        ("Experts such as Paul Reyes say the data are far too weak.", "Paul Reyes"),
        (
            "Some defenders of the treaty, like Anna Berg, a fellow at the Lowell Institute, "
            "also acknowledge that the rules failed.",
            "Anna Berg",
        ),
        (
            "Several newspapers, including the Daily Ledger, reported that the mayor quit.",
            "Daily Ledger",
        ),
    ],
)
def test_the_one_member_named_in_a_group_is_the_speaker(
    extract: Extract, sentence: str, who: str
) -> None:
    assert [speaker for _, speaker in found(extract(sentence))] == [who]


def test_a_group_with_two_members_named_stays_the_group(extract: Extract) -> None:
    quotes = extract("Other candidates, including Carla Diaz and Ben Ortiz, said the tax must go.")
    assert [speaker for _, speaker in found(quotes)] == ["Other candidates"]


def test_scare_quotes_do_not_pull_the_words_before_them_into_a_quote(extract: Extract) -> None:
    sentence = (
        'During the race, Ana Ruiz, a close aide, coined the term "paper tigers" in describing '
        "the rival campaign."
    )
    assert found(extract(sentence)) == []


def test_pressed_and_answered_attribute_the_quotation_before_them(extract: Extract) -> None:
    text = (
        'Dana Reyes spoke to Ben Ortiz on the radio.\n\n"Would you sign the bill tomorrow?" '
        'Reyes pressed. "Only if the council passes it first," Ortiz answered.'
    )
    assert [speaker for _, speaker in found(extract(text))] == ["Dana Reyes", "Ben Ortiz"]


def test_as_she_spoke_of_reports_what_she_spoke_of(extract: Extract) -> None:
    text = "Ana Ruiz wept openly on stage as she spoke of her faith in the voters."
    assert found(extract(text)) == [("her faith in the voters", "Ana Ruiz")]


def test_as_experts_pointed_out_still_reports_the_main_clause(extract: Extract) -> None:
    text = "As many experts have pointed out, the mayor is free to publish the records."
    assert found(extract(text)) == [("the mayor is free to publish the records", "many experts")]


def test_what_a_passive_subject_was_promised_is_not_reported(extract: Extract) -> None:
    text = "The port authority was promised $90 million in state grants by the governor."
    assert found(extract(text)) == []


def test_whom_a_role_criticises_is_not_who_the_role_is(extract: Extract) -> None:
    text = (
        "Dana Reyes debated the governor on Monday. Reyes said the race was close.\n\n"
        'The former governor mocked Reyes for calling herself "the fresh face of the party."'
    )
    # nobody named is a former governor: the role stays as written, never Reyes
    assert [speaker for _, speaker in found(extract(text))] == ["Dana Reyes", "former governor"]


def test_a_pronoun_before_a_report_is_not_the_name_the_report_opens_with(
    extract: Extract,
) -> None:
    text = (
        "Ben Ortiz met Carl Dunn on Friday. Dunn said the talks went well.\n\n"
        "He said that Dunn would have to give up the seat by March."
    )
    assert [speaker for _, speaker in found(extract(text))] == ["Carl Dunn", "Ben Ortiz"]


def test_an_accusation_in_quoted_words_is_reported(extract: Extract) -> None:
    text = 'Dana Reyes accused Ben Ortiz of running "a campaign of fear and smears" all year.'
    assert found(extract(text)) == [
        ('Ben Ortiz of running "a campaign of fear and smears" all year', "Dana Reyes")
    ]


def test_an_accusation_without_quoted_words_is_not(extract: Extract) -> None:
    assert found(extract("Dana Reyes accused Ben Ortiz of running a campaign of fear.")) == []


def test_an_attack_in_an_earlier_sentence_attributes_no_quotation(extract: Extract) -> None:
    text = (
        '"We all misspeak sometimes," Dana Reyes said in Denver, referring to a radio debate '
        'where she declined to criticize Ann Cole. "I would answer differently today."'
    )
    assert [speaker for _, speaker in found(extract(text))] == ["Dana Reyes", "Dana Reyes"]


def test_the_name_against_the_verb_speaks_not_the_name_before_it(extract: Extract) -> None:
    text = (
        "The exhibit covers the famous trials, from the Ada Lovelace papers to Smith v. Jones. "
        "To know the real Ada Lovelace, Professor Ann Cole said, one should read her letters."
    )
    assert [speaker for _, speaker in found(extract(text))] == ["Ann Cole"]


@pytest.mark.parametrize("noun", ["operative", "incumbent", "confidant", "advocate", "hopeful"])
def test_more_people_nouns_can_speak(extract: Extract, noun: str) -> None:
    quotes = extract(f"One {noun} tried to play down the remarks, saying they were a small matter.")
    assert [speaker for _, speaker in found(quotes)] == [f"One {noun}"]
