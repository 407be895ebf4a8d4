"""Speakers the parser hides: a verb tagged as a noun, a dateline taken for the subject, a
subject clause hung before a subjectless cue, a title coordinated with the name, a share of
a group, a role word run into a name, a name before a party label, a name opening a paragraph
that the parse ran into the paragraph before. Every sentence is written for the test; each rule is
checked on a hand-built parse, so the test does not depend on how the statistical parser
happens to read one sentence."""

from __future__ import annotations

from spacy.tokens import Doc

from quotes.extract import boilerplate
from quotes.extract.extractor import extract
from quotes.extract.indirect import _embedded
from quotes.extract.speakers import analyse_mention
from tests.extract.conftest import HandParsed, Row


def _speakers(doc: Doc) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker.name if q.speaker else None) for q in extract(doc)]


# --- a third-person verb tagged as a plural noun ------------------------------------------


CLAIMS: list[Row] = [
    ("But", "CC", "CCONJ", "cc", 2, True),
    ("Kim", "NNP", "PROPN", "nsubj", 2, True),
    ("claims", "NNS", "NOUN", "ROOT", 2, True),
    ("that", "IN", "SCONJ", "mark", 6, True),
    ("he", "PRP", "PRON", "nsubj", 6, True),
    ("should", "MD", "AUX", "aux", 6, True),
    ("be", "VB", "AUX", "ccomp", 2, True),
    ("the", "DT", "DET", "det", 8, True),
    ("exception", "NN", "NOUN", "attr", 6, False),
    (".", ".", "PUNCT", "punct", 2, False),
]


def test_verb_tagged_as_a_plural_noun_still_reports(hand_parsed: HandParsed) -> None:
    doc = hand_parsed(CLAIMS, ["O", "B-PERSON", *["O"] * 8])
    assert _speakers(doc) == [("he should be the exception", "Kim")]


def test_plural_noun_with_a_that_clause_inside_a_sentence_is_no_cue(
    hand_parsed: HandParsed,
) -> None:
    # "His claims that he won were false.": the noun heads the subject, not the sentence
    rows: list[Row] = [
        ("His", "PRP$", "PRON", "poss", 1, True),
        ("claims", "NNS", "NOUN", "nsubj", 6, True),
        ("that", "IN", "SCONJ", "mark", 4, True),
        ("he", "PRP", "PRON", "nsubj", 4, True),
        ("won", "VBD", "VERB", "acl", 1, True),
        ("easily", "RB", "ADV", "advmod", 4, True),
        ("were", "VBD", "AUX", "ROOT", 6, True),
        ("false", "JJ", "ADJ", "acomp", 6, False),
        (".", ".", "PUNCT", "punct", 6, False),
    ]
    doc = hand_parsed(rows, ["O"] * len(rows))
    # not a verb that reports; since 0.5.8 the owned statement noun reports his claim
    quotes = extract(doc)
    assert all("indirect:verb" not in q.notes for q in quotes)
    assert [(q.text, "indirect:speech-act" in q.notes) for q in quotes] == [("he won easily", True)]


# --- a dateline taken for the subject, the speaker in apposition -------------------------


DATELINE_SUBJECT: list[Row] = [
    ("LISBON", "NNP", "PROPN", "nsubj", 12, True),
    ("--", ":", "PUNCT", "punct", 0, True),
    ("Mayor", "NNP", "PROPN", "compound", 4, True),
    ("Ana", "NNP", "PROPN", "compound", 4, True),
    ("Reis", "NNP", "PROPN", "appos", 0, False),
    (",", ",", "PUNCT", "punct", 12, True),
    ("opening", "VBG", "VERB", "advcl", 12, True),
    ("the", "DT", "DET", "det", 9, True),
    ("Tagus", "NNP", "PROPN", "compound", 9, True),
    ("Museum", "NNP", "PROPN", "dobj", 6, True),
    ("on", "IN", "ADP", "prep", 6, True),
    ("Friday", "NNP", "PROPN", "pobj", 10, False),
    ("said", "VBD", "VERB", "ROOT", 12, True),
    ("it", "PRP", "PRON", "nsubj", 14, True),
    ("would", "MD", "AUX", "aux", 15, True),
    ("welcome", "VB", "VERB", "ccomp", 12, True),
    ("every", "DT", "DET", "det", 17, True),
    ("visitor", "NN", "NOUN", "dobj", 15, False),
    (".", ".", "PUNCT", "punct", 12, False),
]
DATELINE_ENTS = [
    "B-GPE",
    "O",
    "O",
    "B-PERSON",
    "I-PERSON",
    "O",
    "O",
    "B-ORG",
    "I-ORG",
    "I-ORG",
    "O",
    "B-DATE",
    *["O"] * 7,
]


