"""Extractor 0.5.8 (issue 14), on sentences of our own."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from quotes.extract import ExtractedQuote

Extract = Callable[[str], list[ExtractedQuote]]


@pytest.mark.parametrize(
    "text",
    [
        "Ana Lee won the vote. That said, a loss in Ohio would hurt her badly.",
        "Ana Lee won the vote. Having said that, the senator expects a close race.",
        "Ana Lee won the vote. That being said, nobody expects a recount in Ohio.",
        "Ana Lee won the vote. Needless to say, a loss in Ohio would hurt her badly.",
    ],
)
def test_a_connective_phrase_reports_nothing(extract: Extract, text: str) -> None:
    assert extract(text) == []


def test_a_relative_that_said_still_attributes(extract: Extract) -> None:
    quotes = extract('The crowd held up a sign that said, "Welcome home to the senator."')
    assert [q.text for q in quotes] == ["Welcome home to the senator."]


def test_what_the_object_was_called_stays_in_the_report(extract: Extract) -> None:
    quotes = extract(
        "Senator Ana Lee spoke on Monday.\n\n"
        "Lee pointed to the council as the main obstacle to a new bridge."
    )
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("the council as the main obstacle to a new bridge", "Ana Lee")
    ]


@pytest.mark.parametrize("party", ["Democratic", "Republican"])
def test_a_role_of_one_party_is_never_a_person_titled_with_another(
    extract: Extract, party: str
) -> None:
    other = "Republican" if party == "Democratic" else "Democratic"
    quotes = extract(
        "Ana Lee said taxes would rise on Tuesday. "
        f"{other} presidential nominee Tom Reed spoke in Ohio on Monday. "
        "Reed said the economy was weak.\n\n"
        f"The {party} presidential nominee says she will raise the minimum wage."
    )
    last = quotes[-1]
    assert last.text == "she will raise the minimum wage"
    assert last.speaker is not None and last.speaker.name != "Tom Reed"


def test_a_role_is_not_someone_only_described_by_another_noun(extract: Extract) -> None:
    quotes = extract(
        "Tom Reed opened a shop in Iowa on Monday.\n\n"
        "“Should there be a register of every shop here?” a reporter asked Reed after the "
        "opening.\n\n"
        "“There should be a lot of registers, beyond shops,” the businessman replied."
    )
    last = quotes[-1]
    assert last.text.startswith("There should be a lot of registers")
    assert last.speaker is not None and last.speaker.name != "reporter"


def test_this_reporter_is_the_writer(extract: Extract) -> None:
    quotes = extract(
        "Ana Lee spoke on Monday and said the tribe was hers.\n\n"
        "As this reporter revealed, Tom Reed is not even a member of the tribe he leads."
    )
    assert quotes[-1].speaker is not None
    assert quotes[-1].speaker.name == "this reporter"


def test_a_refusal_to_answer_keeps_the_open_question(extract: Extract) -> None:
    quotes = extract(
        "Senator Ana Lee spoke on Monday.\n\n"
        "Still, Lee would not say whether she would prefer a recount in Ohio.\n\n"
        "Lee did not say the vote in the county was rigged."
    )
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("whether she would prefer a recount in Ohio", "Ana Lee")
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "However, as the Daily Ledger has reported, the mayor's office ignored three "
            "warnings about the bridge.",
            "the mayor's office ignored three warnings about the bridge",
        ),
        (
            "Just a few weeks ago, as the Daily Ledger reported, the council was discussing a "
            "new toll on the bridge.",
            "the council was discussing a new toll on the bridge",
        ),
        (
            "The mayor is free to run again as an independent, as many experts have pointed out.",
            "The mayor is free to run again as an independent",
        ),
    ],
)
def test_an_as_clause_reports_the_main_clause_on_its_side(
    extract: Extract, text: str, words: str
) -> None:
    assert [q.text for q in extract(text)] == [words]


def test_a_cue_set_off_before_the_main_clause_reports_it(extract: Extract) -> None:
    quotes = extract(
        "But with each passing week, these supporters acknowledge, it becomes harder to make "
        "the case that the mayor can win."
    )
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("it becomes harder to make the case that the mayor can win", "these supporters")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Ana Lee said,“Look, the bridge tolls have no place in a modern city.”",
        'Ana Lee said,"Look, the bridge tolls have no place in a modern city."',
        'Ana Lee told the council:"Look, the bridge tolls have no place in a modern city."',
    ],
)
def test_a_quotation_mark_glued_to_the_comma_still_opens_a_quote(
    extract: Extract, text: str
) -> None:
    quotes = extract(text)
    assert len(quotes) == 1
    assert quotes[0].text.rstrip(".") == "Look, the bridge tolls have no place in a modern city"
    assert quotes[0].speaker is not None and quotes[0].speaker.name.endswith("Lee")


def test_glued_marks_leave_apostrophes_alone(nlp: Language) -> None:
    words = [t.text for t in nlp.make_doc("Trump’s plan didn’t pass, Lee's aide said.")]
    assert " ".join(words) == "Trump ’s plan did n’t pass , Lee 's aide said ."


@pytest.mark.parametrize(
    "text",
    [
        'When asked why, Tom Reed responded in a text message: "The bridge will open in May."',
        'Asked about the delay, Tom Reed wrote in a text message: "The bridge will open in May."',
    ],
)
def test_a_passive_question_reports_nothing_and_the_answer_is_the_quote(
    extract: Extract, text: str
) -> None:
    quotes = extract(text)
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("The bridge will open in May.", "Tom Reed")
    ]


def test_a_question_put_by_someone_named_stays_theirs(extract: Extract) -> None:
    quotes = extract(
        "Ana Lee was asked by the moderator, Tom Reed, whether her plan would mean "
        '"higher tolls on every bridge in the state."'
    )
    assert [q.text for q in quotes] == [
        'whether her plan would mean "higher tolls on every bridge in the state.'
    ]


def test_a_reported_clause_after_an_inserted_phrase_is_still_reported(extract: Extract) -> None:
    quotes = extract(
        "Reed said after the vote he would not accept the mayor's endorsement if it were offered."
    )
    assert [q.text for q in quotes] == [
        "he would not accept the mayor's endorsement if it were offered"
    ]


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "The mayor disputed Ana Lee's claim that the bridge tolls had doubled since March.",
            "the bridge tolls had doubled since March",
            "Ana Lee",
        ),
        (
            "The mayor seized on a Daily Ledger report that the council had lost $9 million.",
            "the council had lost $9 million",
            "Daily Ledger",
        ),
    ],
)
def test_a_statement_noun_speaks_for_its_owner(
    extract: Extract, text: str, words: str, speaker: str
) -> None:
    found = [(q.text, q.speaker.name if q.speaker else None) for q in extract(text)]
    assert (words, speaker) in found


def test_a_hope_is_no_statement_of_its_owner(extract: Extract) -> None:
    assert extract("Ana Lee's hope that the bridge would open soon was dashed in May.") == []


def test_a_repeated_cue_hung_in_the_first_report_keeps_its_speaker(extract: Extract) -> None:
    quotes = extract(
        "De Blasio said the move was made by NYPD commissioner Bill Bratton and said, "
        "“Who are you going to trust on security and keeping the city safe?”"
    )
    assert quotes[-1].text.startswith("Who are you going to trust")
    assert quotes[-1].speaker is not None and quotes[-1].speaker.name == "De Blasio"


def test_a_statement_announced_before_a_paragraph_break_is_its_speakers(
    extract: Extract,
) -> None:
    quotes = extract(
        "In response to the loss of life, Governor Ana Lee issued the following statement:\n\n"
        "“Our prayers are with all those affected by the horrible shooting in the city this "
        "morning.”\n"
    )
    assert [(q.text[:11], q.speaker.name if q.speaker else None) for q in quotes] == [
        ("Our prayers", "Ana Lee")
    ]


def test_whom_a_verb_characterises_is_not_its_inverted_speaker(extract: Extract) -> None:
    quotes = extract(
        "Mayor Tom Reed spoke on Monday. Reed, speaking on WXQR, called Lee a “blowhard,” and "
        "said her remarks were priceless “propaganda” for her rivals."
    )
    speakers = {q.text: q.speaker.name if q.speaker else None for q in quotes}
    assert all(name is None or "Lee" not in name for name in speakers.values()), speakers


def test_a_name_after_a_verb_inside_a_sentence_is_its_object_not_an_inverted_speaker(
    extract: Extract,
) -> None:
    quotes = extract(
        'Ana Lee used the question to demand wealthy Americans "pay their fair share into '
        'the system."'
    )
    assert quotes[-1].speaker is not None and quotes[-1].speaker.name.endswith("Lee")


def test_the_quotation_closed_before_the_cue_is_its_report(extract: Extract) -> None:
    quotes = extract(
        "Senator Ana Lee grilled the bank chief Tom Reed on Tuesday.\n\n"
        "“You should resign. You should give back the money you took while this scam was "
        "going on and you should be criminally investigated,” Lee told Reed, after he "
        "admitted under Lee’s grilling he had not yet been held accountable.\n"
    )
    first = next(q for q in quotes if q.text.startswith("You should resign"))
    assert first.speaker is not None and first.speaker.name.endswith("Lee")


def test_whom_a_verb_forces_to_speak_is_the_speaker(extract: Extract) -> None:
    quotes = extract(
        "Senator Ana Lee grilled the bank chief Tom Reed on Tuesday. The senator also forced "
        "Reed to admit that no senior executives had been held accountable."
    )
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("no senior executives had been held accountable", "Tom Reed")
    ]


def test_what_parties_agreed_to_do_is_reported(extract: Extract) -> None:
    quotes = extract(
        "After two hours of talks, the two mayors agreed to task their staff with drafting a "
        "new toll plan."
    )
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("to task their staff with drafting a new toll plan", "two mayors")
    ]


def test_someone_introduced_as_a_worker_named_x_is_whom_he_continues(extract: Extract) -> None:
    quotes = extract(
        "Robert McDonough runs the plant in Indianapolis. He said the mood was grim.\n\n"
        "In the suburb of Santa Catarina, a worker named Antonio Arroyo has nothing but "
        "positive things to say about his job.\n\n"
        '"The atmosphere is relaxed, a healthy environment," he said.\n'
    )
    assert quotes[-1].speaker is not None and quotes[-1].speaker.name == "Antonio Arroyo"


def test_who_wrote_in_a_text_speaks_its_participle(extract: Extract) -> None:
    quotes = extract(
        "The Daily Ledger shot back in an article stating that the council had lost $9 million."
    )
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("the council had lost $9 million", "Daily Ledger")
    ]
