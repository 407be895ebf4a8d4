"""Who speaks when a name sits at the end of a long title, and when a role is held for someone
else (issue 14), on sentences of our own.

- A title written as one capitalised chain before the name ("Harbor County Clerk of Courts
  Maria Delgado said") is parsed with the first title word as the head and the name as a
  prepositional object or an appositive; the name is the speaker, not "Harbor County Clerk".
- A role held for someone named with it ("the wife of John Smith", "Gore's spokeswoman") is
  someone else: never that owner, never a person of the other sex named later, and, with no
  earlier holder of the title, kept as written rather than guessed.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from quotes.extract import ExtractedQuote

Extract = Callable[[str], list[ExtractedQuote]]
SpeakerOf = Callable[[str, str], str | None]


@pytest.mark.parametrize(
    ("sentence", "speaker", "title_words"),
    [
        (
            "Harbor County Clerk of Courts Maria Delgado said the ballots would be counted"
            " by Friday.",
            "Maria Delgado",
            "Clerk of Courts",
        ),
        (
            "The Center for Civic Renewal Executive Director Paul Ostrowski says the proposal"
            " has gone too far.",
            "Paul Ostrowski",
            "Executive Director",
        ),
        (
            "Lakeside County Supervisor of Elections Linda Marsh said independent voters cannot"
            " vote in the primary.",
            "Linda Marsh",
            "Supervisor of Elections",
        ),
        (
            "The Council on Foreign-Trade Relations Executive Director Sam Idris says in a"
            " statement that the tariffs hurt farmers.",
            "Sam Idris",
            "Executive Director",
        ),
    ],
)
def test_the_name_that_closes_a_capitalised_title_speaks(
    extract: Extract, sentence: str, speaker: str, title_words: str
) -> None:
    quotes = extract(sentence)
    assert [q.speaker.name if q.speaker else None for q in quotes] == [speaker]
    assert quotes[0].speaker is not None
    assert title_words in (quotes[0].speaker.title or "")


@pytest.mark.parametrize(
    ("sentence", "words", "speaker"),
    [
        # where someone is from, coordinated: not a title before a name
        ("Lee of Ohio and Diaz of Texas said the bill was dead.", "bill was dead", None),
        # a lower-case role in the chain is someone of its own
        ("The wife of John Smith said he was innocent.", "innocent", "wife of John Smith"),
    ],
)
def test_a_name_after_a_place_or_a_lower_case_role_does_not(
    speaker_of: SpeakerOf, sentence: str, words: str, speaker: str | None
) -> None:
    got = speaker_of(sentence, words)
    assert got != "Diaz" and got != "John Smith"
    if speaker is not None:
        assert got == speaker


def test_a_role_held_for_someone_is_never_that_someone(speaker_of: SpeakerOf) -> None:
    text = "The lawyer of Maria Gomez said the charges were false. Gomez was released on Monday."
    assert speaker_of(text, "charges were false") == "lawyer of Maria Gomez"


def test_a_spokeswoman_is_not_the_next_woman_the_article_names(speaker_of: SpeakerOf) -> None:
    text = (
        "Citing obligations at home, the former senator's spokeswoman said that Gore would"
        " skip the event. Maria Lopez also stayed away from the convention."
    )
    assert speaker_of(text, "skip the event") == "former senator's spokeswoman"


def test_a_proxy_role_still_finds_its_named_holder_by_title(speaker_of: SpeakerOf) -> None:
    text = (
        "Senator Anna Berg's spokesman, Tomas Rieger, said that the senator was ill. On"
        " Tuesday the senator's spokesman said that the vote would be delayed."
    )
    assert speaker_of(text, "vote would be delayed") == "Tomas Rieger"


def test_a_chief_named_later_is_still_found(speaker_of: SpeakerOf) -> None:
    """Cataphora stays for roles that are not held for someone: "the alliance's chief"."""
    text = "The alliance's chief said the talks had failed. Jens Berg spoke in Brussels."
    assert speaker_of(text, "talks had failed") == "Jens Berg"


def test_a_mother_of_three_owes_her_role_to_no_one(speaker_of: SpeakerOf) -> None:
    text = (
        "Maria Lopez said that the plan was fair. The 34-year-old mother of three said that"
        " it would help families."
    )
    assert speaker_of(text, "help families") == "Maria Lopez"


@pytest.mark.parametrize(
    ("text", "words", "source"),
    [
        (
            "The Ridgeway Party held its convention in May. A letter to members said that the"
            " party would back the bill.",
            "back the bill",
            "letter to members",
        ),
        (
            "The Harbor Fund raised money all year. The fund spent 3 million dollars on"
            " advertising, according to federal filings.",
            "advertising",
            "federal filings",
        ),
        (
            "The Ridgeway Party met in May. The memo warned that the party would lose the seat.",
            "lose the seat",
            "memo",
        ),
    ],
)
def test_records_and_letters_stay_sources_as_written(
    speaker_of: SpeakerOf, text: str, words: str, source: str
) -> None:
    """Someone the sentence does not name wrote them: not the last organization named."""
    assert speaker_of(text, words) == source


def test_a_statement_still_speaks_for_its_organization(speaker_of: SpeakerOf) -> None:
    text = (
        "The Harbor Fund held a press conference on Monday. The statement said that the fund"
        " had spent 3 million dollars."
    )
    assert speaker_of(text, "had spent") == "Harbor Fund"


@pytest.mark.parametrize("participle", ["saying", "warning"])
def test_a_statement_put_out_speaks_for_whoever_put_it_out(
    speaker_of: SpeakerOf, participle: str
) -> None:
    """The parse lends the participle no subject at all; the issuer of the text speaks."""
    text = (
        f"The agency issued a statement {participle} that severe flooding was likely along"
        " the coast."
    )
    assert speaker_of(text, "severe flooding") == "agency"


@pytest.mark.parametrize(
    ("text", "words", "source"),
    [
        (
            "A collection of documents was declassified in 2017, with historians and"
            " commentators saying it showed that officials gave assurances to the Kremlin.",
            "officials gave assurances",
            "historians and commentators",
        ),
        (
            "The bill passed on Monday, with several senators saying they had been misled"
            " about its cost.",
            "misled",
            "several senators",
        ),
    ],
)
def test_with_people_saying_makes_them_the_source(
    speaker_of: SpeakerOf, text: str, words: str, source: str
) -> None:
    """An absolute "with X saying ...": X speaks, though the parse lends the cue no subject."""
    assert speaker_of(text, words) == source
