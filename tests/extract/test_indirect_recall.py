"""Reported speech the extractor used to miss or misjudge, on sentences of our own: reports
nested in reports, noun-phrase reports, "according to" set inside a sentence, a report the
parser hung on the wrong word, and quoted fragments of narration that nobody says."""

from __future__ import annotations

from collections.abc import Callable

from quotes.extract import ExtractedQuote
from quotes.extract.boilerplate import is_title

Extract = Callable[[str], list[ExtractedQuote]]


def texts(quotes: list[ExtractedQuote]) -> list[str]:
    return [q.text for q in quotes]


def speaker(q: ExtractedQuote) -> str | None:
    return q.speaker.name if q.speaker is not None else None


def test_direct_only_verb_inside_a_report_does_not_swallow_it(extract: Extract) -> None:
    # "ensure" attributes quotations only; it must not count as a report wrapped in "said"
    quotes = extract("Karen Holt said she would ensure that every school gets a new library.")
    assert texts(quotes) == ["she would ensure that every school gets a new library"]
    assert speaker(quotes[0]) == "Karen Holt"


REPORT_OF_A_REPORT = "Its author, Paul Dunn, said the agency claimed the numbers were final."


def test_report_of_a_report_is_the_outer_speakers(extract: Extract) -> None:
    by_text = {q.text: speaker(q) for q in extract(REPORT_OF_A_REPORT)}
    assert by_text == {"the agency claimed the numbers were final": "Paul Dunn"}


def test_report_of_a_report_keeps_both_when_asked(extract_nested: Extract) -> None:
    by_text = {q.text: speaker(q) for q in extract_nested(REPORT_OF_A_REPORT)}
    assert by_text == {
        "the agency claimed the numbers were final": "Paul Dunn",
        "the numbers were final": "agency",
    }


def test_trailing_cue_restating_the_source_adds_no_second_report(extract: Extract) -> None:
    quotes = extract(
        "The agency confirmed it had received the letter, the council said in a statement."
    )
    assert texts(quotes) == ["it had received the letter"]


def test_noun_phrase_reports(extract: Extract) -> None:
    predicted = extract("Maria Lopez predicted a narrow win for the governing coalition.")
    assert texts(predicted) == ["a narrow win for the governing coalition"]
    same = extract("Most surveyed farmers said the same of the new subsidy rules.")
    assert texts(same) == ["the same of the new subsidy rules"]


def test_name_after_said_is_its_speaker_not_its_report(extract: Extract) -> None:
    quotes = extract('"The tolls stay," said Anna Berg, a spokeswoman for the port.')
    assert texts(quotes) == ["The tolls stay,"]
    assert speaker(quotes[0]) == "Anna Berg"


def test_according_to_inside_a_sentence_reports_both_sides(extract: Extract) -> None:
    quotes = extract(
        "The old mill closed in the spring, according to the local paper, "
        "and the workers moved to the coast."
    )
    assert texts(quotes) == ["The old mill closed in the spring", "the workers moved to the coast"]
    assert all(q.cue == "according to" for q in quotes)


def test_according_to_with_a_short_side_reports_the_long_one(extract: Extract) -> None:
    quotes = extract(
        "Most residents, according to the survey, still support the new tram line through "
        "the center."
    )
    assert texts(quotes) == ["still support the new tram line through the center"]


def test_report_before_an_inserted_cue_the_parser_misplaced(extract: Extract) -> None:
    # the unterminated quotation runs the parse of the next line into it; the words before
    # "..., the governor said" are still the governor's, and so is the rest of the sentence
    quotes = extract(
        '"We know it works"\nThe program is a success, the governor said, and it will grow '
        "next year."
    )
    reported = [q for q in quotes if q.type == "indirect"]
    assert texts(reported) == ["The program is a success", "it will grow next year"]
    assert all(q.cue == "said" for q in reported)


def test_framing_adjunct_before_a_cue_is_not_reported(extract: Extract) -> None:
    quotes = extract("Asked about the delay, the minister said the work would finish in May.")
    assert texts(quotes) == ["the work would finish in May"]


def test_quoted_fragment_of_narration_has_no_speaker(extract: Extract) -> None:
    text = (
        'Peter Novak walked through a town of "quiet streets, full cafes and very friendly '
        'neighbours" on Sunday.'
    )
    assert extract(text) == []


def test_quoted_fragment_governed_by_a_speech_verb_stays(extract: Extract) -> None:
    quotes = extract(
        'Peter Novak called it "a town of quiet streets and very friendly neighbours" on Sunday.'
    )
    assert texts(quotes) == ["a town of quiet streets and very friendly neighbours"]
    assert speaker(quotes[0]) == "Peter Novak"


def test_whole_sentences_in_marks_are_never_a_fragment(extract: Extract) -> None:
    quotes = extract('The note read like a diary "We left at dawn. Nobody spoke." and ended.')
    assert "We left at dawn. Nobody spoke." in texts(quotes)


def test_programme_title_with_the_sentence_period_is_not_a_quote(extract: Extract) -> None:
    quotes = extract('"We will rebuild the harbor," Dana Ortiz said on NBC\'s "Meet the Press."')
    assert texts(quotes) == ["We will rebuild the harbor,"]


def test_title_punctuation() -> None:
    assert is_title("Meet the Press.")
    assert is_title("We Will Win,")
    assert not is_title("Wonderful.")  # one word with a period: an exclamation
    assert not is_title("the plan is good.")
    assert not is_title("Who Is Next?")
