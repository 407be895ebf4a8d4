"""Things that look like quotes but are not: scare quotes, titles, teasers, page furniture."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from quotes.extract import ExtractedQuote
from quotes.extract.boilerplate import in_regions, is_scare_quote, is_title, teaser_regions

Extract = Callable[[str], list[ExtractedQuote]]


@pytest.mark.parametrize(
    "line",
    [
        'SEE ALSO: Kremlin Says "No Talks" With West',
        "Also on rt.com Russia is ‘a threat’ that NATO must answer",
        'READ MORE: "We will win," says minister',
        'Related: Officials "confident" about the deal',
    ],
)
def test_teaser_lines_are_regions(line: str) -> None:
    text = f"First paragraph.\n{line}\nLast paragraph."
    regions = teaser_regions(text)
    start = text.index(line)
    assert in_regions(regions, start, start + len(line))


def test_a_paragraph_opening_also_on_a_day_is_article_text(extract: Extract) -> None:
    text = "The vote was held.\n\nAlso on Thursday, Mayor Ana Ruiz said she would not appeal."
    assert teaser_regions(text) == []
    assert [q.text for q in extract(text)] == ["she would not appeal"]


def test_teaser_glued_to_the_next_sentence_ends_at_the_glue() -> None:
    text = "SEE ALSO: Troops Gather Near UkraineIn an interview, Ann Lee said it was fine."
    ((start, end),) = teaser_regions(text)
    assert text[start:end].endswith("Ukraine")


@pytest.mark.parametrize(
    "line",
    [
        "Sign up to receive our latest news!",
        "Think your friends would be interested? Share it!",
        "By submitting this form, I agree to the terms.",
        "Share this story!",
    ],
)
def test_furniture_lines(line: str) -> None:
    text = f"Body.\n{line}\n"
    start = text.index(line)
    assert in_regions(teaser_regions(text), start, start + len(line))


def test_quotes_in_teasers_are_dropped(extract: Extract) -> None:
    text = (
        'SEE ALSO: Minister Says "We Will Never Surrender The Port"\n'
        '"The port stays open," Ann Lee said.'
    )
    assert [q.text for q in extract(text)] == ["The port stays open,"]


def test_titles() -> None:
    assert is_title("One Hundred Years of Solitude")
    assert is_title("Shark Tank")
    assert not is_title("we will win the vote,")
    assert not is_title("peace")


def test_scare_quotes() -> None:
    assert is_scare_quote("peace", standalone=False)
    assert is_scare_quote("very firm", standalone=False)
    assert not is_scare_quote("Where?", standalone=True)
    assert not is_scare_quote("we are ready to talk", standalone=False)


def test_scare_quote_in_text_is_not_a_quote(extract: Extract) -> None:
    assert extract('The so-called "peace" plan was shelved in May.') == []


def test_title_with_speaker_is_not_a_quote(extract: Extract) -> None:
    quotes = extract('Ann Lee claims that her favourite film is "The Third Man".')
    assert all(q.type != "direct" for q in quotes)


def test_scare_quote_next_to_a_cue_is_not_a_quote(extract: Extract) -> None:
    quotes = extract('The Kremlin vowed to resist countries trying to "contain" Russia.')
    assert all(q.text != "contain" for q in quotes)


def test_standalone_short_quote_is_kept(extract: Extract) -> None:
    quotes = extract('"Where?"\n\n"Behind the trunk, I think!" the girl whimpered.')
    assert [q.text for q in quotes] == ["Where?", "Behind the trunk, I think!"]
