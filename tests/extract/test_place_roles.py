"""A role bound to a place ("the Lakeland senator", "the Oregon governor") refers only to
someone the article placed there: in a compound, an appositive, "of Oregon" or an AP-style
state label ("R-Ore."). Anyone else is a guess, and a wrong guess files the quotation under
the wrong person; without evidence the role stays the source as written (issue 14). On
sentences of our own."""

from __future__ import annotations

from collections.abc import Callable

import pytest

SpeakerOf = Callable[[str, str], str | None]

LATER = "Thomas Hale said he would win. The Oregon senator said he would fight on."


@pytest.mark.parametrize(
    "introduction",
    [
        "Sen. Mara Quill (D-Ore.) spoke in Salem.",
        "Oregon Sen. Mara Quill spoke in Salem.",
        "Mara Quill, a senator from Oregon, spoke in Salem.",
        "Sen. Mara Quill of Oregon spoke in Salem.",
    ],
)
def test_the_place_names_the_person_the_article_placed_there(
    speaker_of: SpeakerOf, introduction: str
) -> None:
    assert speaker_of(f"{introduction} {LATER}", "fight on") == "Mara Quill"


def test_without_a_placed_person_the_role_stays_as_written(speaker_of: SpeakerOf) -> None:
    """The last speaker, Thomas Hale, was never said to be from Oregon."""
    assert speaker_of(LATER, "fight on") == "Oregon senator"


def test_a_place_in_a_relative_clause_does_not_place_the_person(
    speaker_of: SpeakerOf,
) -> None:
    text = f"Thomas Hale, who campaigned in Oregon last week, spoke in Boise. {LATER}"
    assert speaker_of(text, "fight on") == "Oregon senator"


def test_a_governor_of_the_state_is_not_its_senator(speaker_of: SpeakerOf) -> None:
    text = (
        "Former Oregon Gov. Paul Brand spoke in Salem. Paul Brand said the race was open."
        " The Oregon senator said he would fight on."
    )
    assert speaker_of(text, "fight on") == "Oregon senator"


def test_a_role_without_a_place_still_resolves(speaker_of: SpeakerOf) -> None:
    text = "Thomas Hale said he would win. The senator said he would fight on."
    assert speaker_of(text, "fight on") == "Thomas Hale"
