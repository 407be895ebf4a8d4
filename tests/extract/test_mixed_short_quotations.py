"""A reported clause whose only quoted words are too few to stand as a quote of their own
(issue 14: "a mixed quote cut down to its quoted words"), on sentences of our own.

Such a clause used to be handed to its quotation as a direct quote, which was then dropped as
scare quotes: the whole report was lost. It is now one mixed quote with the clause's speaker.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from quotes.extract import ExtractedQuote

Extract = Callable[[str], list[ExtractedQuote]]


@pytest.mark.parametrize(
    ("sentence", "span", "speaker"),
    [
        ('Kowalski said Harris is "finished now."', 'Harris is "finished now.', "Kowalski"),
        ('Kowalski says he voted "uncommitted."', 'he voted "uncommitted.', "Kowalski"),
        ('Kowalski called Harris a "loser."', 'Harris a "loser.', "Kowalski"),
        (
            "Meanwhile, Sen. Dana Kowalski said Harris is “finished now.” Reyes agreed.",
            "Harris is “finished now.",
            "Dana Kowalski",
        ),
    ],
)
def test_a_clause_with_two_quoted_words_is_one_mixed_quote(
    extract: Extract, sentence: str, span: str, speaker: str
) -> None:
    quotes = extract(sentence)
    assert [(q.type, q.text, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("mixed", span, speaker)
    ]


def test_a_clause_that_is_one_real_quotation_stays_direct(extract: Extract) -> None:
    """Three words or more in the marks, almost nothing outside: the quotation is the quote."""
    quotes = extract('Kowalski said: "We will not give up the seat."')
    assert [(q.type, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("direct", "Kowalski")
    ]


def test_scare_quotes_outside_any_report_are_still_no_quote(extract: Extract) -> None:
    assert extract('The so-called "reform" passed the council on Monday.') == []


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        (
            'The group asked the campaign to "cease and desist" from using its logo.',
            'to "cease and desist" from using its logo',
        ),
        (
            'Kowalski urged voters in Ohio to "send a message" to the banks.',
            'to "send a message" to the banks',
        ),
    ],
)
def test_an_appeal_with_quoted_words_keeps_its_whole_infinitive(
    extract: Extract, sentence: str, span: str
) -> None:
    """'urged X to "..." ...': the appeal is the report, not only its quoted words."""
    quotes = extract(sentence)
    assert [(q.type, q.text) for q in quotes] == [("mixed", span)]


def test_quotations_joined_by_the_writers_words_are_one_mixed_report(extract: Extract) -> None:
    # the first quotation cannot stand alone; "because" is the writer's, joining the two
    text = 'Reyes said she’s "looking forward to it" because "these are the games we play for."'
    [q] = extract(text)
    assert q.type == "mixed"
    assert q.text.startswith("she’s") and q.text.rstrip('."').endswith("play for")
    assert q.speaker is not None and q.speaker.name == "Reyes"
    # two quotations that each stand alone stay two quotes
    text = 'Reyes said "we will win the whole thing" and "nobody can stop us now, nobody."'
    assert len(extract(text)) == 2
