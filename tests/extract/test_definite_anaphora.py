"""A bare definite noun ("the group", "the fund") refers back to the body the article named
with that noun at its head (issue 14: descriptors resolved to whom they refer to), on
sentences of our own."""

from __future__ import annotations

from collections.abc import Callable

SpeakerOf = Callable[[str, str], str | None]


def test_the_group_is_the_trade_group_that_spoke_before(speaker_of: SpeakerOf) -> None:
    text = (
        "The Harbor Authority approved the plan on Monday. Later, the trade group for the"
        " regional ferry lines said the fares were out of balance. The group also warned"
        " that service would suffer."
    )
    assert speaker_of(text, "service would suffer") == "trade group for the regional ferry lines"


def test_the_fund_is_the_named_fund(speaker_of: SpeakerOf) -> None:
    text = (
        "The Northern Pension Fund said on Monday that returns had fallen. The fund added"
        " that it would sell its coal holdings."
    )
    assert speaker_of(text, "coal holdings") == "Northern Pension Fund"


def test_a_noun_that_only_modifies_a_name_is_not_its_head(speaker_of: SpeakerOf) -> None:
    """ "the newspaper" is not the newspaper's editorial that spoke before it."""
    text = (
        "The newspaper's editorial said the mayor should resign. The newspaper later"
        " reported that the mayor had hired a lawyer."
    )
    assert speaker_of(text, "hired a lawyer") != "newspaper's editorial"
