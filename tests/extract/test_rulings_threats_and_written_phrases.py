"""Rulings, threats and emphasis report what someone said; a speaker's phrase is kept whole
(hyphenated words, a short relative clause); a list item without a subject names no speaker
(issue 14). Sentences of our own."""

from __future__ import annotations

from collections.abc import Callable

from quotes.extract import ExtractedQuote

Extract = Callable[[str], list[ExtractedQuote]]
SpeakerOf = Callable[[str, str], str | None]


def texts(extract: Extract, text: str) -> list[str]:
    return [q.text for q in extract(text)]


def test_a_court_ruling_reports_its_clause(extract: Extract) -> None:
    [quote] = extract("The appeals court ruled that the county's rolls broke the voting law.")
    assert quote.text == "the county's rolls broke the voting law"
    assert quote.cue == "ruled"
    assert quote.speaker is not None and quote.speaker.name == "appeals court"


def test_ruling_a_country_or_ruling_out_is_no_report(extract: Extract) -> None:
    assert texts(extract, "The party that ruled the country for decades lost the election.") == []
    assert texts(extract, "The governor did not rule out a run for the Senate.") == []


def test_a_threat_reports_its_infinitive(speaker_of: SpeakerOf, extract: Extract) -> None:
    text = "Ana Ruiz threatened to sue the company unless it paid the fines."
    assert texts(extract, text) == ["to sue the company unless it paid the fines"]
    assert speaker_of(text, "to sue") == "Ana Ruiz"
    # weather threatens without saying anything
    assert texts(extract, "Storms threaten the coast this week.") == []


def test_underscoring_that_reports_the_clause(extract: Extract) -> None:
    assert texts(extract, "The minister underscored that the talks would go on.") == [
        "the talks would go on"
    ]


def test_a_hyphenated_word_stays_whole_in_the_speakers_phrase(speaker_of: SpeakerOf) -> None:
    # the parser splits "ex-wife" and "co-founder" into three tokens each
    assert (
        speaker_of(
            "His ex-wife agreed, but also contended that she should not have to give up"
            " her privacy.",
            "her privacy",
        )
        == "His ex-wife"
    )
    assert (
        speaker_of("A co-founder of the firm said the deal was fair.", "the deal")
        == "co-founder of the firm"
    )


def test_a_short_relative_clause_stays_in_a_groups_phrase(speaker_of: SpeakerOf) -> None:
    # not "All the experts I": the clause's verb was cut and its subject left behind
    assert (
        speaker_of("All the experts I interviewed said the bridge was unsafe.", "the bridge")
        == "All the experts I interviewed"
    )


def test_a_list_item_without_a_subject_names_no_speaker(extract: Extract) -> None:
    text = (
        "Filed for six bankruptcies.\n\n"
        "Keeps saying she opposed the war, when there are clips of her supporting it.\n\n"
        "Repeats the same claims."
    )
    assert all(q.speaker is None or q.speaker.name != "Keeps" for q in extract(text))


def test_a_name_the_tagger_calls_a_noun_still_speaks(speaker_of: SpeakerOf) -> None:
    # the same shape with a finite verb: "Trump" tagged as a common noun, after two spaces
    text = 'He spoke.  "You think I\'m going to change?" Trump asked reporters.'
    assert speaker_of(text, "going to change") == "Trump"


def test_a_party_and_district_label_is_not_a_name(speaker_of: SpeakerOf) -> None:
    text = (
        '"The nation is watching," Scott\'s niece, state Del. Marcia "Cia" Price'
        " (D-Newport News), shouted to the crowd."
    )
    assert speaker_of(text, "nation is watching") != "D-Newport News"


def test_a_clause_the_parser_broke_into_two_sentences_is_mended(extract: Extract) -> None:
    # the parser starts a sentence at "Amendment", with nothing between
    assert texts(extract, "Lee said she felt the 13th Amendment was worth examining.") == [
        "she felt the 13th Amendment was worth examining"
    ]


def test_a_that_clause_after_the_cue_is_the_report(extract: Extract) -> None:
    # the parser also hangs the fronted participle's "Pence won the debate" on the cue
    text = (
        "Writing for a panel that all agreed Pence won the debate, Mark Barabak noted that"
        " the way Pence carried himself was critical to his success."
    )
    assert texts(extract, text) == ["the way Pence carried himself was critical to his success"]


def test_the_subject_of_a_reduced_relative_parsed_as_a_clause_speaks(
    speaker_of: SpeakerOf,
) -> None:
    text = (
        "Large majorities of Republican primary voters in six states going to the polls on"
        " Tuesday said they support a proposal to ban the imports."
    )
    assert speaker_of(text, "they support") == (
        "Large majorities of Republican primary voters in six states"
    )


def test_a_message_sent_to_people_is_the_senders(speaker_of: SpeakerOf) -> None:
    text = "The Vermont senator emailed supporters saying: “The struggle continues.”"
    assert speaker_of(text, "The struggle") == "Vermont senator"


def test_a_known_surname_tagged_as_a_common_noun_still_names_the_person(
    speaker_of: SpeakerOf,
) -> None:
    text = (
        "Donald Trump spoke in Los Angeles.  Trump shot back in a statement, saying he’s"
        " “made a lot of money in down markets.”"
    )
    assert speaker_of(text, "down markets") == "Donald Trump"


def test_an_adviser_to_someone_is_kept_with_whom_she_advises(speaker_of: SpeakerOf) -> None:
    assert (
        speaker_of("An adviser to the governor said the plan would pass.", "the plan")
        == "adviser to the governor"
    )
    assert (
        speaker_of("Her submission to the court noted that she had lied.", "she had lied")
        == "Her submission to the court"
    )
