"""Extractor 0.5.9 (issue 14), on sentences of our own."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Span

from quotes.extract import ExtractedQuote
from quotes.extract.extractor import extract as extract_quotes

Extract = Callable[[str], list[ExtractedQuote]]


def _who(quotes: list[ExtractedQuote]) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker.name if q.speaker else None) for q in quotes]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Google and its partners said that the tool was safe.", "Google and its partners"),
        (
            "The Pentagon and the State Department said that the talks would resume.",
            "Pentagon and the State Department",
        ),
    ],
)
def test_an_organisation_speaks_with_its_conjuncts(
    extract: Extract, text: str, speaker: str
) -> None:
    assert [name for _, name in _who(extract(text))] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "A person familiar with the talks said the deal was close.",
            "person familiar with the talks",
        ),
        (
            "According to a person close to the selection process, the board will meet Monday.",
            "person close to the selection process",
        ),
        ("A source on the call said the vote was delayed.", "source on the call"),
        (
            'A Mexican official who was not authorized to speak publicly on this issue said, "We '
            'will not pay for it."',
            "Mexican official who was not authorized to speak publicly on this issue",
        ),
        (
            "A campaign ad released Thursday says that the mayor raised taxes twice.",
            "campaign ad released Thursday",
        ),
    ],
)
def test_an_unnamed_source_keeps_what_tells_it_apart(
    extract: Extract, text: str, speaker: str
) -> None:
    """The restrictive modifiers after an unnamed source say which source it is."""
    assert [name for _, name in _who(extract(text))] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a comma ends the description: what follows describes it, it does not pick it out
        ("The designer, who works for another brand, said the dress was copied.", "designer"),
        # what the source reports is not part of the source
        ("A spokesman for the campaign said the vote was delayed.", "spokesman for the campaign"),
    ],
)
def test_a_source_description_stops_at_a_comma(extract: Extract, text: str, speaker: str) -> None:
    assert [name for _, name in _who(extract(text))] == [speaker]


def test_the_source_is_the_source_described_earlier(extract: Extract) -> None:
    quotes = extract(
        "The senator will change course, a source close to him said on Monday.\n\n"
        '"He knows the votes are not there," the source said.'
    )
    assert [name for _, name in _who(quotes)] == ["source close to him"] * 2


def test_a_town_tagged_once_as_a_person_does_not_take_his_words(nlp: Language) -> None:
    """NER reads a town as a person in one sentence out of several; the pronoun after it is
    still the man the paragraph is about."""
    text = (
        "Avondale is a small town in the hills. Many families moved to Avondale. "
        "Avondale has a new library.\n\n"
        "Ali Noor came to Avondale from Iraq in 2011. Soon Avondale became his home. "
        '"It is quiet here," he said.'
    )
    doc = nlp(text)
    spans = []
    for k, tok in enumerate(doc):
        if tok.text == "Avondale":
            before = doc[k - 1].text if k else ""
            spans.append(Span(doc, k, k + 1, "PERSON" if before == "Soon" else "GPE"))
        elif tok.text == "Ali":
            spans.append(Span(doc, k, k + 2, "PERSON"))
    doc.ents = spans
    doc.user_data.clear()
    quotes = extract_quotes(doc)
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("It is quiet here,", "Ali Noor")
    ]


def test_a_quotation_hung_on_an_earlier_verb_is_asked_by_who_asks_it(extract: Extract) -> None:
    quotes = extract(
        "If the plan is indeed failing — as many experts believe, and Ankara strongly denies — "
        "“why wouldn’t you want to ask about the potential [for fraud]?” asked Reyes, now a "
        "partner at a consulting firm."
    )
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("why wouldn’t you want to ask about the potential [for fraud]?", "Reyes")
    ]


def test_a_name_labelled_after_a_dash_speaks_the_quotation(extract: Extract) -> None:
    text = "Pollsters agree - Ann Weber: “Keep on contacting voters as late as possible.”"
    assert _who(extract(text)) == [("Keep on contacting voters as late as possible.", "Ann Weber")]