def test_name_in_apposition_to_a_dateline_is_the_speaker(hand_parsed: HandParsed) -> None:
    # the comma before "said" is glued in the rows above; the text reads
    # "LISBON -- Mayor Ana Reis, opening the Tagus Museum on Friday said it would ..."
    doc = hand_parsed(DATELINE_SUBJECT, DATELINE_ENTS)
    [(text, speaker)] = _speakers(doc)
    assert text.startswith("it would welcome")
    assert speaker == "Ana Reis"


def test_object_of_a_participle_set_off_after_the_subject_never_speaks(
    hand_parsed: HandParsed,
) -> None:
    doc = hand_parsed(DATELINE_SUBJECT, DATELINE_ENTS)
    said, museum, reis = doc[12], doc[9], doc[4]
    assert _embedded(museum, said)
    assert not _embedded(reis, said)


def test_sentence_opening_participle_may_hold_the_swallowed_subject(
    hand_parsed: HandParsed,
) -> None:
    # "Alarmed by the unrest, Reis said ...", with the parse putting Reis inside the
    # opening participle: she is still the one who speaks
    rows: list[Row] = [
        ("Alarmed", "VBN", "VERB", "advcl", 7, True),
        ("by", "IN", "ADP", "prep", 0, True),
        ("the", "DT", "DET", "det", 3, True),
        ("unrest", "NN", "NOUN", "pobj", 1, False),
        (",", ",", "PUNCT", "punct", 3, True),
        ("Ana", "NNP", "PROPN", "compound", 6, True),
        ("Reis", "NNP", "PROPN", "conj", 3, True),
        ("said", "VBD", "VERB", "ROOT", 7, True),
        ("so", "RB", "ADV", "advmod", 7, False),
    ]
    doc = hand_parsed(rows, ["O"] * 5 + ["B-PERSON", "I-PERSON", "O", "O"])
    assert not _embedded(doc[6], doc[7])


def test_agency_dateline_in_title_case_is_boilerplate() -> None:
    text = "Lisbon (AFP) – Mayor Ana Reis said on Friday the museum would open."
    [(start, end)] = boilerplate.dateline_regions(text)
    assert text[start:end].strip() == "Lisbon (AFP) –"
    assert text[end:].startswith("Mayor")
    # a party letter in brackets is a name's label, not an agency
    assert boilerplate.dateline_regions("Ana Reis (D) – the mayor – said so.") == []


# --- a subject clause hung before a subjectless cue -------------------------------------


def test_subject_of_the_clause_hung_before_a_subjectless_cue_speaks(
    hand_parsed: HandParsed,
) -> None:
    # "Ortiz, who sits on no committee, said the vote was rigged.", parsed with "sits" as a
    # complement of "said" and Ortiz, tagged a plural noun (NER still saw a person), as its
    # subject
    rows: list[Row] = [
        ("Ortiz", "NNS", "NOUN", "nsubj", 3, False),
        (",", ",", "PUNCT", "punct", 3, True),
        ("who", "WP", "PRON", "nsubj", 3, True),
        ("sits", "VBZ", "VERB", "ccomp", 8, True),
        ("on", "IN", "ADP", "prep", 3, True),
        ("no", "DT", "DET", "det", 6, True),
        ("committee", "NN", "NOUN", "pobj", 4, False),
        (",", ",", "PUNCT", "punct", 8, True),
        ("said", "VBD", "VERB", "ROOT", 8, True),
        ("the", "DT", "DET", "det", 10, True),
        ("vote", "NN", "NOUN", "nsubjpass", 12, True),
        ("was", "VBD", "AUX", "auxpass", 12, True),
        ("rigged", "VBN", "VERB", "ccomp", 8, False),
        (".", ".", "PUNCT", "punct", 8, False),
    ]
    ents = ["B-PERSON", *["O"] * 13]
    assert _speakers(hand_parsed(rows, ents)) == [("the vote was rigged", "Ortiz")]
    # a clause whose subject cannot speak lends no speaker ("The issue came up after ...")
    rows[0] = ("Issue", "NN", "NOUN", "nsubj", 3, False)
    assert _speakers(hand_parsed(rows, ["O"] * 14)) == [("the vote was rigged", None)]


# --- names beside titles and shares ------------------------------------------------------


