"""Which paragraphs the skim benchmark parses: selection and offsets, without the model."""

from __future__ import annotations

from bench.skim_select import PLACEHOLDER, cue_forms, skim
from quotes.extract.types import ExtractedQuote

HEADLINE = "Council delays the vote on the port."
BACKGROUND = "The port handles a third of the region's grain exports."
QUOTED = '"We need more time," Anna Berg said on Tuesday.'
REPORTED = "Peter Novak told reporters the delay would cost the city."
ACCORDING = "The plan will cost 40 million euros, according to the council."
WEATHER = "Rain is expected for the rest of the week in the harbour district."


def article(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def test_paragraph_without_cue_is_blanked_and_offsets_stay() -> None:
    text = article(HEADLINE, BACKGROUND, QUOTED, WEATHER, REPORTED)
    skimmed = skim(text)
    assert len(skimmed.text) == len(text)
    assert skimmed.paragraphs == 5
    blanked = [text[s:e] for s, e in skimmed.blanked]
    assert blanked == [BACKGROUND, WEATHER]
    for s, e in skimmed.blanked:
        assert skimmed.text[s:e] == PLACEHOLDER + " " * (e - s - 1)
    # Everything outside the blanked paragraphs is the article, character for character.
    for para in (HEADLINE, QUOTED, REPORTED):
        start = text.index(para)
        assert skimmed.text[start : start + len(para)] == para
    assert skimmed.text.count("\n") == text.count("\n")


def test_every_kind_of_attribution_keeps_its_paragraph() -> None:
    closing_colon = "The minister made the following comment:"
    curly = "“No deal,” the minister replied."
    single = "‘We are ready to go now, whatever happens next,’ Berg shrugged."
    text = article(HEADLINE, ACCORDING, WEATHER, closing_colon, curly, WEATHER, single, WEATHER)
    skimmed = skim(text)
    kept = [p for p in text.split("\n\n") if not any(text[s:e] == p for s, e in skimmed.blanked)]
    assert kept == [HEADLINE, ACCORDING, closing_colon, curly, single]


def test_context_keeps_the_paragraph_before_a_pronoun() -> None:
    named = "Maria Lopez, the harbour master, spent the morning at the docks."
    pronoun = "She said the cranes were too old."
    text = article(HEADLINE, WEATHER, named, pronoun)
    assert [text[s:e] for s, e in skim(text).blanked] == [WEATHER]
    assert [text[s:e] for s, e in skim(text, context=0).blanked] == [WEATHER, named]
    # A paragraph naming its speaker needs nothing before it.
    text = article(HEADLINE, WEATHER, named, REPORTED)
    assert [text[s:e] for s, e in skim(text).blanked] == [WEATHER, named]
    everything = skim(text, context=1, context_only_for_pronouns=False)
    assert [text[s:e] for s, e in everything.blanked] == [WEATHER]


def test_a_paragraph_the_parser_may_run_on_is_kept_with_its_neighbour() -> None:
    unfinished = "Port authority statement on Tuesday"  # a caption: no full stop
    text = article(HEADLINE, WEATHER, unfinished, REPORTED)
    assert [text[s:e] for s, e in skim(text).blanked] == [WEATHER]


def test_nothing_to_blank_returns_the_text_itself() -> None:
    text = article(HEADLINE, QUOTED, REPORTED)
    skimmed = skim(text)
    assert skimmed.text is text and skimmed.blanked == ()


def test_hostile_text_keeps_its_length_and_never_raises() -> None:
    weird = "\x1b[31m\u202e\u200b" + "x" * 50 + "\r"
    text = article(HEADLINE, weird, "", "   ", REPORTED, "\x00" * 5, '"' * 7, "\n\n\n")
    skimmed = skim(text)
    assert len(skimmed.text) == len(text)
    assert skim("").text == "" and skim("\n\n").blanked == ()


def test_cue_forms_come_from_the_extractors_lexicon() -> None:
    forms = cue_forms()
    assert {"said", "says", "told", "quipped", "admitted", "according", "stated"} <= forms
    # Mostly nouns in news text: not a reason to parse a paragraph.
    assert not {"states", "point", "post", "went"} & forms


def quote_at(text: str, words: str, mention: tuple[int, int] | None = None) -> ExtractedQuote:
    start = text.index(words)
    return ExtractedQuote(
        start=start,
        end=start + len(words),
        text=words,
        type="indirect",
        confidence=0.5,
        mention_start=mention[0] if mention else None,
        mention_end=mention[1] if mention else None,
    )


def test_exact_only_when_nothing_reaches_a_blanked_paragraph() -> None:
    text = article(HEADLINE, BACKGROUND, REPORTED)
    skimmed = skim(text)
    inside = quote_at(text, "the delay would cost the city")
    assert skimmed.exact(inside)
    across = quote_at(text, "exports.\n\nPeter")
    assert not skimmed.exact(across)
    background = text.index(BACKGROUND)
    assert not skimmed.exact(quote_at(text, "the city", (background + 4, background + 8)))
    assert skimmed.covers(None, None)
