"""Who speaks a cue: the matrix subject for participles, appositive names, unnamed roles,
pronouns that skip subjects nothing marks as people. Every sentence here is written for the
test; each rule is also checked on a hand-built parse, so the test does not depend on how the
statistical parser happens to read one sentence."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Token

from quotes.extract import ExtractedQuote
from quotes.extract.cue_subject import (
    missing_subject,
    name_before_colon,
    orphan_subject,
    speaking_subject,
)
from quotes.extract.extractor import _main_subject, _opening_name_without_verb, extract
from quotes.extract.indirect import (
    _dashed_insertion_subject,
    _nearest_subject,
    _subject_of,
    _that_clause,
)
from quotes.extract.speakers import analyse_mention, speaks
from tests.extract.conftest import HandParsed

Extract = Callable[[str], list[ExtractedQuote]]
SPEECH = frozenset({"say", "add", "argue", "tell"})
LEMMAS = {
    "agreed": "agree",
    "aides": "aide",
    "said": "say",
    "added": "add",
    "argued": "argue",
    "saying": "say",
    "adding": "add",
}


def by_text(quotes: list[ExtractedQuote], start: str) -> ExtractedQuote:
    for q in quotes:
        if q.text.startswith(start):
            return q
    raise AssertionError(f"no quote starting {start!r} in {[q.text for q in quotes]}")


def speaker_of(quotes: list[ExtractedQuote], start: str) -> str | None:
    q = by_text(quotes, start)
    return q.speaker.name if q.speaker is not None else None


def same(found: Token | None, expected: Token) -> bool:
    return found is not None and found.i == expected.i


def parsed(
    nlp: Language,
    rows: list[tuple[str, str, str, str, int]],
    ents: list[str] | None = None,
) -> Doc:
    """A doc from (word, tag, pos, dep, head index) rows: a parse fixed by the test."""
    words = [r[0] for r in rows]
    doc = Doc(
        nlp.vocab,
        words=words,
        tags=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        heads=[r[4] for r in rows],
        lemmas=[LEMMAS.get(w.lower(), w.lower()) for w in words],
        ents=ents or ["O"] * len(words),
    )
    return doc


# --- the subject of a participle cue -------------------------------------------------------


def test_participle_hung_on_the_reported_clause_speaks_for_the_reporter(nlp: Language) -> None:
    # "Kessler argued that the levy would cripple farms, adding ..." with "adding" attached,
    # as parsers often do, to "cripple" inside the reported clause.
    doc = parsed(
        nlp,
        [
            ("Kessler", "NNP", "PROPN", "nsubj", 1),
            ("argued", "VBD", "VERB", "ROOT", 1),
            ("that", "IN", "SCONJ", "mark", 6),
            ("the", "DT", "DET", "det", 4),
            ("levy", "NN", "NOUN", "nsubj", 6),
            ("would", "MD", "AUX", "aux", 6),
            ("cripple", "VB", "VERB", "ccomp", 1),
            ("farms", "NNS", "NOUN", "dobj", 6),
            (",", ",", "PUNCT", "punct", 6),
            ("adding", "VBG", "VERB", "advcl", 6),
            ("more", "JJR", "ADJ", "dobj", 9),
            (".", ".", "PUNCT", "punct", 1),
        ],
    )
    cue, lent = doc[9], doc[4]
    assert same(speaking_subject(cue, lent, [False] * len(doc), SPEECH), doc[0])


def test_participle_after_a_report_of_its_own_keeps_its_reporter(nlp: Language) -> None:
    # "..., Lena added, saying ...": "added" reports; the participle elaborates it.
    doc = parsed(
        nlp,
        [
            ("Costs", "NNS", "NOUN", "nsubj", 1),
            ("rose", "VBD", "VERB", "ccomp", 4),
            (",", ",", "PUNCT", "punct", 4),
            ("Lena", "NNP", "PROPN", "nsubj", 4),
            ("added", "VBD", "VERB", "ccomp", 8),
            (",", ",", "PUNCT", "punct", 4),
            ("saying", "VBG", "VERB", "advcl", 4),
            ("more", "JJR", "ADJ", "dobj", 6),
            ("Hans", "NNP", "PROPN", "ROOT", 8),
        ],
    )
    assert same(speaking_subject(doc[6], doc[3], [False] * len(doc), SPEECH), doc[3])


def test_small_clause_participle_keeps_its_own_subject(nlp: Language) -> None:
    # "I remember Ada going on air, declaring ...": Ada declares (a small clause, untensed).
    doc = parsed(
        nlp,
        [
            ("I", "PRP", "PRON", "nsubj", 1),
            ("remember", "VBP", "VERB", "ROOT", 1),
            ("Ada", "NNP", "PROPN", "nsubj", 3),
            ("going", "VBG", "VERB", "ccomp", 1),
            ("on", "IN", "ADP", "prep", 3),
            ("air", "NN", "NOUN", "pobj", 4),
            (",", ",", "PUNCT", "punct", 3),
            ("declaring", "VBG", "VERB", "advcl", 3),
            ("war", "NN", "NOUN", "dobj", 7),
        ],
    )
    assert same(speaking_subject(doc[7], doc[2], [False] * len(doc), SPEECH), doc[2])


def test_object_pronoun_of_a_participle_is_not_its_speaker(nlp: Language) -> None:
    # "Nora attacked the rival, calling him a coward": "him" read as the inverted speaker.
    doc = parsed(
        nlp,
        [
            ("Nora", "NNP", "PROPN", "nsubj", 1),
            ("attacked", "VBD", "VERB", "ROOT", 1),
            ("the", "DT", "DET", "det", 3),
            ("rival", "NN", "NOUN", "dobj", 1),
            (",", ",", "PUNCT", "punct", 1),
            ("calling", "VBG", "VERB", "advcl", 1),
            ("him", "PRP", "PRON", "dobj", 5),
            ("a", "DT", "DET", "det", 8),
            ("coward", "NN", "NOUN", "oprd", 5),
        ],
    )
    assert same(speaking_subject(doc[5], doc[6], [False] * len(doc), SPEECH), doc[0])


def test_tensed_verb_coordinated_under_a_modal_continues_the_outer_clause(
    nlp: Language,
) -> None:
    # "Ivo said the plan would cost jobs and called it a waste": "called" (past) cannot be
    # coordinated with "cost" under "would", so Ivo calls it a waste, not the plan.
    doc = parsed(
        nlp,
        [
            ("Ivo", "NNP", "PROPN", "nsubj", 1),
            ("said", "VBD", "VERB", "ROOT", 1),
            ("the", "DT", "DET", "det", 3),
            ("plan", "NN", "NOUN", "nsubj", 5),
            ("would", "MD", "AUX", "aux", 5),
            ("cost", "VB", "VERB", "ccomp", 1),
            ("jobs", "NNS", "NOUN", "dobj", 5),
            ("and", "CC", "CCONJ", "cc", 5),
            ("called", "VBD", "VERB", "conj", 5),
            ("it", "PRP", "PRON", "dobj", 8),
            ("waste", "NN", "NOUN", "oprd", 8),
        ],
    )
    assert same(speaking_subject(doc[8], doc[9], [False] * len(doc), SPEECH), doc[0])


def test_reporter_of_the_clause_gets_the_participle(extract: Extract) -> None:
    text = (
        "Senator Maria Olsen argued that the new tax would hurt small farmers, "
        "saying the state had other options."
    )
    assert speaker_of(extract(text), "the state had") == "Maria Olsen"


def test_participle_calling_it_something_is_said_by_the_subject(extract: Extract) -> None:
    text = 'Chen said the merger would destroy jobs, calling it "a betrayal of every worker here."'
    assert speaker_of(extract(text), "a betrayal") == "Chen"


# --- names beside a role, unnamed roles, names the tagger misreads --------------------------


def test_name_in_apposition_to_a_part_of_a_group(extract: Extract) -> None:
    text = "One of the family's lawyers, Tomas Rieger, said the video shows him walking away."
    (q,) = extract(text)
    assert q.speaker is not None and q.speaker.name == "Tomas Rieger"
    assert q.speaker.kind == "person"


def test_another_official_named_in_apposition(extract: Extract) -> None:
    (q,) = extract("Another official, former envoy Anna Berg, said the talks had stalled.")
    assert q.speaker is not None and q.speaker.name == "Anna Berg"


def test_role_nobody_answers_to_is_kept_as_written(extract: Extract) -> None:
    (q,) = extract("The ministry's spokesman said the figures were wrong.")
    assert q.speaker is not None
    assert q.speaker.name == "ministry's spokesman"
    assert q.speaker.kind == "person"


def test_surname_tagged_as_a_common_noun_is_a_name(nlp: Language) -> None:
    # "..., Lindqvist said": a tagger reading the surname as a plural common noun
    doc = parsed(
        nlp,
        [
            ("Then", "RB", "ADV", "advmod", 2),
            ("Lindqvist", "NNS", "NOUN", "nsubj", 2),
            ("said", "VBD", "VERB", "ROOT", 2),
            ("no", "UH", "INTJ", "intj", 2),
        ],
        ents=["O", "B-PERSON", "O", "O"],
    )
    m = analyse_mention(doc[1])
    assert m is not None and m.kind == "name" and m.speaker_kind == "person"
    assert m.name == "Lindqvist"


def test_lowercase_plural_stays_a_group(nlp: Language) -> None:
    doc = parsed(
        nlp,
        [
            ("Then", "RB", "ADV", "advmod", 2),
            ("residents", "NNS", "NOUN", "nsubj", 2),
            ("said", "VBD", "VERB", "ROOT", 2),
            ("no", "UH", "INTJ", "intj", 2),
        ],
    )
    m = analyse_mention(doc[1])
    assert m is not None and m.kind == "group"


# --- pronouns -------------------------------------------------------------------------------


def test_pronoun_skips_a_place_read_as_a_subject(extract: Extract) -> None:
    # "Harbor Point" is parsed as the subject of "became", with no person label
    text = (
        "Oskar Lind said the plant would stay open.\n\n"
        "Harbor Point became his home in 2001. "
        '"I never wanted to leave," he said.'
    )
    assert speaker_of(extract(text), "I never wanted") == "Oskar Lind"


def test_second_report_coordinated_into_the_first_is_the_reporters(nlp: Language) -> None:
    # "Aung said it was early but added more": "added" hangs on "was" inside the report.
    doc = parsed(
        nlp,
        [
            ("Aung", "NNP", "PROPN", "nsubj", 1),
            ("said", "VBD", "VERB", "ROOT", 1),
            ("it", "PRP", "PRON", "nsubj", 3),
            ("was", "VBD", "AUX", "ccomp", 1),
            ("early", "JJ", "ADJ", "acomp", 3),
            ("but", "CC", "CCONJ", "cc", 3),
            ("added", "VBD", "VERB", "conj", 3),
            ("more", "JJR", "ADJ", "dobj", 6),
        ],
    )
    assert same(speaking_subject(doc[6], doc[2], [False] * len(doc), SPEECH), doc[0])


def test_it_after_the_verb_is_its_object(nlp: Language) -> None:
    # "Early described it as news": '"...," said it' is not English; "it" is the object.
    doc = parsed(
        nlp,
        [
            ("Early", "NNP", "PROPN", "nsubj", 1),
            ("described", "VBD", "VERB", "ROOT", 1),
            ("it", "PRP", "PRON", "dobj", 1),
            ("as", "IN", "ADP", "prep", 1),
            ("news", "NN", "NOUN", "pobj", 3),
        ],
    )
    assert same(speaking_subject(doc[1], doc[2], [False] * len(doc), SPEECH), doc[0])


def test_inverted_speaker_after_the_verb_is_kept(nlp: Language) -> None:
    doc = parsed(
        nlp,
        [
            ("Fine", "JJ", "ADJ", "ccomp", 2),
            (",", ",", "PUNCT", "punct", 2),
            ("said", "VBD", "VERB", "ROOT", 2),
            ("Maren", "NNP", "PROPN", "nsubj", 2),
        ],
    )
    assert same(speaking_subject(doc[2], doc[3], [False] * len(doc), SPEECH), doc[3])


def test_subject_mislabelled_as_a_number_modifier(nlp: Language) -> None:
    # "About 4 in 10 say ...": the count parsed as a modifier of "say"
    doc = parsed(
        nlp,
        [
            ("About", "RB", "ADV", "advmod", 1),
            ("4", "CD", "NUM", "quantmod", 3),
            ("in", "IN", "ADP", "quantmod", 3),
            ("10", "CD", "NUM", "nummod", 4),
            ("say", "VBP", "VERB", "ROOT", 4),
            ("they", "PRP", "PRON", "nsubj", 6),
            ("agree", "VBP", "VERB", "ccomp", 4),
        ],
        ents=["B-CARDINAL", "I-CARDINAL", "I-CARDINAL", "I-CARDINAL", "O", "O", "O"],
    )
    found = orphan_subject(doc[4], [False] * len(doc))
    assert same(found, doc[3])
    m = analyse_mention(doc[3])
    assert m is not None and m.name == "About 4 in 10"


def test_no_orphan_subject_when_the_verb_has_one(nlp: Language) -> None:
    doc = parsed(
        nlp,
        [
            ("Voters", "NNS", "NOUN", "nsubj", 1),
            ("say", "VBP", "VERB", "ROOT", 1),
            ("no", "UH", "INTJ", "intj", 1),
        ],
    )
    assert orphan_subject(doc[1], [False] * len(doc)) is None


@pytest.mark.parametrize("noun", ["neurosurgeon", "policewoman", "gunman", "anesthesiologist"])
def test_compound_person_nouns_can_speak(noun: str) -> None:
    assert speaks(noun)


@pytest.mark.parametrize("noun", ["brain", "response", "bias", "republic", "weather"])
def test_things_still_cannot_speak(noun: str) -> None:
    assert not speaks(noun)


def test_missing_subject_prefers_the_cues_own_paragraph(nlp: Language) -> None:
    # a heading word parsed as a second subject of the first sentence's verb
    doc = parsed(
        nlp,
        [
            ("Latest", "JJS", "ADJ", "nsubj", 3),
            ("\n\n", "_SP", "SPACE", "dep", 0),
            ("commissioner", "NN", "NOUN", "nsubj", 3),
            ("says", "VBZ", "VERB", "ROOT", 3),
            ("no", "UH", "INTJ", "intj", 3),
        ],
    )
    para = [0, 0, 1, 1, 1]
    assert same(missing_subject(doc[3], [False] * len(doc), para), doc[2])


def test_participle_hung_inside_the_quotation_takes_the_reporter(nlp: Language) -> None:
    # '"... you agree?" Noor said, suggesting more': "suggesting" attached to "agree" inside
    # the quotation marks, whose own subject ("you") is quoted words
    doc = parsed(
        nlp,
        [
            ('"', "``", "PUNCT", "punct", 2),
            ("you", "PRP", "PRON", "nsubj", 2),
            ("agree", "VBP", "VERB", "ccomp", 5),
            ('"', "''", "PUNCT", "punct", 2),
            ("Noor", "NNP", "PROPN", "nsubj", 5),
            ("said", "VBD", "VERB", "ROOT", 5),
            (",", ",", "PUNCT", "punct", 5),
            ("suggesting", "VBG", "VERB", "advcl", 2),
            ("more", "JJR", "ADJ", "dobj", 7),
        ],
    )
    excluded = [True, True, True, True, False, False, False, False, False]
    assert same(missing_subject(doc[7], excluded, [0] * len(doc)), doc[4])


def test_plural_right_before_an_unattached_verb_is_its_subject(nlp: Language) -> None:
    # "the $20 million experts say it costs": "experts" parsed as an object of "of"
    doc = parsed(
        nlp,
        [
            ("cost", "NN", "NOUN", "ROOT", 0),
            ("of", "IN", "ADP", "prep", 0),
            ("experts", "NNS", "NOUN", "pobj", 1),
            ("say", "VBP", "VERB", "dep", 0),
            ("it", "PRP", "PRON", "nsubj", 5),
            ("costs", "VBZ", "VERB", "ccomp", 3),
        ],
    )
    assert same(missing_subject(doc[3], [False] * len(doc), [0] * len(doc)), doc[2])


def test_participle_modifying_a_person_is_theirs(nlp: Language) -> None:
    # "The ad shows footage of Ana Ruiz asking ...": Ana Ruiz asks, not the ad
    doc = parsed(
        nlp,
        [
            ("ad", "NN", "NOUN", "nsubj", 1),
            ("shows", "VBZ", "VERB", "ROOT", 1),
            ("footage", "NN", "NOUN", "dobj", 1),
            ("of", "IN", "ADP", "prep", 2),
            ("Ana", "NNP", "PROPN", "compound", 5),
            ("Ruiz", "NNP", "PROPN", "pobj", 3),
            ("asking", "VBG", "VERB", "acl", 5),
            ("why", "WRB", "ADV", "advmod", 6),
        ],
        ents=["O", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O"],
    )
    assert same(speaking_subject(doc[6], doc[0], [False] * len(doc), SPEECH), doc[5])


def test_participle_modifying_a_document_keeps_the_subject(nlp: Language) -> None:
    # "The agency cited a report saying ...": the report is a vehicle, the agency cites
    doc = parsed(
        nlp,
        [
            ("agency", "NN", "NOUN", "nsubj", 1),
            ("cited", "VBD", "VERB", "ROOT", 1),
            ("report", "NN", "NOUN", "dobj", 1),
            ("saying", "VBG", "VERB", "acl", 2),
            ("more", "JJR", "ADJ", "dobj", 3),
        ],
    )
    assert same(speaking_subject(doc[3], doc[0], [False] * len(doc), SPEECH), doc[0])


def test_share_of_people_stops_before_what_they_say(nlp: Language) -> None:
    doc = parsed(
        nlp,
        [
            ("with", "IN", "ADP", "ROOT", 0),
            ("50", "CD", "NUM", "nummod", 2),
            ("percent", "NN", "NOUN", "pobj", 0),
            ("saying", "VBG", "VERB", "acl", 2),
            ("she", "PRP", "PRON", "nsubj", 5),
            ("won", "VBD", "VERB", "ccomp", 3),
        ],
        ents=["O", "B-PERCENT", "I-PERCENT", "O", "O", "O"],
    )
    m = analyse_mention(doc[2])
    assert m is not None and m.name == "50 percent"


def test_name_set_before_a_colon_speaks_the_quotation(nlp: Language) -> None:
    # 'Turnout fell - Rosa Vidal: "..."': a name after a dash, then a colon
    doc = parsed(
        nlp,
        [
            ("Turnout", "NN", "NOUN", "nsubj", 1),
            ("fell", "VBD", "VERB", "ROOT", 1),
            ("-", ":", "PUNCT", "punct", 1),
            ("Rosa", "NNP", "PROPN", "compound", 4),
            ("Vidal", "NNP", "PROPN", "appos", 1),
            (":", ":", "PUNCT", "punct", 1),
        ],
    )
    assert same(name_before_colon(doc[5], [False] * len(doc)), doc[4])


def test_name_ending_a_clause_before_a_colon_is_its_object(nlp: Language) -> None:
    # 'The result surprised Rosa Vidal: "..."': she is what was surprised, maybe not who speaks
    doc = parsed(
        nlp,
        [
            ("result", "NN", "NOUN", "nsubj", 1),
            ("surprised", "VBD", "VERB", "ROOT", 1),
            ("Rosa", "NNP", "PROPN", "compound", 3),
            ("Vidal", "NNP", "PROPN", "dobj", 1),
            (":", ":", "PUNCT", "punct", 1),
        ],
    )
    assert name_before_colon(doc[4], [False] * len(doc)) is None


def test_who_issued_the_statement_saying_speaks(nlp: Language) -> None:
    # "The ministry issued a statement saying ...": the ministry, not a name nearby
    doc = parsed(
        nlp,
        [
            ("Kessler", "NNP", "PROPN", "compound", 1),
            ("ministry", "NN", "NOUN", "nsubj", 2),
            ("issued", "VBD", "VERB", "ROOT", 2),
            ("statement", "NN", "NOUN", "dobj", 2),
            ("saying", "VBG", "VERB", "acl", 3),
            ("more", "JJR", "ADJ", "dobj", 4),
        ],
    )
    assert same(speaking_subject(doc[4], doc[0], [False] * len(doc), SPEECH), doc[1])


def test_campaign_named_after_a_person_is_the_campaign(nlp: Language) -> None:
    # "The Kessler campaign said ...": the campaign speaks, not Kessler
    doc = parsed(
        nlp,
        [
            ("The", "DT", "DET", "det", 2),
            ("Kessler", "NNP", "PROPN", "compound", 2),
            ("campaign", "NN", "NOUN", "nsubj", 3),
            ("said", "VBD", "VERB", "ROOT", 3),
            ("no", "UH", "INTJ", "intj", 3),
        ],
        ents=["O", "B-PERSON", "O", "O", "O"],
    )
    assert same(speaking_subject(doc[3], doc[1], [False] * len(doc), SPEECH), doc[2])


def test_campaign_of_a_person_is_kept_as_written(extract: Extract) -> None:
    text = "The Kessler campaign issued a statement saying the rally had been cancelled."
    (q,) = extract(text)
    assert q.speaker is not None
    assert q.speaker.name != "Kessler" and "campaign" in q.speaker.name


def test_relative_clause_on_a_predicate_noun_is_the_subjects(nlp: Language) -> None:
    # "Varga is a populist, a showman and a bully who has pledged ...": Varga pledged
    doc = parsed(
        nlp,
        [
            ("Varga", "NNP", "PROPN", "nsubj", 1),
            ("is", "VBZ", "AUX", "ROOT", 1),
            ("populist", "NN", "NOUN", "attr", 1),
            ("showman", "NN", "NOUN", "conj", 2),
            ("bully", "NN", "NOUN", "conj", 3),
            ("who", "WP", "PRON", "nsubj", 6),
            ("pledged", "VBD", "VERB", "relcl", 4),
            ("more", "JJR", "ADJ", "dobj", 6),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "O", "O", "O"],
    )
    assert same(speaking_subject(doc[6], doc[4], [False] * len(doc), SPEECH), doc[0])


def test_relative_clause_on_a_named_predicate_is_the_names(nlp: Language) -> None:
    # "One critic is Ada Ruiz, who said ...": Ada Ruiz said it
    doc = parsed(
        nlp,
        [
            ("critic", "NN", "NOUN", "nsubj", 1),
            ("is", "VBZ", "AUX", "ROOT", 1),
            ("Ruiz", "NNP", "PROPN", "attr", 1),
            ("who", "WP", "PRON", "nsubj", 4),
            ("said", "VBD", "VERB", "relcl", 2),
            ("no", "UH", "INTJ", "intj", 4),
        ],
        ents=["O", "O", "B-PERSON", "O", "O", "O"],
    )
    assert same(speaking_subject(doc[4], doc[2], [False] * len(doc), SPEECH), doc[2])


def test_continuation_quote_keeps_the_speaker_when_nobody_intervenes(extract: Extract) -> None:
    text = '"We will fix it," Sara Lind said.\n\n"Nobody will lose their job."\n'
    assert speaker_of(extract(text), "Nobody will") == "Sara Lind"


def test_continuation_quote_is_not_carried_past_another_person(extract: Extract) -> None:
    text = (
        '"We will fix it," Sara Lind said.\n\n'
        "Tom Weber disagreed and left the room.\n\n"
        '"Nobody will lose their job."\n'
    )
    assert speaker_of(extract(text), "Nobody will") != "Sara Lind"


def test_of_two_subjects_the_one_against_the_verb_speaks(nlp: Language) -> None:
    # 'His verdict: "It is grim," he said': "verdict" and "he" both parsed as subjects
    doc = parsed(
        nlp,
        [
            ("His", "PRP$", "PRON", "poss", 1),
            ("verdict", "NN", "NOUN", "nsubj", 8),
            (":", ":", "PUNCT", "punct", 1),
            ("It", "PRP", "PRON", "nsubj", 4),
            ("is", "VBZ", "AUX", "ccomp", 8),
            ("grim", "JJ", "ADJ", "acomp", 4),
            (",", ",", "PUNCT", "punct", 8),
            ("he", "PRP", "PRON", "nsubj", 8),
            ("said", "VBD", "VERB", "ROOT", 8),
        ],
    )
    excluded = [False, False, False, True, True, True, True, False, False]
    assert same(speaking_subject(doc[8], doc[1], excluded, SPEECH), doc[7])


def test_verb_that_cannot_agree_with_the_inner_subject_is_the_reporters(
    nlp: Language,
) -> None:
    # "Critics fear that Kim has missed a chance and warn ...": "Kim ... warn" cannot agree,
    # and "has ... warn" shares no tense, so the critics warn
    doc = parsed(
        nlp,
        [
            ("Critics", "NNS", "NOUN", "nsubj", 1),
            ("fear", "VBP", "VERB", "ROOT", 1),
            ("that", "IN", "SCONJ", "mark", 5),
            ("Kim", "NNP", "PROPN", "nsubj", 5),
            ("has", "VBZ", "AUX", "aux", 5),
            ("missed", "VBN", "VERB", "ccomp", 1),
            ("chance", "NN", "NOUN", "dobj", 5),
            ("and", "CC", "CCONJ", "cc", 5),
            ("warn", "VB", "VERB", "conj", 5),
            ("more", "JJR", "ADJ", "dobj", 8),
        ],
    )
    assert same(speaking_subject(doc[8], doc[3], [False] * len(doc), SPEECH), doc[0])


def test_verb_that_agrees_stays_in_its_clause(nlp: Language) -> None:
    # "Critics fear that the aides have missed a chance and warn ...": could be the aides'
    doc = parsed(
        nlp,
        [
            ("Critics", "NNS", "NOUN", "nsubj", 1),
            ("fear", "VBP", "VERB", "ROOT", 1),
            ("that", "IN", "SCONJ", "mark", 5),
            ("aides", "NNS", "NOUN", "nsubj", 5),
            ("have", "VBP", "AUX", "aux", 5),
            ("missed", "VBN", "VERB", "ccomp", 1),
            ("chance", "NN", "NOUN", "dobj", 5),
            ("and", "CC", "CCONJ", "cc", 5),
            ("warn", "VB", "VERB", "conj", 5),
            ("more", "JJR", "ADJ", "dobj", 8),
        ],
    )
    assert same(speaking_subject(doc[8], doc[3], [False] * len(doc), SPEECH), doc[3])


def test_subject_of_a_clause_joined_to_a_run_on_report_is_a_main_subject(
    nlp: Language,
) -> None:
    # "Cole said it was over. ¶ Others agreed, but Brooks disagreed.": the parser hung the
    # second paragraph on "said"; "Brooks" is still the subject a later "he" continues.
    doc = parsed(
        nlp,
        [
            ("Cole", "NNP", "PROPN", "nsubj", 1),
            ("said", "VBD", "VERB", "ROOT", 1),
            ("Others", "NNS", "NOUN", "nsubj", 3),
            ("agreed", "VBD", "VERB", "ccomp", 1),
            ("but", "CC", "CCONJ", "cc", 3),
            ("Brooks", "NNP", "PROPN", "nsubj", 6),
            ("disagreed", "VBD", "VERB", "conj", 3),
        ],
    )
    para = [0, 0, 1, 1, 1, 1, 1]
    assert _main_subject(doc[5], para, SPEECH)
    assert not _main_subject(doc[5], [0] * len(doc), SPEECH)  # one paragraph: a report's


def test_nearest_name_skips_names_inside_a_relative_clause_or_owning_a_role(
    nlp: Language,
) -> None:
    # "Ruiz, head of Open Roads, a union that backed Kent, said ...", parsed so that "said"
    # has no subject: neither Kent (in the relative clause) nor Open Roads (whose head she
    # is) said it.
    doc = parsed(
        nlp,
        [
            ("Ruiz", "NNP", "PROPN", "nsubj", 12),  # 0
            (",", ",", "PUNCT", "punct", 0),
            ("head", "NN", "NOUN", "appos", 0),
            ("of", "IN", "ADP", "prep", 2),
            ("Open", "NNP", "PROPN", "compound", 5),
            ("Roads", "NNP", "PROPN", "pobj", 3),  # 5
            (",", ",", "PUNCT", "punct", 5),
            ("a", "DT", "DET", "det", 8),
            ("union", "NN", "NOUN", "appos", 5),
            ("that", "WDT", "PRON", "nsubj", 10),
            ("backed", "VBD", "VERB", "relcl", 8),  # 10
            ("Kent", "NNP", "PROPN", "dobj", 10),
            ("spoke", "VBD", "VERB", "ROOT", 12),
            (",", ",", "PUNCT", "punct", 14),
            ("said", "VBD", "VERB", "conj", 12),  # 14
        ],
        ents=["B-PERSON", "O", "O", "O", "B-ORG", "I-ORG", *["O"] * 5, "B-PERSON", "O", "O", "O"],
    )
    found = _nearest_subject(doc[14], [False] * len(doc), [0] * len(doc))
    assert same(found, doc[0])


def test_adjective_parsed_as_subject_with_the_noun_as_its_conjunct(nlp: Language) -> None:
    # "Current and former aides said ...", parsed with "Current" as the subject
    doc = parsed(
        nlp,
        [
            ("Current", "JJ", "ADJ", "nsubj", 4),
            ("and", "CC", "CCONJ", "cc", 0),
            ("former", "JJ", "ADJ", "amod", 3),
            ("aides", "NNS", "NOUN", "conj", 0),
            ("said", "VBD", "VERB", "ROOT", 4),
        ],
    )
    m = analyse_mention(doc[0])
    assert m is not None and m.kind == "group" and m.name == "Current and former aides"


def test_name_before_a_dashed_insertion_speaks_the_cue_after_it(nlp: Language) -> None:
    # "Kent - who said he would win - said ...", parsed with the second "said" hung inside
    # the insertion: the name before the opening dash is its subject.
    rows = [
        ("Kent", "NNP", "PROPN", "ROOT", 0),  # 0
        ("-", ":", "PUNCT", "punct", 0),
        ("who", "WP", "PRON", "nsubj", 3),
        ("said", "VBD", "VERB", "relcl", 0),
        ("he", "PRP", "PRON", "nsubj", 5),
        ("would", "MD", "AUX", "ccomp", 3),  # 5
        ("win", "VB", "VERB", "xcomp", 5),
        ("-", "HYPH", "PUNCT", "punct", 8),
        ("said", "VBD", "VERB", "dobj", 6),  # 8
    ]
    doc = parsed(nlp, rows, ents=["B-PERSON", *["O"] * 8])
    assert same(_dashed_insertion_subject(doc[8], [False] * len(doc)), doc[0])
    # the dashes close an aside on an object ("the chief of Ora - the firm that ... -"): no
    rows[0] = ("Kent", "NNP", "PROPN", "pobj", 3)
    doc = parsed(nlp, rows, ents=["B-PERSON", *["O"] * 8])
    assert _dashed_insertion_subject(doc[8], [False] * len(doc)) is None


def test_subject_of_a_lead_the_parse_ran_into_the_quotation(hand_parsed: HandParsed) -> None:
    # 'Ann Lee delivered a message to them: "It is time to stop."', parsed with the
    # quotation's "is" as the root and the lead as its clausal complement
    rows = [
        ("Ann", "NNP", "PROPN", "compound", 1, True),
        ("Lee", "NNP", "PROPN", "nsubj", 2, True),
        ("delivered", "VBD", "VERB", "ccomp", 10, True),
        ("a", "DT", "DET", "det", 4, True),
        ("message", "NN", "NOUN", "dobj", 2, True),
        ("to", "IN", "ADP", "prep", 2, True),
        ("them", "PRP", "PRON", "pobj", 5, False),
        (":", ":", "PUNCT", "punct", 2, True),
        ('"', "``", "PUNCT", "punct", 10, False),
        ("It", "PRP", "PRON", "nsubj", 10, True),
        ("is", "VBZ", "AUX", "ROOT", 10, True),
        ("time", "NN", "NOUN", "attr", 10, True),
        ("to", "TO", "PART", "aux", 13, True),
        ("stop", "VB", "VERB", "relcl", 11, False),
        (".", ".", "PUNCT", "punct", 10, False),
        ('"', "''", "PUNCT", "punct", 10, False),
    ]
    doc = hand_parsed(rows, ["B-PERSON", "I-PERSON", *["O"] * 14])
    [quote] = extract(doc)
    assert quote.text == "It is time to stop."
    assert quote.speaker is not None and quote.speaker.name == "Ann Lee"


def test_name_tagged_an_organization_with_a_ceo_in_apposition_is_a_person(
    nlp: Language,
) -> None:
    # "Vale, the former Acme CEO, made an appearance", with NER's ORG for "Vale" and the
    # tagger's NNP for "CEO"
    doc = parsed(
        nlp,
        [
            ("Vale", "NNP", "PROPN", "nsubj", 7),
            (",", ",", "PUNCT", "punct", 0),
            ("the", "DT", "DET", "det", 5),
            ("former", "JJ", "ADJ", "amod", 5),
            ("Acme", "NNP", "PROPN", "compound", 5),
            ("CEO", "NNP", "PROPN", "appos", 0),
            (",", ",", "PUNCT", "punct", 0),
            ("made", "VBD", "VERB", "ROOT", 7),
        ],
        ents=["B-ORG", "O", "O", "O", "B-ORG", "O", "O", "O"],
    )
    m = analyse_mention(doc[0])
    assert m is not None and m.speaker_kind == "person"


def test_verb_joined_to_a_passive_shares_its_subject_not_its_agent(
    extract: Extract,
) -> None:
    text = (
        'Mara Quill was joined on stage by Tom Kent and joked, "You are all being'
        ' ridiculous," drawing jeers.'
    )
    assert speaker_of(extract(text), "You are all") == "Mara Quill"


def test_participle_after_a_closing_mark_is_set_off_by_the_comma_inside_it(
    nlp: Language,
) -> None:
    # 'Lee told them that Kent “had lost,” adding ...': the comma sits inside the mark
    doc = parsed(
        nlp,
        [
            ("Lee", "NNP", "PROPN", "nsubj", 1),
            ("told", "VBD", "VERB", "ROOT", 1),
            ("them", "PRP", "PRON", "dobj", 1),
            ("that", "IN", "SCONJ", "mark", 6),
            ("Kent", "NNP", "PROPN", "nsubj", 6),
            ("“", "``", "PUNCT", "punct", 6),
            ("had", "VBD", "AUX", "ccomp", 1),
            ("lost", "VBN", "VERB", "dobj", 6),
            (",", ",", "PUNCT", "punct", 6),
            ("”", "''", "PUNCT", "punct", 6),
            ("adding", "VBG", "VERB", "advcl", 6),
        ],
    )
    speaker = speaking_subject(doc[10], doc[4], [False] * len(doc), SPEECH)
    assert same(speaker, doc[0])


def test_nearest_name_is_not_an_owner(nlp: Language) -> None:
    # "Stevens, who served as Kent's aide, called ...", parsed so that "called" has no
    # subject: Kent, the owner, did not speak
    doc = parsed(
        nlp,
        [
            ("Stevens", "NNP", "PROPN", "ROOT", 0),  # 0
            (",", ",", "PUNCT", "punct", 0),
            ("who", "WP", "PRON", "nsubj", 3),
            ("served", "VBD", "VERB", "relcl", 0),
            ("as", "IN", "ADP", "prep", 3),
            ("Kent", "NNP", "PROPN", "poss", 7),  # 5
            ("'s", "POS", "PART", "case", 5),
            ("aide", "NN", "NOUN", "pobj", 4),
            (",", ",", "PUNCT", "punct", 7),
            ("called", "VBD", "VERB", "acl", 7),  # 9
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "B-PERSON", "O", "O", "O", "O"],
    )
    assert same(_nearest_subject(doc[9], [False] * len(doc), [0] * len(doc)), doc[0])


def test_name_hung_on_the_organization_closing_a_role_is_the_role_holder(
    nlp: Language,
) -> None:
    # "The director of the Centre, Ina Berg, told ...", with "Ina Berg" parsed as the
    # appositive of "Centre": an organization has no person in apposition
    doc = parsed(
        nlp,
        [
            ("The", "DT", "DET", "det", 1),
            ("director", "NN", "NOUN", "nsubj", 9),
            ("of", "IN", "ADP", "prep", 1),
            ("the", "DT", "DET", "det", 4),
            ("Centre", "NNP", "PROPN", "pobj", 2),
            (",", ",", "PUNCT", "punct", 4),
            ("Ina", "NNP", "PROPN", "compound", 7),
            ("Berg", "NNP", "PROPN", "appos", 4),
            (",", ",", "PUNCT", "punct", 1),
            ("told", "VBD", "VERB", "ROOT", 9),
        ],
        ents=["O", "O", "O", "B-ORG", "I-ORG", "O", "B-PERSON", "I-PERSON", "O", "O"],
    )
    m = analyse_mention(doc[1])
    assert m is not None and m.kind == "name" and m.name == "Ina Berg"


def test_name_opening_a_sentence_whose_verb_has_no_subject_is_one(nlp: Language) -> None:
    # "And Kent, for all his work, seems to agree", parsed with "Kent" as an adverbial
    doc = parsed(
        nlp,
        [
            ("And", "CC", "CCONJ", "cc", 7),
            ("Kent", "NNP", "PROPN", "npadvmod", 7),
            (",", ",", "PUNCT", "punct", 7),
            ("for", "IN", "ADP", "prep", 7),
            ("all", "PDT", "DET", "predet", 6),
            ("his", "PRP$", "PRON", "poss", 6),
            ("work", "NN", "NOUN", "pobj", 3),
            ("seems", "VBZ", "VERB", "ROOT", 7),
            ("to", "TO", "PART", "aux", 9),
            ("agree", "VB", "VERB", "xcomp", 7),
        ],
        ents=["O", "B-PERSON", *["O"] * 8],
    )
    assert _opening_name_without_verb(doc[1])
    assert not _opening_name_without_verb(doc[6])


def test_subject_of_a_speech_verb_in_a_subordinate_clause_is_not_a_main_subject(
    nlp: Language,
) -> None:
    # "Nevins said he went ahead because Lynch agreed": a later "he" is still Nevins
    doc = parsed(
        nlp,
        [
            ("Nevins", "NNP", "PROPN", "nsubj", 1),
            ("said", "VBD", "VERB", "ROOT", 1),
            ("he", "PRP", "PRON", "nsubj", 3),
            ("went", "VBD", "VERB", "ccomp", 1),
            ("ahead", "RB", "ADV", "advmod", 3),
            ("because", "IN", "SCONJ", "mark", 7),
            ("Lynch", "NNP", "PROPN", "nsubj", 7),
            ("agreed", "VBD", "VERB", "advcl", 3),
        ],
    )
    speech = SPEECH | {"agree"}
    assert _main_subject(doc[0], [0] * len(doc), speech)
    assert not _main_subject(doc[6], [0] * len(doc), speech)


def test_relative_clause_cue_with_its_own_subject_is_that_subjects(nlp: Language) -> None:
    # "the department, which she said kept the files": "which" belongs to "kept"
    doc = parsed(
        nlp,
        [
            ("the", "DT", "DET", "det", 1),
            ("department", "NN", "NOUN", "ROOT", 1),
            (",", ",", "PUNCT", "punct", 1),
            ("which", "WDT", "PRON", "nsubj", 5),
            ("she", "PRP", "PRON", "nsubj", 5),
            ("said", "VBD", "VERB", "relcl", 1),
            ("kept", "VBD", "VERB", "ccomp", 5),
            ("files", "NNS", "NOUN", "dobj", 6),
        ],
    )
    assert same(_subject_of(doc[5], [False] * len(doc)), doc[4])


def test_name_of_a_thing_owned_through_whose_is_not_the_nearest_speaker(
    nlp: Language,
) -> None:
    # "Lund, whose firm, Acme, builds boats, said ...", parsed so that "said" has no subject
    doc = parsed(
        nlp,
        [
            ("Lund", "NNP", "PROPN", "nsubj", 7),  # 0
            (",", ",", "PUNCT", "punct", 0),
            ("whose", "WP$", "PRON", "poss", 3),
            ("firm", "NN", "NOUN", "appos", 0),
            (",", ",", "PUNCT", "punct", 3),
            ("Acme", "NNP", "PROPN", "appos", 3),  # 5
            (",", ",", "PUNCT", "punct", 0),
            ("builds", "VBZ", "VERB", "ccomp", 10),
            ("boats", "NNS", "NOUN", "dobj", 7),
            (",", ",", "PUNCT", "punct", 10),
            ("said", "VBD", "VERB", "ROOT", 10),  # 10
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "B-ORG", *["O"] * 5],
    )
    assert same(_nearest_subject(doc[10], [False] * len(doc), [0] * len(doc)), doc[0])


def test_participle_hung_on_the_noun_of_an_adjunct_is_the_clause_subjects(
    nlp: Language,
) -> None:
    # "The firms hid them, in many cases reporting other numbers": "reporting" parsed as a
    # modifier of "cases"
    doc = parsed(
        nlp,
        [
            ("The", "DT", "DET", "det", 1),
            ("firms", "NNS", "NOUN", "nsubj", 2),
            ("hid", "VBD", "VERB", "ROOT", 2),
            ("them", "PRP", "PRON", "dobj", 2),
            (",", ",", "PUNCT", "punct", 2),
            ("in", "IN", "ADP", "prep", 2),
            ("many", "JJ", "ADJ", "amod", 7),
            ("cases", "NNS", "NOUN", "pobj", 5),
            ("reporting", "VBG", "VERB", "acl", 7),
            ("other", "JJ", "ADJ", "amod", 10),
            ("numbers", "NNS", "NOUN", "dobj", 8),
        ],
    )
    found = missing_subject(doc[8], [False] * len(doc), [0] * len(doc))
    assert same(found, doc[1])


def test_that_cut_off_by_a_comma_still_opens_the_reported_clause(nlp: Language) -> None:
    # "Lee joked that, among friends, Kent ranks last", parsed with "that" as the subject
    doc = parsed(
        nlp,
        [
            ("Lee", "NNP", "PROPN", "nsubj", 1),
            ("joked", "VBD", "VERB", "ROOT", 1),
            ("that", "DT", "PRON", "nsubj", 8),
            (",", ",", "PUNCT", "punct", 8),
            ("among", "IN", "ADP", "prep", 8),
            ("friends", "NNS", "NOUN", "pobj", 4),
            (",", ",", "PUNCT", "punct", 8),
            ("Kent", "NNP", "PROPN", "compound", 8),
            ("ranks", "VBZ", "VERB", "ccomp", 1),
            ("last", "RB", "ADV", "advmod", 8),
        ],
    )
    assert _that_clause(doc[1])
