"""Who speaks and where the reported words end, on sentences of our own (issue 14).

Each rule gets a sentence that needs it: speakers that must be a person, group, organisation
or a text that carries words; descriptors and appositives resolved to the named person;
datelines and nested sources; clause boundaries; more cues; sloppy quotation marks.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from quotes.extract import ExtractedQuote, load_pipeline
from quotes.extract.boilerplate import dateline_regions
from quotes.extract.extractor import _sentence_ends
from quotes.extract.extractor import extract as extract_doc
from quotes.extract.marks import find_quotes
from quotes.extract.speakers import speaks
from tests.extract.conftest import HandParsed

Extract = Callable[[str], list[ExtractedQuote]]


def only(quotes: list[ExtractedQuote]) -> ExtractedQuote:
    assert len(quotes) == 1, [(q.text, q.speaker) for q in quotes]
    return quotes[0]


def speaker(q: ExtractedQuote) -> str | None:
    return q.speaker.name if q.speaker is not None else None


# --- speakers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lemma", "can_speak"),
    [
        ("lawmaker", True),
        ("xenophobe", True),
        ("economist", True),
        ("employee", True),
        ("coalition", True),
        ("survey", True),
        ("cancer", False),
        ("bias", False),
        ("response", False),
        ("index", False),
    ],
)
def test_who_can_speak(lemma: str, can_speak: bool) -> None:
    assert speaks(lemma) is can_speak


def test_a_thing_in_a_relative_clause_is_no_speaker(extract: Extract) -> None:
    text = "His uncle died of a rare lung disease, which confirmed what the doctors suspected."
    assert extract(text) == []


def test_a_thing_whose_verb_holds_the_cue_is_no_speaker(extract: Extract) -> None:
    text = "Asked about jobs, his weakest answer was to say that factories would return."
    assert all(q.speaker is None for q in extract(text))


def test_a_thing_that_says_itself_still_speaks(extract: Extract) -> None:
    q = only(extract("The survey said most farmers expect lower prices next year."))
    assert speaker(q) == "survey"


def test_a_human_noun_outside_the_lexicon_speaks(extract: Extract) -> None:
    text = "The weather ruined the fair. A beekeeper who sold honey there said the rain was costly."
    name = speaker(only(extract(text)))
    assert name is not None and "beekeeper" in name


def test_age_descriptor_is_the_person_named_before(extract: Extract) -> None:
    text = (
        "Peter Lindqvist has run the ferry line for a decade. "
        "The 61-year-old said the new route would create jobs across the islands."
    )
    q = only(extract(text))
    assert speaker(q) == "Peter Lindqvist"
    assert q.mention == "The 61-year-old" and q.resolution == "role"


def test_appositive_name_wins_over_the_role(extract: Extract) -> None:
    q = only(extract("Another official, former envoy Anna Berg, said the talks had stalled."))
    assert speaker(q) == "Anna Berg"


def test_organisation_modifier_is_not_the_speaker(extract: Extract) -> None:
    q = only(extract("Acme Daily editor-in-chief Jan Novak said the paper would stop printing."))
    assert speaker(q) == "Jan Novak"


def test_party_label_is_not_part_of_the_name(extract: Extract) -> None:
    text = (
        '"They are wasting the whole week on this," said Oversight ranking Democrat '
        'Elijah Rowe (D-Md.). "Nobody asked for it."'
    )
    quotes = extract(text)
    assert [speaker(q) for q in quotes] == ["Elijah Rowe", "Elijah Rowe"]


@pytest.mark.parametrize(
    "gap",
    [' Rep. Jim Dale (D-Wash.) said. "More."', " said Sen. Ann Lee (R-Calif.), who chairs it."],
)
def test_a_state_in_a_party_label_does_not_end_the_sentence(gap: str) -> None:
    ends = _sentence_ends(gap)
    assert ends and gap[: ends[0].end()].rstrip().endswith(("said.", "chairs it."))


def test_coordinated_adjectives_stay_in_the_group(extract: Extract) -> None:
    text = "Dutch, Belgian, and Danish farmers said the new rules would ruin them."
    q = only(extract(text))
    assert speaker(q) == "Dutch, Belgian, and Danish farmers"


def test_pronoun_after_an_interview_is_the_interviewee(extract: Extract) -> None:
    text = (
        "Anna Berg of the Daily Star interviewed the minister, Maria Lopez, on Friday. "
        "She said the decision was final."
    )
    q = only(extract(text))
    assert speaker(q) == "Maria Lopez" and q.mention == "She"


def test_byline_author_is_no_antecedent(extract: Extract) -> None:
    text = "By Agnes Szucs\n\nThe finance minister resigned. She said the decision was final."
    assert all(speaker(q) != "Agnes Szucs" for q in extract(text))


# --- datelines and nested sources ----------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("DENVER, Colo. — The storm will hit.", "DENVER, Colo. — "),
        ("LONDON (Reuters) - Shares fell.", "LONDON (Reuters) - "),
        ("MOSCOW, Dec. 1 (AP) — The", "MOSCOW, Dec. 1 (AP) — "),
        ("NATO - the alliance grew.", None),
        ("U.S. - China talks resumed.", None),
    ],
)
def test_dateline_regions(line: str, dateline: str | None) -> None:
    found = [line[a:b] for a, b in dateline_regions(line)]
    assert found == ([dateline] if dateline else [])


def test_dateline_is_neither_speaker_nor_reported(extract: Extract) -> None:
    q = only(extract("OSLO (Reuters) - Ferry fares will rise in May, port officials said."))
    assert q.text == "Ferry fares will rise in May"
    assert speaker(q) == "port officials"


def test_nested_report_belongs_to_the_inner_speaker(extract: Extract) -> None:
    text = (
        "Thirty people were hurt in the blast, the health ministry said, "
        "according to a news agency."
    )
    q = only(extract(text))
    assert q.text == "Thirty people were hurt in the blast"
    assert speaker(q) == "health ministry"


def test_according_to_after_a_report_is_cut_off(extract: Extract) -> None:
    text = "The ministry said 30 people had died in the floods, according to state radio."
    q = only(extract(text))
    assert q.text == "30 people had died in the floods"
    assert speaker(q) == "ministry"


def test_quotation_reported_by_a_second_source_stays_direct(extract: Extract) -> None:
    q = only(extract('"The situation is under control," the ministry said, according to state TV.'))
    assert q.type == "direct" and speaker(q) == "ministry"


# --- where reported words end ------------------------------------------------------------


def test_coordinated_second_clause_is_reported_too(extract: Extract) -> None:
    text = (
        "Ola Berg said the new tool is used by most firms, and nine in ten managers plan "
        "to expand it next year."
    )
    q = only(extract(text))
    assert q.text.endswith("plan to expand it next year")


def test_but_that_continues_the_report(extract: Extract) -> None:
    text = "Ola Berg said the bridge would open in May, but that the tolls would stay high."
    q = only(extract(text))
    assert q.text == "the bridge would open in May, but that the tolls would stay high"


def test_and_that_with_a_speech_verb_inside_stays_reported(extract: Extract) -> None:
    text = (
        "The council said the staffers' actions were unacceptable and that the committee "
        "would continue to investigate the incident."
    )
    q = only(extract(text))
    assert q.text.endswith("would continue to investigate the incident")


def test_a_clause_about_the_speaker_is_not_reported(extract: Extract) -> None:
    text = "Ola Berg said the budget was a disgrace, and he walked out of the chamber at noon."
    q = only(extract(text))
    assert q.text == "the budget was a disgrace"


def test_contrast_with_another_report_ends_the_clause(extract: Extract) -> None:
    text = (
        "The union said wages had fallen for three years, while the other group condemned "
        "the strike as reckless."
    )
    quotes = extract(text)
    assert quotes[0].text == "wages had fallen for three years"
    assert speaker(quotes[0]) == "union"


def test_inserted_cue_reports_both_halves(extract: Extract) -> None:
    text = "But there is a risk, some farmers said, that the new tax would push prices up."
    assert [q.text for q in extract(text)] == [
        "there is a risk",
        "the new tax would push prices up",
    ]


def test_inserted_cue_reports_the_rest_of_the_sentence(extract: Extract) -> None:
    text = "The plan would be helped, Ola Berg said, by the mild winter in the north."
    assert [q.text for q in extract(text)] == [
        "The plan would be helped",
        "by the mild winter in the north",
    ]


def test_apposition_after_an_inverted_cue_is_not_reported(extract: Extract) -> None:
    text = '"Prices will fall," said Ola Berg, a trader at the Oslo fish market.'
    q = only(extract(text))
    assert q.type == "direct" and speaker(q) == "Ola Berg"


def test_name_tagged_as_an_organisation_with_a_person_role(extract: Extract) -> None:
    text = (
        "Ravi Kothari, a professor of economics at Delhi University, said the rupee would "
        'recover.\n\n"Many traders have panicked," he said.'
    )
    quotes = extract(text)
    assert [speaker(q) for q in quotes] == ["Ravi Kothari", "Ravi Kothari"]


def test_reported_clause_never_crosses_a_paragraph(extract: Extract) -> None:
    text = "Ola Berg said the harbour would close\n\nfor repairs the workers had long demanded."
    assert all("\n" not in q.text for q in extract(text))


# --- cues ----------------------------------------------------------------------------------


def test_joked_that(extract: Extract) -> None:
    q = only(extract("Maria Lopez joked that the council meets more often than her book club."))
    assert q.text == "the council meets more often than her book club"
    assert speaker(q) == "Maria Lopez" and q.cue == "joked"


def test_asked_that_is_still_not_a_report(extract: Extract) -> None:
    assert extract("Maria Lopez asked that the council meet more often next year.") == []


def test_slammed_as(extract: Extract) -> None:
    q = only(extract("Senator Ann Cole slammed the proposal as a giveaway to the oil industry."))
    assert q.text == "the proposal as a giveaway to the oil industry"
    assert speaker(q) == "Ann Cole"


def test_warned_of(extract: Extract) -> None:
    q = only(extract("The weather service warned of severe flooding along the coast this week."))
    assert q.text.startswith("severe flooding along the coast")
    assert q.cue == "warned"


def test_announced_reports_its_object(extract: Extract) -> None:
    q = only(extract("Mayor Ann Cole announced a series of steps to tighten rules on short lets."))
    assert q.text == "a series of steps to tighten rules on short lets"
    assert speaker(q) == "Ann Cole"


def test_told_someone_is_not_a_report_of_them(extract: Extract) -> None:
    assert extract("Mayor Ann Cole told reporters at the town hall about her plans.") == []


def test_the_new_cue_lists_are_config(nlp: Language) -> None:
    plain = load_pipeline()
    plain.remove_pipe("quotes")
    plain.add_pipe(
        "quotes", config={"object_verbs": [], "object_cues": {"warn": []}, "speech_act_nouns": []}
    )
    for text in (
        "Mayor Ann Cole announced a series of steps to tighten rules on short lets.",
        "The weather service warned of severe flooding along the coast this week.",
        "Residents voiced concerns that the new road would cut the village in two.",
    ):
        assert nlp(text)._.quotes and plain(text)._.quotes == []


def test_per_an_organisation(extract: Extract) -> None:
    q = only(extract("Measles cases rose sharply in the region last month, per the WHO."))
    assert q.text == "Measles cases rose sharply in the region last month"
    assert speaker(q) == "WHO" and q.cue == "per"


def test_per_a_rate_is_no_cue(extract: Extract) -> None:
    assert extract("Fares rose by two euros per trip in the region last month.") == []


def test_voiced_concerns_that(extract: Extract) -> None:
    q = only(extract("Residents voiced concerns that the new road would cut the village in two."))
    assert q.text == "the new road would cut the village in two"
    assert q.cue == "voiced concerns" and speaker(q) == "Residents"


def test_rejected_claims_are_someone_elses(extract: Extract) -> None:
    text = "Lena Ortiz rejected claims that her office had ignored the warnings."
    assert all(speaker(q) != "Lena Ortiz" for q in extract(text))


def test_which_it_said(extract: Extract) -> None:
    text = "Acme Corp published new figures, which it said showed that sales had doubled."
    q = only(extract(text))
    assert q.text == "showed that sales had doubled"


def test_speaker_after_a_long_inserted_clause(extract: Extract) -> None:
    text = (
        "The plan, which was drafted over several months by a panel of outside advisers "
        "and lawyers, will save money, Tom Harris said."
    )
    q = only(extract(text))
    assert speaker(q) == "Tom Harris"
    assert q.text.startswith("The plan") and q.text.endswith("will save money")


# --- quotation marks ---------------------------------------------------------------------


def test_straight_opening_mark_closed_by_a_curly_one() -> None:
    text = '"We will not give up,” Omar Berg said. "We will fight on,” he added.'
    assert [text[q.start : q.end] for q in find_quotes(text)] == [
        "We will not give up,",
        "We will fight on,",
    ]


@pytest.mark.parametrize(
    "text",
    ["He said: “ We are ready to sign the deal today.”", 'He said: " We are ready to sign."'],
)
def test_opening_mark_followed_by_a_space(text: str) -> None:
    (q,) = find_quotes(text)
    assert text[q.start : q.end].startswith("We are ready")


def test_a_spaced_mark_between_numbers_opens_nothing() -> None:
    assert find_quotes('The 5 " screen and the 7 " screen are small.') == []


def test_spaced_opener_attributed(extract: Extract) -> None:
    q = only(extract("Omar Berg said: “ We are ready to sign the deal today.”"))
    assert q.type == "direct" and speaker(q) == "Omar Berg"


def test_a_cue_right_after_a_quotation_attributes_it_despite_its_topic(
    speaker_of: Callable[[str, str], str | None],
) -> None:
    """'"...," Ann Lee wrote of the 2010 gift': "the 2010 gift" is what the quotation is
    about; the cue still names whose words they are."""
    text = (
        "\"My mother made the gift. That is why she is the 'Top Donor,' \" Ann Lee wrote"
        " of the 2010 gift."
    )
    assert speaker_of(text, "My mother made the gift") == "Ann Lee"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sanders and his supporters argue that the delegates should back him.",
            "Sanders and his supporters",
        ),
        ("Edwards and others said the plan was flawed.", "Edwards and others"),
    ],
)
def test_a_name_coordinated_with_a_group_is_the_group(
    extract: Extract, text: str, expected: str
) -> None:
    """The speaker is everyone the subject names, not only the person first in it."""
    assert speaker(only(extract(text))) == expected


def test_a_relative_clause_after_the_last_of_coordinated_names_is_that_ones(
    speaker_of: Callable[[str, str], str | None],
) -> None:
    text = (
        "The gala drew stars like Ann Moss, Will Ortiz, Pat Lane and Kim Wu, who joked of the"
        " hall, ''I haven't seen it yet, but I'm going to.''"
    )
    assert speaker_of(text, "I haven't seen it") == "Kim Wu"


def test_a_dash_signature_may_carry_a_middle_initial(hand_parsed: HandParsed) -> None:
    """'"..." ― Rosa E. Vega' with the tagger's common noun for the initial "E."."""
    rows = [
        ("“", "``", "PUNCT", "punct", 2, False),
        ("He", "PRP", "PRON", "nsubj", 2, True),
        ("woke", "VBD", "VERB", "ROOT", 2, True),
        ("us", "PRP", "PRON", "dobj", 2, False),
        (".", ".", "PUNCT", "punct", 2, False),
        ("”", "''", "PUNCT", "punct", 2, True),
        ("―", ":", "PUNCT", "punct", 2, True),
        ("Rosa", "NNP", "PROPN", "compound", 9, True),
        ("E.", "NN", "NOUN", "compound", 9, True),
        ("Vega", "NNP", "PROPN", "ROOT", 9, False),
        (".", ".", "PUNCT", "punct", 9, False),
    ]
    doc = hand_parsed(rows, [*["O"] * 7, "B-PERSON", "I-PERSON", "I-PERSON", "O"])
    [quote] = extract_doc(doc)
    assert quote.speaker is not None and quote.speaker.name == "Rosa E. Vega"
