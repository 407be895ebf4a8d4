"""A reported "that" clause the parse hangs on the noun of the cue's adjunct ("said in a
statement that ...") is still what was said (issue 14), on sentences of our own; a relative
clause there ("a statement that was published ...") is not. And speech verbs that report
what was said before or what will come ("repeated that", "forecast that", "concluded that")."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from quotes.extract import ExtractedQuote

Extract = Callable[[str], list[ExtractedQuote]]


def reports(quotes: list[ExtractedQuote]) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.speaker.name if q.speaker else None, q.cue) for q in quotes]


@pytest.mark.parametrize(
    ("text", "said", "who", "cue"),
    [
        (
            "Mira Holt told reporters on Friday during a news conference that she may "
            "wait until March to decide.",
            "she may wait until March to decide",
            "Mira Holt",
            "told",
        ),
        (
            "Tomas Ek says in a statement that the ferry will run again in spring.",
            "the ferry will run again in spring",
            "Tomas Ek",
            "says",
        ),
        (
            "The mayor criticised the budget, claiming without any evidence that the council "
            "had hidden costs.",
            "the council had hidden costs",
            "mayor",
            "claiming",
        ),
    ],
)
def test_a_that_clause_on_the_adjuncts_noun_is_reported(
    extract: Extract, text: str, said: str, who: str, cue: str
) -> None:
    assert reports(extract(text)) == [(said, who, cue)]


def test_a_relative_clause_on_the_adjuncts_noun_is_not(extract: Extract) -> None:
    quotes = extract("Tomas Ek spoke in a hall that was built in 1905 by the town's miners.")
    assert quotes == []


@pytest.mark.parametrize(
    ("text", "said", "cue"),
    [
        (
            "Lena Sork repeated that the port would stay open.",
            "the port would stay open",
            "repeated",
        ),
        (
            "Lena Sork had forecast that prices would fall by June.",
            "prices would fall by June",
            "had forecast",
        ),
        (
            "Lena Sork concluded that the old bridge could not be saved.",
            "the old bridge could not be saved",
            "concluded",
        ),
    ],
)
def test_verbs_that_report_again_or_ahead_are_cues(
    extract: Extract, text: str, said: str, cue: str
) -> None:
    assert reports(extract(text)) == [(said, "Lena Sork", cue)]
