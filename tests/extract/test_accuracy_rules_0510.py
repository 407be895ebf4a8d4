"""Extractor 0.5.10 (issue 14), on sentences of our own."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from quotes.extract import ExtractedQuote

Extract = Callable[[str], list[ExtractedQuote]]


def _who(quotes: list[ExtractedQuote]) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker.name if q.speaker else None) for q in quotes]


def test_a_full_name_of_the_other_gender_is_not_the_surname_named_before(
    extract: Extract,
) -> None:
    text = (
        'Governor Harlow opened the session. "Our budget is on the ballot," Mr. Harlow said '
        "on Saturday.\n\n"
        "The party plans to send Mr. Harlow and the state treasurer, Michelle Harlow, to every "
        "county. "
        '"We will win," Harlow said.'
    )
    names = {name for _, name in _who(extract(text))}
    assert names == {"Harlow"}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            '"Nobody here expected that," said Air Force 2nd Lt. Dana Whitcombe. '
            '"We were hoping for more."',
            "Dana Whitcombe",
        ),
        ('"The numbers are wrong," said Acme Daily editor Jan Novak.', "Jan Novak"),
    ],
)
def test_an_organisation_before_a_rank_and_a_name_is_where_the_person_serves(
    extract: Extract, text: str, speaker: str
) -> None:
    assert {name for _, name in _who(extract(text))} == {speaker}


def test_a_source_at_a_sentence_end_does_not_become_the_next_name(
    extract: Extract,
) -> None:
    text = (
        "The fund grew fast, according to Bloomberg. And Ann Wiley, its founder, said that "
        "she had expected it."
    )
    assert [name for _, name in _who(extract(text))] == ["Bloomberg", "Ann Wiley"]
