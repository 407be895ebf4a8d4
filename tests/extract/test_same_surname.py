"""Two people of one surname in one article: "Mr. Obama" is not the Michelle Obama named
before him, and a quotation after the attribution's sentence goes on with its speaker, not
with someone a relative clause of that sentence mentions (issue 14). Sentences of our own."""

from __future__ import annotations

from collections.abc import Callable

SpeakerOf = Callable[[str, str], str | None]


def test_mr_and_mrs_of_one_surname_are_two_people(speaker_of: SpeakerOf) -> None:
    text = (
        "Michelle Obama spoke first at the dinner. Then Mr. Obama said the progress was on"
        " the ballot."
    )
    assert speaker_of(text, "progress") == "Obama"
    text = (
        "Michelle Obama spoke first at the dinner. Then Mrs. Obama said the progress was on"
        " the ballot."
    )
    assert speaker_of(text, "progress") == "Michelle Obama"


def test_mrs_after_mr_of_the_same_surname_is_not_him(speaker_of: SpeakerOf) -> None:
    text = (
        "Representative Ann Rogan met Senator Paul Clinton and Hillary Clinton. Mr. Clinton"
        " said hello to the guests. Mrs. Clinton said goodbye to the others."
    )
    assert speaker_of(text, "goodbye") != speaker_of(text, "hello")


def test_a_relative_clause_in_the_attribution_does_not_take_the_next_quotation(
    speaker_of: SpeakerOf,
) -> None:
    text = (
        '"My name may not be on the ballot, but our progress is," Mr. Lee said on Saturday'
        ' at the gala dinner in Boston, where Mrs. Diaz also spoke. "Tolerance is on the'
        ' ballot. Justice is on the ballot."'
    )
    assert speaker_of(text, "Tolerance") == "Lee"


def test_a_surname_ner_calls_an_organization_is_still_the_subject_he_continues(
    speaker_of: SpeakerOf,
) -> None:
    text = (
        "Obama said he was not speaking only about Republican presidential nominee Donald"
        " Trump.\n\nTrump has used the phrase often in his campaign, and criticized Obama for"
        " it.\n\nIn an August speech, Trump attacked “the hateful ideology of his rivals.”\n\n"
        "“We will defeat terrorism, just as we have defeated every threat before,” he said"
        " then."
    )
    assert speaker_of(text, "We will defeat terrorism") == "Donald Trump"


def test_the_name_in_a_trailing_with_clause_is_the_subject_she_continues(
    speaker_of: SpeakerOf,
) -> None:
    text = (
        "Some families would pay more, according to an analysis by Lily Batchelder, a former"
        " tax aide.\n\nThat is because the plan drops exemptions, said Batchelder.\n\n"
        "It has become an issue in the campaign, with Hillary Clinton — who has called for"
        " higher taxes on the rich — lambasting the plan.\n\n"
        "“The plan would be trickle-down economics all over again,” she said in the debate."
    )
    assert speaker_of(text, "trickle-down") == "Hillary Clinton"


def test_a_relative_introduced_by_kinship_is_not_the_surname_used_so_far(
    speaker_of: SpeakerOf,
) -> None:
    """Three times "Vale", then "His daughter, Ana Vale": she is someone new, and every
    "Vale" before and after her is still the Vale of the article."""
    text = (
        "Vale said the plan was sound. Later, Vale added that the costs were fair. Vale also"
        " argued that the vote was close.\n\nHis daughter, Ana Vale, praised him on stage.\n\n"
        "Vale said the country would win again."
    )
    for words in ("plan was sound", "costs were fair", "win again"):
        assert speaker_of(text, words) == "Vale"
