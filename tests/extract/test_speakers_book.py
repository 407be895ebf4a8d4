"""The article's speaker book: which earlier entity a name, a surname or a pronoun joins."""

from __future__ import annotations

from quotes.extract.speakers import Entity, Mention, SpeakerBook
from quotes.extract.types import SpeakerKind


def name(text: str, at: int, kind: SpeakerKind = "person", *, cue: bool = False) -> Mention:
    return Mention(text, at, at + len(text), "name", name=text, speaker_kind=kind, person_cue=cue)


def he(at: int) -> Mention:
    return Mention("he", at, at + 2, "pronoun", gender="m", head="he")


def test_surname_read_as_an_organization_joins_the_person() -> None:
    book = SpeakerBook()
    book.add(name("Lindqvist", 0, "organization"))  # NER's label on one mention
    full = book.add(name("Erik Lindqvist", 40, cue=True))
    again = book.add(name("Lindqvist", 90, cue=True))
    assert again is full
    assert full.kind == "person"


def test_surname_two_full_names_share_links_to_neither() -> None:
    book = SpeakerBook()
    alone = book.add(name("Moreau", 0, "organization"))
    book.add(name("Claire Moreau", 20, "organization"))  # mislabelled too
    book.add(name("Paul Moreau", 60, cue=True))
    assert book.add(name("Moreau", 120, cue=True)) is alone


def test_bare_surname_goes_to_the_person_written_about_most() -> None:
    book = SpeakerBook()
    tomas = book.add(name("Tomas Keller", 0, cue=True))
    book.add(name("Keller", 50, cue=True))
    book.add(name("Keller", 90, cue=True))
    book.add(name("Anna Keller", 140, cue=True))  # his daughter, named once
    assert book.add(name("Keller", 200, cue=True)) is tomas


def test_pronoun_skips_a_subject_nothing_marks_as_a_person() -> None:
    book = SpeakerBook()
    ines = book.add(name("Ines Bauer", 0, cue=True))
    place = book.add(name("Harbor Point", 60))  # capitalised subject, no person label
    subjects: list[tuple[int, Entity]] = [(0, ines), (60, place)]
    found, how = book.resolve(he(100), 100, subjects=subjects)
    assert found is ines and how == "pronoun"


def test_pronoun_keeps_an_unmarked_subject_that_spoke() -> None:
    book = SpeakerBook()
    ines = book.add(name("Ines Bauer", 0, cue=True))
    noor = book.add(name("Noor", 60), spoke=True)  # no label, but it said something
    subjects: list[tuple[int, Entity]] = [(0, ines), (60, noor)]
    found, _ = book.resolve(he(100), 100, subjects=subjects)
    assert found is noor
