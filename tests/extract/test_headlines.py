"""Reports in a title-case headline (extractor 0.5.8), on headlines of our own: the parser
reads "Says" in "Ruiz Says Tolls Will Fall" as part of a name, so the headline rule works from
word shape instead; it must leave sentence-case lines, conditionals, possessive nouns and
one-line texts alone.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from quotes.extract import ExtractedQuote

Extract = Callable[[str], list[ExtractedQuote]]

BODY = (
    "\n\nGovernor Ana Ruiz spoke to reporters at the state house on Tuesday morning. "
    "The plan goes to a vote next month.\n"
)


def headline_quotes(quotes: list[ExtractedQuote]) -> list[tuple[str, str | None, str | None]]:
    return [
        (q.text, q.speaker.name if q.speaker else None, q.cue)
        for q in quotes
        if "indirect:headline" in q.notes
    ]


@pytest.mark.parametrize(
    ("headline", "words", "cue"),
    [
        ("Ana Ruiz Says Bridge Tolls Will Fall", "Bridge Tolls Will Fall", "Says"),
        ("Ruiz Just Announced A New Toll Plan – Drivers Stunned", "A New Toll Plan", "Announced"),
        ("Ana Ruiz Tells Commuters They Will Pay Less", "They Will Pay Less", "Tells"),
        ("Ana Ruiz Promises Lower Tolls As Rivals Attack Her Record", "Lower Tolls", "Promises"),
        ("Bridge Tolls Will Fall Soon, Ana Ruiz Says.", "Bridge Tolls Will Fall Soon", "Says"),
        ("Bridge Tolls Will Fall, Ana Ruiz Tells Commuters.", "Bridge Tolls Will Fall", "Tells"),
    ],
)
def test_a_title_case_headline_reports_its_words(
    extract: Extract, headline: str, words: str, cue: str
) -> None:
    quotes = extract(headline + BODY)
    found = [(q.text, q.speaker.name if q.speaker else None, q.cue) for q in quotes]
    found = [f for f in found if f[0] in headline]
    assert len(found) == 1, found
    text, speaker, got_cue = found[0]
    assert text.rstrip(",.") == words
    assert speaker is not None and "Ruiz" in speaker
    assert got_cue == cue


def test_a_plural_source_takes_the_plain_verb(extract: Extract) -> None:
    found = headline_quotes(extract("Leaked Memos Reveal Plan To Close Three Schools" + BODY))
    assert found == [("Plan To Close Three Schools", "Leaked Memos", "Reveal")]


@pytest.mark.parametrize(
    "headline",
    [
        "If Ana Ruiz Says It, Commuters Will Believe It",  # a condition reports nothing
        "Ana Ruiz’s Claims About Bridge Tolls Are Wrong",  # a noun phrase, not a verb
        "Don’t Let Rivals Tell You Bridge Tolls Will Rise",  # an infinitive after "let"
        "After Ruiz Heard What Her Rival Said, She Raised Tolls",  # nothing after the verb
        "Ana Ruiz says bridge tolls will fall next year",  # sentence case: the parse's job
    ],
)
def test_other_headlines_report_nothing_by_shape(extract: Extract, headline: str) -> None:
    assert headline_quotes(extract(headline + BODY)) == []


def test_a_text_of_one_line_is_not_a_headline(extract: Extract) -> None:
    assert headline_quotes(extract("Ana Ruiz Says Bridge Tolls Will Fall Next Year")) == []


def test_only_the_first_line_is_a_headline(extract: Extract) -> None:
    text = "Tolls And Bridges\n\nAna Ruiz Says Bridge Tolls Will Fall Next Year\n" + BODY
    assert headline_quotes(extract(text)) == []


def test_the_parse_wins_where_it_found_the_report(extract: Extract) -> None:
    text = 'Ana Ruiz Says "Tolls Will Fall For Every Driver In The State This Year"' + BODY
    quotes = extract(text)
    assert headline_quotes(quotes) == []
    assert any("Tolls Will Fall" in q.text for q in quotes)
