"""Quotations whose opening and closing marks differ in style: typed straight, closed curly,
with another quotation opening in between."""

from __future__ import annotations

from quotes.extract.marks import find_quotes


def contents(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_straight_opening_closed_by_curly() -> None:
    assert contents('He said "We will win the vote.” Then he left.') == ["We will win the vote."]


def test_mixed_styles_with_a_second_quotation_in_between() -> None:
    # the straight mark at the end closes “a lie", not "nonsense
    assert contents('He called it "nonsense” and “a lie."') == ["nonsense", "a lie."]


def test_curly_closer_inside_a_straight_quotation_still_waits_for_its_own() -> None:
    assert contents('"I think ”this” is fine," he said.') == ["I think ”this” is fine,"]


def test_opening_mark_followed_by_a_space() -> None:
    assert contents("He said “ We will win the vote,” and left.") == ["We will win the vote,"]


def test_curly_closer_before_a_fresh_straight_opener_closes_the_straight_quotation() -> None:
    # the next quotation opens with a straight mark after the speaker: the curly closer
    # before it is the one the first quotation was waiting for
    text = '"Costs will rise,” said Ana Reis, the treasurer. "Some towns will struggle."'
    assert contents(text) == ["Costs will rise,", "Some towns will struggle."]
    text = '“Costs will rise," said Ana Reis. "Some towns will struggle.”'
    assert contents(text) == ["Costs will rise,", "Some towns will struggle."]