def test_bare_title_coordinated_with_a_name_is_that_person(hand_parsed: HandParsed) -> None:
    # "Party contender and former surgeon Ben Ruiz responded ..."
    rows: list[Row] = [
        ("Party", "NNP", "PROPN", "compound", 1, True),
        ("contender", "NN", "NOUN", "nsubj", 7, True),
        ("and", "CC", "CCONJ", "cc", 1, True),
        ("former", "JJ", "ADJ", "amod", 4, True),
        ("surgeon", "NN", "NOUN", "compound", 6, True),
        ("Ben", "NNP", "PROPN", "compound", 6, True),
        ("Ruiz", "NNP", "PROPN", "conj", 1, True),
        ("responded", "VBD", "VERB", "ROOT", 7, False),
    ]
    ents = ["O"] * 5 + ["B-PERSON", "I-PERSON", "O"]
    m = analyse_mention(hand_parsed(rows, ents)[1])
    assert m is not None and m.name == "Ben Ruiz" and m.speaker_kind == "person"
    # "The senator and Ben Ruiz": two people, whoever the senator is
    rows[0] = ("The", "DT", "DET", "det", 1, True)
    rows[1] = ("senator", "NN", "NOUN", "nsubj", 7, True)
    m = analyse_mention(hand_parsed(rows, ents)[1])
    assert m is None or m.name != "Ben Ruiz"


def test_second_description_in_apposition_keeps_the_name_alone(
    hand_parsed: HandParsed,
) -> None:
    # "Ruiz, the party frontrunner and current polling leader, said ..."
    rows: list[Row] = [
        ("Ruiz", "NNP", "PROPN", "nsubj", 10, False),
        (",", ",", "PUNCT", "punct", 0, True),
        ("the", "DT", "DET", "det", 4, True),
        ("party", "NN", "NOUN", "compound", 4, True),
        ("frontrunner", "NN", "NOUN", "appos", 0, True),
        ("and", "CC", "CCONJ", "cc", 0, True),
        ("current", "JJ", "ADJ", "amod", 8, True),
        ("polling", "NN", "NOUN", "compound", 8, True),
        ("leader", "NN", "NOUN", "conj", 0, False),
        (",", ",", "PUNCT", "punct", 0, True),
        ("said", "VBD", "VERB", "ROOT", 10, False),
    ]
    m = analyse_mention(hand_parsed(rows, ["B-PERSON", *["O"] * 10])[0])
    assert m is not None and m.name == "Ruiz" and m.speaker_kind == "person"


def test_share_of_a_group_speaks_for_it(hand_parsed: HandParsed) -> None:
    # "A third of independents say ...": the ordinal is not a date, the share is a group
    rows: list[Row] = [
        ("A", "DT", "DET", "det", 1, True),
        ("third", "NN", "NOUN", "nsubj", 4, True),
        ("of", "IN", "ADP", "prep", 1, True),
        ("independents", "NNS", "NOUN", "pobj", 2, True),
        ("say", "VBP", "VERB", "ROOT", 4, False),
    ]
    m = analyse_mention(hand_parsed(rows, ["O", "B-ORDINAL", "O", "O", "O"])[1])
    assert m is not None and m.kind == "group" and m.name == "third of independents"
    # a share of something else is not a source
    rows[3] = ("budget", "NN", "NOUN", "pobj", 2, True)
    assert analyse_mention(hand_parsed(rows, ["O", "B-ORDINAL", "O", "O", "O"])[1]) is None


def test_role_word_run_into_a_person_entity_is_not_part_of_the_name(
    hand_parsed: HandParsed,
) -> None:
    rows: list[Row] = [
        ("Billionaire", "NNP", "PROPN", "compound", 2, True),
        ("Ana", "NNP", "PROPN", "compound", 2, True),
        ("Reis", "NNP", "PROPN", "nsubj", 3, True),
        ("praised", "VBD", "VERB", "ROOT", 3, False),
    ]
    m = analyse_mention(hand_parsed(rows, ["B-PERSON", "I-PERSON", "I-PERSON", "O"])[2])
    assert m is not None and m.name == "Ana Reis"
    rows[0] = ("Democrat", "NNP", "PROPN", "compound", 2, True)
    m = analyse_mention(hand_parsed(rows, ["B-PERSON", "I-PERSON", "I-PERSON", "O"])[2])
    assert m is not None and m.name == "Ana Reis"
    # a given name that is also a word ("Ian", "Hunter") stays
    rows[0] = ("Ian", "NNP", "PROPN", "compound", 2, True)
    m = analyse_mention(hand_parsed(rows, ["B-PERSON", "I-PERSON", "I-PERSON", "O"])[2])
    assert m is not None and m.name == "Ian Ana Reis"


