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


def test_a_new_document_is_not_the_last_organization_named(speaker_of: SpeakerOf) -> None:
    first = "The Vatican said the pope had no plans to meet him."
    text = f"{first} A court document filed Thursday says that the manager will not be charged."
    assert speaker_of(text, "will not be charged") == "court document filed Thursday"
    # a definite one refers back
    text = f"{first} The statement says that the pope is busy."
    assert speaker_of(text, "the pope is busy") == "Vatican"


def test_a_document_speaks_for_its_named_owner(speaker_of: SpeakerOf) -> None:
    assert speaker_of("The Kremlin's statement says that the talks will go on.", "talks") == (
        "Kremlin"
    )
    assert (
        speaker_of("The campaign's statement declares that the matter is concluded.", "matter")
        == "campaign's statement"
    )


def test_the_agent_of_a_count_is_part_of_the_source(speaker_of: SpeakerOf) -> None:
    text = "Clinton now has at least 723 delegates, according to a count by The Associated Press."
    assert speaker_of(text, "723 delegates") == "count by The Associated Press"
