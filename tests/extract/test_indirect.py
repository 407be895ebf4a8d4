"""Reported speech and mixed quotes, on sentences of our own."""

from __future__ import annotations

from collections.abc import Callable

from quotes.extract import ExtractedQuote

Extract = Callable[[str], list[ExtractedQuote]]


def only(quotes: list[ExtractedQuote]) -> ExtractedQuote:
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


def test_bare_complement_clause(extract: Extract) -> None:
    q = only(extract("Maria Lopez said the council wants a new vote next spring."))
    assert q.type == "indirect"
    assert q.text == "the council wants a new vote next spring"
    assert q.speaker is not None and q.speaker.name == "Maria Lopez"
    assert q.cue == "said"


def test_that_is_left_out(extract: Extract) -> None:
    q = only(extract("The mayor, John Harris, said that the bridge would reopen in June."))
    assert q.text == "the bridge would reopen in June"
    assert q.speaker is not None and q.speaker.name == "John Harris"


def test_told_with_listener(extract: Extract) -> None:
    q = only(extract("Anna Berg told reporters that the plant would close by the end of 2025."))
    assert q.text == "the plant would close by the end of 2025"
    assert q.speaker is not None and q.speaker.name == "Anna Berg"


def test_inserted_cue(extract: Extract) -> None:
    text = (
        "Peter Novak runs the port. Better roads could help the harbour grow, he said, "
        "as long as the tolls stay low."
    )
    # the condition after the inserted cue is reported too, as its own segment
    q, rest = extract(text)
    assert q.text == "Better roads could help the harbour grow"
    assert rest.text == "as long as the tolls stay low"
    assert q.speaker is not None and q.speaker.name == "Peter Novak"
    assert q.resolution == "pronoun" and rest.speaker == q.speaker


def test_according_to(extract: Extract) -> None:
    q = only(extract("The deficit will double by 2030, according to the Budget Office."))
    assert q.text == "The deficit will double by 2030"
    assert q.cue == "according to"
    assert q.speaker is not None and "Budget Office" in q.speaker.name


def test_participle_borrows_the_subject(extract: Extract) -> None:
    quotes = extract("Lena Ortiz rejected the plan, saying the costs were far too high.")
    q = only(quotes)
    assert q.text == "the costs were far too high"
    assert q.speaker is not None and q.speaker.name == "Lena Ortiz"


def test_conjoined_cue_gets_its_own_clause(extract: Extract) -> None:
    text = "Omar Said said he would not resign, but insisted that the audit was flawed."
    texts = sorted(q.text for q in extract(text))
    assert texts == ["he would not resign", "the audit was flawed"]


def test_mixed_quote_spans_the_reported_clause(extract: Extract) -> None:
    text = 'Karen Wu said the talks had been "frank and very useful" for both sides.'
    q = only(extract(text))
    assert q.type == "mixed"
    assert q.text == 'the talks had been "frank and very useful" for both sides'


def test_clause_that_is_one_quotation_is_direct(extract: Extract) -> None:
    text = "Karen Wu insisted that “we never refused to meet them.”"
    q = only(extract(text))
    assert q.type == "direct"
    assert q.text == "we never refused to meet them."


def test_non_speech_verb_reports_nothing(extract: Extract) -> None:
    assert extract("Karen Wu thinks that the talks will fail.") == []


def test_negated_cue_reports_nothing(extract: Extract) -> None:
    assert extract("Karen Wu did not say that the talks would fail.") == []


def test_negated_cue_keeps_the_question_left_open(extract: Extract) -> None:
    # a refusal to answer is on the record (0.5.8): what she would not say is the quote
    q = only(extract("Karen Wu did not say whether the talks would fail."))
    assert q.text == "whether the talks would fail"


def test_framing_participle_is_not_a_cue(extract: Extract) -> None:
    text = "Asked about the strike, Karen Wu said the union had not called her."
    q = only(extract(text))
    assert q.text == "the union had not called her"


def test_clause_stops_at_semicolon(extract: Extract) -> None:
    text = "Republicans said the timing was not planned; they learned of it on Friday."
    q = only(extract(text))
    assert q.text == "the timing was not planned"


def test_as_clause_reports_the_main_clause(extract: Extract) -> None:
    text = "As several tax experts have pointed out, the senator is free to publish his returns."
    q = only(extract(text))
    assert q.text == "the senator is free to publish his returns"


def test_infinitive_promise(extract: Extract) -> None:
    q = only(extract("Maria Lopez promised to cut taxes for every family in the state."))
    assert q.text == "to cut taxes for every family in the state"


def test_characterising_verb_with_quoted_object(extract: Extract) -> None:
    q = only(extract('Ted Wilson called the new tax plan "a disaster for families" on Monday.'))
    assert q.type == "mixed"
    assert q.text.startswith('the new tax plan "a disaster')


def test_both_halves_around_an_inserted_cue(extract: Extract) -> None:
    text = "The factory was a success, Mr. Clarke said, until it went bankrupt in 1999."
    texts = sorted(q.text for q in extract(text))
    assert texts == ["The factory was a success", "until it went bankrupt in 1999"]


def test_clause_stops_before_a_participle_cue(extract: Extract) -> None:
    text = (
        "Sen. Dan Cole said the ads did not hurt the party, arguing that turnout was the problem."
    )
    texts = sorted(q.text for q in extract(text))
    assert texts == ["the ads did not hurt the party", "turnout was the problem"]
