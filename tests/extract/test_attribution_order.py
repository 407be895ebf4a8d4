"""Attributions whose word order the parse gets wrong (issue 14), on sentences of our own:
a full stop before the speech verb's sentence ('"...." Kovacs said.'), and a speech verb
after a quotation that the parse takes for a modifier of the name ('tweeted Rubio spokesman
Alex Conant')."""

from __future__ import annotations

from collections.abc import Callable

from quotes.extract import ExtractedQuote

Extract = Callable[[str], list[ExtractedQuote]]


def speakers(quotes: list[ExtractedQuote]) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker.name if q.speaker else None) for q in quotes]


def test_a_bare_speech_sentence_after_a_full_stop_attributes_the_quotation(
    extract: Extract,
) -> None:
    for tail in ("Kovacs said.", "Kovacs said on Monday."):
        quotes = extract(f"“The ferry will run again in spring.” {tail}")
        assert speakers(quotes) == [("The ferry will run again in spring.", "Kovacs")], tail


def test_a_speech_sentence_with_words_of_its_own_does_not(extract: Extract) -> None:
    reported = extract("“The ferry will run again.” Kovacs said on Monday that fares would rise.")
    ferry = [q for q in reported if "ferry" in q.text]
    assert [q.speaker for q in ferry] == [None]
    assert any("fares would rise" in q.text for q in reported)
    said_nothing = extract("“The ferry will run again.” Kovacs said nothing more about it.")
    assert [q.speaker for q in said_nothing if "ferry" in q.text] == [None]


def test_an_unrelated_sentence_after_a_quotation_is_no_attribution(extract: Extract) -> None:
    quotes = extract("“We will win the cup.” The crowd cheered.")
    assert [q.speaker for q in quotes] == [None]


def test_a_speech_verb_parsed_as_the_names_modifier_still_attributes(extract: Extract) -> None:
    quotes = extract('"Debate recap," tweeted Rubio spokesman Alex Conant. "He won the night."')
    assert speakers(quotes) == [
        ("Debate recap,", "Alex Conant"),
        ("He won the night.", "Alex Conant"),
    ]


def test_a_participle_modifying_a_noun_is_still_no_cue(extract: Extract) -> None:
    assert extract('A "good" reported increase was seen in the figures.') == []
