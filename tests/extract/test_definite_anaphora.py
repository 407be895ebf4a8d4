"""A bare definite noun ("the group", "the fund") refers back to the body the article named
with that noun at its head (issue 14: descriptors resolved to whom they refer to), on
sentences of our own."""

from __future__ import annotations

from collections.abc import Callable

from quotes.extract import ExtractedQuote

Extract = Callable[[str], list[ExtractedQuote]]


def speaker_of(quotes: list[ExtractedQuote], words: str) -> str | None:
    [quote] = [q for q in quotes if words in q.text]
    return quote.speaker.name if quote.speaker else None


def test_the_group_is_the_trade_group_that_spoke_before(extract: Extract) -> None:
    text = (
        "The Harbor Authority approved the plan on Monday. Later, the trade group for the"
        " regional ferry lines said the fares were out of balance. The group also warned"
        " that service would suffer."
    )
    quotes = extract(text)
    assert speaker_of(quotes, "service would suffer") == "trade group for the regional ferry lines"


def test_the_fund_is_the_named_fund(extract: Extract) -> None:
    text = (
        "The Northern Pension Fund said on Monday that returns had fallen. The fund added"
        " that it would sell its coal holdings."
    )
    assert speaker_of(extract(text), "coal holdings") == "Northern Pension Fund"


def test_a_noun_that_only_modifies_a_name_is_not_its_head(extract: Extract) -> None:
    """ "the newspaper" is not the newspaper's editorial that spoke before it."""
    text = (
        "The newspaper's editorial said the mayor should resign. The newspaper later"
        " reported that the mayor had hired a lawyer."
    )
    assert speaker_of(extract(text), "hired a lawyer") != "newspaper's editorial"
