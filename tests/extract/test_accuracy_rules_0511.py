"""Extractor 0.5.11 (issue 14), on sentences of our own."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from quotes.extract import ExtractedQuote

Extract = Callable[[str], list[ExtractedQuote]]


def _who(quotes: list[ExtractedQuote]) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker.name if q.speaker else None) for q in quotes]


@pytest.mark.parametrize("order", ["name first", "description first"])
def test_a_description_naming_a_person_is_someone_else(extract: Extract, order: str) -> None:
    name = "Marta Kowalczyk says the budget is unfair.\n\n"
    description = "A spokeswoman for Marta Kowalczyk says the senator never saw the letter.\n\n"
    text = (name + description if order == "name first" else description + name) + (
        "Rival Marta Kowalczyk had mocked the plan, saying anybody who backs it "
        "“is not paying attention.”\n"
    )
    assert sorted(set(name for _, name in _who(extract(text)))) == [
        "Marta Kowalczyk",
        "spokeswoman for Marta Kowalczyk",
    ]


def test_a_surname_with_a_particle_still_merges_into_the_full_name(extract: Extract) -> None:
    text = (
        "Mayor Anna de Rossi spoke on Monday. If the council would vote on Friday, de Rossi "
        'said, "I will sign it the same day."'
    )
    assert [name for _, name in _who(extract(text))] == ["Anna de Rossi"]