# --- participles and coordinated verbs the parse hung on the wrong clause ----------------


def test_participle_hung_in_an_objects_that_clause_is_the_main_subjects(
    hand_parsed: HandParsed,
) -> None:
    # "Reis rejected the idea that the mayor would be a drag, saying crowds are proof."
    rows: list[Row] = [
        ("Reis", "NNP", "PROPN", "nsubj", 1, True),
        ("rejected", "VBD", "VERB", "ROOT", 1, True),
        ("the", "DT", "DET", "det", 3, True),
        ("idea", "NN", "NOUN", "dobj", 1, True),
        ("that", "IN", "SCONJ", "mark", 8, True),
        ("the", "DT", "DET", "det", 6, True),
        ("mayor", "NN", "NOUN", "nsubj", 8, True),
        ("would", "MD", "AUX", "aux", 8, True),
        ("be", "VB", "AUX", "acl", 3, True),
        ("a", "DT", "DET", "det", 10, True),
        ("drag", "NN", "NOUN", "attr", 8, False),
        (",", ",", "PUNCT", "punct", 8, True),
        ("saying", "VBG", "VERB", "advcl", 8, True),
        ("crowds", "NNS", "NOUN", "nsubj", 14, True),
        ("are", "VBP", "AUX", "ccomp", 12, True),
        ("proof", "NN", "NOUN", "attr", 14, False),
        (".", ".", "PUNCT", "punct", 1, False),
    ]
    doc = hand_parsed(rows, ["B-PERSON", *["O"] * 16])
    assert ("crowds are proof", "Reis") in _speakers(doc)


def test_verb_after_a_single_dash_does_not_share_the_first_clauses_subject(
    hand_parsed: HandParsed,
) -> None:
    # "It was no accident — Ana Reis, a spokeswoman for Lee, told reporters that he knew the
    # plan all along."
    rows: list[Row] = [
        ("It", "PRP", "PRON", "nsubj", 1, True),
        ("was", "VBD", "AUX", "ROOT", 1, True),
        ("no", "DT", "DET", "det", 3, True),
        ("accident", "NN", "NOUN", "attr", 1, True),
        ("—", ":", "PUNCT", "punct", 1, True),
        ("Ana", "NNP", "PROPN", "compound", 6, True),
        ("Reis", "NNP", "PROPN", "appos", 3, False),
        (",", ",", "PUNCT", "punct", 6, True),
        ("a", "DT", "DET", "det", 9, True),
        ("spokeswoman", "NN", "NOUN", "appos", 6, True),
        ("for", "IN", "ADP", "prep", 9, True),
        ("Lee", "NNP", "PROPN", "pobj", 10, False),
        (",", ",", "PUNCT", "punct", 6, True),
        ("told", "VBD", "VERB", "conj", 1, True),
        ("reporters", "NNS", "NOUN", "dobj", 13, True),
        ("that", "IN", "SCONJ", "mark", 17, True),
        ("he", "PRP", "PRON", "nsubj", 17, True),
        ("knew", "VBD", "VERB", "ccomp", 13, True),
        ("the", "DT", "DET", "det", 19, True),
        ("plan", "NN", "NOUN", "dobj", 17, True),
        ("all", "DT", "DET", "advmod", 21, True),
        ("along", "RB", "ADV", "advmod", 17, False),
        (".", ".", "PUNCT", "punct", 1, False),
    ]
    ents = ["O"] * 5 + ["B-PERSON", "I-PERSON"] + ["O"] * 4 + ["B-PERSON"] + ["O"] * 11
    doc = hand_parsed(rows, ents)
    assert _speakers(doc) == [("he knew the plan all along", "Ana Reis")]
    # a pair of dashes sets off an aside: the verbs still share the subject before it
    rows[4] = ("-", "HYPH", "PUNCT", "punct", 5, False)  # "no accident-Ana": a hyphen
    doc = hand_parsed(rows, ents)
    assert _speakers(doc) != [("he knew the plan all along", "Ana Reis")]


