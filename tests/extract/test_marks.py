"""The quote-mark scanner on short texts of our own."""

from __future__ import annotations

import pytest

from quotes.extract.marks import find_quotes, is_apostrophe


def contents(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ('She said "we will win" and left.', ["we will win"]),
        ("She said “we will win” and left.", ["we will win"]),
        ("Il a dit «nous gagnerons» hier.", ["nous gagnerons"]),
        ("He said ``we will win'' today.", ["we will win"]),
        ("He said ''we will win'' today.", ["we will win"]),
        ('"One," he said, "two."', ["One,", "two."]),
    ],
)
def test_mark_styles(text: str, want: list[str]) -> None:
    assert contents(text) == want


def test_single_quotes_inside_double_stay_inside() -> None:
    text = "He said “the ‘so-called’ deal is dead” on Monday."
    assert contents(text) == ["the ‘so-called’ deal is dead"]


def test_multi_sentence_quote_is_one_quote() -> None:
    text = '"We are ready. We have always been ready," the minister said.'
    assert contents(text) == ["We are ready. We have always been ready,"]


def test_paragraph_continuation_is_one_quote() -> None:
    text = '"The first paragraph runs on.\n\n"The second one closes," she said.'
    (q,) = find_quotes(text)
    assert text[q.start : q.end].startswith("The first") and q.end == text.index(',"') + 1
    assert q.paragraphs == 2 and q.closed


def test_quote_broken_over_lines_without_reopening() -> None:
    text = 'Words "one\ntwo\nthree." more words'
    assert contents(text) == ["one\ntwo\nthree."]


def test_unclosed_quote_ends_at_its_paragraph() -> None:
    text = '"At least we tried to manage it.\n\nThe talks ended on Friday.'
    (q,) = find_quotes(text)
    assert text[q.start : q.end] == "At least we tried to manage it."
    assert not q.closed


def test_stray_closing_mark_is_ignored() -> None:
    text = 'uneasy on Gilmer street"\nPolice said "we are looking into it," on Tuesday.'
    assert contents(text) == ["we are looking into it,"]


@pytest.mark.parametrize(
    "text",
    [
        "Russia's army doesn't move.",
        "In the '90s the alliance grew.",
        "Jones' cow was better.",
        "Rock 'n' roll never dies.",
    ],
)
def test_apostrophes_are_not_quotes(text: str) -> None:
    assert find_quotes(text) == []
    marks = [i for i, ch in enumerate(text) if ch in "'’"]
    assert all(is_apostrophe(text, i) for i in marks)


def test_apostrophes_inside_a_quote_do_not_split_it() -> None:
    text = "\"Where are the horses' carrots? Don't ask,\" he said."
    assert contents(text) == ["Where are the horses' carrots? Don't ask,"]


@pytest.mark.parametrize("text", ["", "   \n\n  ", '"', "“", '" "', 'a " b'])
def test_degenerate_texts(text: str) -> None:
    for q in find_quotes(text):
        assert 0 <= q.start < q.end <= len(text)


def test_quotation_inside_a_quotation_stays_inside() -> None:
    text = "“I’d rather live in what he calls “hell” than live with him.” ― Ana Ruiz"
    assert contents(text) == ["I’d rather live in what he calls “hell” than live with him."]


def test_missing_closer_before_a_new_quote_splits() -> None:
    text = "“First part, he said, “second part.”"
    assert contents(text) == ["First part, he said,", "second part."]


def test_curly_quotation_inside_a_straight_one() -> None:
    text = '"PENCE: She thinks this is an episode of “Shark Tank.” But this is America.\n\nNext.'
    assert contents(text) == [
        "PENCE: She thinks this is an episode of “Shark Tank.” But this is America."
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("‘We will win this fight,’ the minister said. ‘Nobody doubts it.’",
         ["We will win this fight,", "Nobody doubts it."]),
        ("‘We want the players’ union to agree,’ he said.",
         ["We want the players’ union to agree,"]),
        ("In the ‘so-called’ peace deal, ‘nothing is agreed’, he said.", ["nothing is agreed"]),
        ("Russia is ‘an existential threat’ to the West.", []),
    ],
)  # fmt: skip
def test_curly_single_quotes_as_primary_marks(text: str, want: list[str]) -> None:
    assert contents(text) == want


def test_single_quotes_are_not_read_where_double_marks_are_used() -> None:
    text = "He said “the ‘so-called’ deal is dead,” and left. ‘Not so,’ she said."
    assert contents(text) == ["the ‘so-called’ deal is dead,"]


def test_a_stray_straight_opener_does_not_carry_into_a_curly_paragraph() -> None:
    # copy set with curly marks, a stray straight mark opening a paragraph of narration
    text = (
        '"The senator walked onto the stage.\n\n'
        "“That’s right, we are back,” Ann Lee said to him.\n\n"
        '"We will win," she said.\n\n'
        '"We always do."'
    )
    assert contents(text) == ["That’s right, we are back,", "We will win,", "We always do."]


def test_a_quotation_carried_over_a_paragraph_break_in_its_own_style() -> None:
    text = "“We will win.\n\n“We always do,” she said."
    assert contents(text) == ["We will win.\n\n“We always do,"]


def test_closer_set_a_space_after_an_inner_closer() -> None:
    """'the 'Title Sponsor,' " he wrote': typesetters put a space between adjacent marks."""
    text = '"This is why he is the \'Top Donor,\' " Ann Lee wrote. "Next one."'
    spans = [text[q.start : q.end] for q in find_quotes(text)]
    assert spans == ["This is why he is the 'Top Donor,'", "Next one."]


def test_closer_set_a_space_after_the_closing_comma() -> None:
    """ "... coalitions, '' said Mr. Lund": the spaced mark closes; the cue follows."""
    text = "''He built coalitions, '' said Mr. Lund. ''He does not see it that way.''"
    spans = [text[q.start : q.end] for q in find_quotes(text)]
    assert spans == ["He built coalitions,", "He does not see it that way."]
