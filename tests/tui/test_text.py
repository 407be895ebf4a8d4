"""The workbench's literal-text helpers: markup stays text, escapes show, offsets still land."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quotes.text_safety import visible
from quotes.tui.text import cell, highlighted, input_safe, literal, literal_block

UNSAFE = st.sampled_from(["\x1b", "\x07", "\x00", "\n", "\r", "\t", "\u202e", "\u200b", "\x9b"])
RAW = st.lists(UNSAFE | st.text(max_size=4), max_size=12).map("".join)


def test_markup_is_text() -> None:
    text = literal("[@click=app.quit]Press here[/] and [bold red]x[/]")
    assert text.plain == "[@click=app.quit]Press here[/] and [bold red]x[/]"
    assert not text.spans


def test_escapes_are_spelled_out() -> None:
    assert literal("a\x1b]0;pwned\x07b\u202e").plain == "a\\x1b]0;pwned\\x07b\\u202e"
    assert literal_block("one\x1b\ntwo").plain == "one\\x1b\ntwo"
    assert cell("line one\nline two [/]", 12).plain == "line one li…"


def test_the_quote_is_highlighted_after_escapes_before_it() -> None:
    raw = "\x1b[31m\x1b]0;t\x07 said: QUOTE here"
    start = raw.index("QUOTE")
    text = highlighted(raw, [(start, start + 5, "bold")])
    (span,) = text.spans
    assert text.plain[span.start : span.end] == "QUOTE"


def test_later_spans_win_and_offsets_are_clamped() -> None:
    text = highlighted("ab\x1bcd", [(0, 99, "red"), (2, 3, "bold"), (4, 4, "blue")])
    assert [(s.start, s.end, s.style) for s in text.spans] == [(0, 8, "red"), (2, 6, "bold")]


@given(raw=RAW, a=st.integers(-2, 40), b=st.integers(-2, 40), lines=st.booleans())
def test_a_span_shows_exactly_its_stored_characters(raw: str, a: int, b: int, lines: bool) -> None:
    text = highlighted(raw, [(a, b, "bold")], lines=lines)
    lo, hi = max(0, min(len(raw), a)), max(0, min(len(raw), b))
    shown = [text.plain[s.start : s.end] for s in text.spans]
    expected = raw[lo:hi]
    if lines:
        expected = "\n".join(visible(part) for part in expected.split("\n"))
    else:
        expected = visible(expected)
    assert shown == ([expected] if lo < hi else [])
    assert all(visible(line) == line for line in text.plain.split("\n"))


@given(raw=RAW)
def test_input_pictures_keep_one_character_per_character(raw: str) -> None:
    shown = input_safe(raw)
    assert len(shown) == len(raw)
    assert visible(shown) == shown