def test_participle_after_a_subordinate_clause_of_an_it_sentence_is_that_clauses(
    hand_parsed: HandParsed,
) -> None:
    # "It was a blow, as Reis echoed the charge, saying costs rose sharply this year."
    rows: list[Row] = [
        ("It", "PRP", "PRON", "nsubj", 1, True),
        ("was", "VBD", "AUX", "ROOT", 1, True),
        ("a", "DT", "DET", "det", 3, True),
        ("blow", "NN", "NOUN", "attr", 1, False),
        (",", ",", "PUNCT", "punct", 1, True),
        ("as", "IN", "SCONJ", "mark", 7, True),
        ("Reis", "NNP", "PROPN", "nsubj", 7, True),
        ("echoed", "VBD", "VERB", "advcl", 1, True),
        ("the", "DT", "DET", "det", 9, True),
        ("charge", "NN", "NOUN", "dobj", 7, False),
        (",", ",", "PUNCT", "punct", 1, True),
        ("saying", "VBG", "VERB", "advcl", 1, True),
        ("costs", "NNS", "NOUN", "nsubj", 13, True),
        ("rose", "VBD", "VERB", "ccomp", 11, True),
        ("sharply", "RB", "ADV", "advmod", 13, True),
        ("this", "DT", "DET", "det", 16, True),
        ("year", "NN", "NOUN", "npadvmod", 13, False),
        (".", ".", "PUNCT", "punct", 1, False),
    ]
    doc = hand_parsed(rows, ["O"] * 6 + ["B-PERSON"] + ["O"] * 11)
    assert _speakers(doc) == [("costs rose sharply this year", "Reis")]


def test_bare_infinitive_after_a_perception_verb_is_its_objects(
    hand_parsed: HandParsed,
) -> None:
    # "Voters are watching a veteran, Ana Reis, argue that power is rigged."
    rows: list[Row] = [
        ("Voters", "NNS", "NOUN", "nsubj", 2, True),
        ("are", "VBP", "AUX", "aux", 2, True),
        ("watching", "VBG", "VERB", "ROOT", 2, True),
        ("a", "DT", "DET", "det", 4, True),
        ("veteran", "NN", "NOUN", "dobj", 2, False),
        (",", ",", "PUNCT", "punct", 4, True),
        ("Ana", "NNP", "PROPN", "compound", 7, True),
        ("Reis", "NNP", "PROPN", "appos", 4, False),
        (",", ",", "PUNCT", "punct", 4, True),
        ("argue", "VBP", "VERB", "conj", 2, True),
        ("that", "IN", "SCONJ", "mark", 13, True),
        ("power", "NN", "NOUN", "nsubjpass", 13, True),
        ("is", "VBZ", "AUX", "auxpass", 13, True),
        ("rigged", "VBN", "VERB", "ccomp", 9, False),
        (".", ".", "PUNCT", "punct", 2, False),
    ]
    doc = hand_parsed(rows, ["O"] * 6 + ["B-PERSON", "I-PERSON"] + ["O"] * 7)
    assert _speakers(doc) == [("power is rigged", "Ana Reis")]
    # "Voters watch the news and say ...": one subject for both present-tense verbs
    rows[1] = ("often", "RB", "ADV", "advmod", 2, True)
    rows[2] = ("watch", "VBP", "VERB", "ROOT", 2, True)
    doc = hand_parsed(rows, ["O"] * 6 + ["B-PERSON", "I-PERSON"] + ["O"] * 7)
    assert _speakers(doc) == [("power is rigged", "Voters")]


# --- a name before a party label, the verb hung elsewhere -------------------------------


PARTY_LABEL: list[Row] = [
    ("Asked", "VBN", "VERB", "ROOT", 0, True),
    ("about", "IN", "ADP", "prep", 0, True),
    ("the", "DT", "DET", "det", 3, True),
    ("tweet", "NN", "NOUN", "pobj", 1, True),
    ("from", "IN", "ADP", "prep", 3, True),
    ("Ben", "NNP", "PROPN", "compound", 6, True),
    ("Ortiz", "NNP", "PROPN", "pobj", 4, False),
    (",", ",", "PUNCT", "punct", 0, True),
    # the parse ran the speaker into the tweet's phrase: "Speaker" in apposition to Ortiz
    ("Speaker", "NNP", "PROPN", "appos", 6, True),
    ("of", "IN", "ADP", "prep", 8, True),
    ("the", "DT", "DET", "det", 13, True),
    ("House", "NNP", "PROPN", "compound", 13, True),
    ("Ann", "NNP", "PROPN", "compound", 13, True),
    ("Lee", "NNP", "PROPN", "pobj", 9, True),
    ("(", "-LRB-", "PUNCT", "punct", 13, False),
    ("D-Wash.", "NNP", "PROPN", "appos", 13, False),
    (")", "-RRB-", "PUNCT", "punct", 13, True),
    ("said", "VBD", "VERB", "ccomp", 0, True),
    ("“", "``", "PUNCT", "punct", 20, False),
    ("it", "PRP", "PRON", "nsubj", 20, True),
    ("was", "VBD", "AUX", "ccomp", 17, True),
    ("a", "DT", "DET", "det", 22, True),
    ("mistake", "NN", "NOUN", "attr", 20, True),
    ("to", "TO", "PART", "aux", 24, True),
    ("post", "VB", "VERB", "relcl", 22, True),
    ("it", "PRP", "PRON", "dobj", 24, False),
    (".", ".", "PUNCT", "punct", 20, False),
    ("”", "''", "PUNCT", "punct", 20, False),
]


def test_the_name_before_a_party_label_speaks(hand_parsed: HandParsed) -> None:
    ents = ["O"] * 5 + ["B-PERSON", "I-PERSON"] + ["O"] * 4 + ["B-ORG"]
    ents += ["B-PERSON", "I-PERSON"] + ["O"] * 14
    assert len(ents) == len(PARTY_LABEL)
    doc = hand_parsed(PARTY_LABEL, ents)
    assert _speakers(doc) == [("it was a mistake to post it.", "Ann Lee")]


# --- a name opening a paragraph, parsed into the paragraph before -----------------------


CUT_OFF: list[Row] = [
    ("It", "PRP", "PRON", "nsubj", 1, True),
    ("is", "VBZ", "AUX", "ROOT", 1, True),
    ("time", "NN", "NOUN", "attr", 1, True),
    ("for", "IN", "ADP", "prep", 2, True),
    ("Plan", "NNP", "PROPN", "compound", 7, True),
    ("B.", "NNP", "PROPN", "compound", 7, False),
    ("\n\n", "_SP", "SPACE", "dep", 5, False),
    ("Sanders", "NNP", "PROPN", "pobj", 3, True),
    ("has", "VBZ", "AUX", "aux", 9, True),
    ("said", "VBN", "VERB", "ROOT", 9, True),
    ("that", "IN", "SCONJ", "mark", 13, True),
    ("he", "PRP", "PRON", "nsubj", 13, True),
    ("will", "MD", "AUX", "aux", 13, True),
    ("run", "VB", "VERB", "ccomp", 9, False),
    (".", ".", "PUNCT", "punct", 9, False),
]


def test_a_name_opening_a_paragraph_is_its_verbs_subject(hand_parsed: HandParsed) -> None:
    ents = ["O"] * 7 + ["B-PERSON"] + ["O"] * 7
    assert _speakers(hand_parsed(CUT_OFF, ents)) == [("he will run", "Sanders")]


# --- ", she said" closing the sentence, parsed as an adverbial clause --------------------


TRAILING_CUE: list[Row] = [
    ("Ana", "NNP", "PROPN", "compound", 1, True),
    ("Ruiz", "NNP", "PROPN", "nsubj", 2, True),
    ("spoke", "VBD", "VERB", "ROOT", 2, False),
    (".", ".", "PUNCT", "punct", 2, True),
    ("The", "DT", "DET", "det", 5, True),
    ("web", "NN", "NOUN", "nsubj", 6, True),
    ("made", "VBD", "VERB", "ROOT", 6, True),
    ("it", "PRP", "PRON", "nsubj", 8, True),
    ("easy", "JJ", "ADJ", "ccomp", 6, True),
    ("for", "IN", "ADP", "prep", 8, True),
    # the parse gave "said" two subjects: "people" and "she"
    ("people", "NNS", "NOUN", "nsubj", 15, True),
    ("to", "TO", "PART", "aux", 12, True),
    ("meet", "VB", "VERB", "acl", 10, False),
    (",", ",", "PUNCT", "punct", 15, True),
    ("she", "PRP", "PRON", "nsubj", 15, True),
    ("said", "VBD", "VERB", "advcl", 6, False),
    (".", ".", "PUNCT", "punct", 6, False),
]


def test_a_closing_she_said_parsed_as_an_adverbial_clause_reports_the_sentence(
    hand_parsed: HandParsed,
) -> None:
    ents = ["B-PERSON", "I-PERSON"] + ["O"] * 15
    doc = hand_parsed(TRAILING_CUE, ents)
    assert _speakers(doc) == [("The web made it easy for people to meet", "Ana Ruiz")]
