"""`visible`: what hostile text becomes before it reaches a terminal (Hypothesis)."""

from __future__ import annotations

import string
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from quotes.text_safety import visible

BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZERO_WIDTH = set("\u200b\u200c\u200d\u2060\ufeff")
TAGS = {chr(c) for c in range(0xE0000, 0xE0080)}
INVISIBLE = {
    "\u180e",
    *map(chr, [*range(0x2061, 0x2065), *range(0x206A, 0x2070)]),
    *"\ufff9\ufffa\ufffb",
}
DANGEROUS = BIDI | ZERO_WIDTH | TAGS | INVISIBLE | {"\u2028", "\u2029"}

hostile_alphabet = st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from(sorted(DANGEROUS)),
    st.characters(max_codepoint=0x9F),  # C0, ASCII, DEL and C1 often
)


def is_unsafe(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" or ch in DANGEROUS


@given(st.text(hostile_alphabet))
def test_output_has_no_control_bidi_or_invisible_character(s: str) -> None:
    shown = visible(s)
    assert not [ch for ch in shown if is_unsafe(ch)]
    assert "\n" not in shown and "\x1b" not in shown  # one line, no escape sequence
    assert visible(shown) == shown


@given(st.text(st.sampled_from(string.printable.strip() + " ")))
def test_printable_ascii_passes_unchanged(s: str) -> None:
    assert visible(s) == s


def code(ch: str) -> str:
    n = ord(ch)
    return f"\\x{n:02x}" if n <= 0xFF else f"\\u{n:04x}" if n <= 0xFFFF else f"\\U{n:08x}"


@given(st.text(hostile_alphabet))
def test_every_unsafe_character_becomes_its_code(s: str) -> None:
    """Nothing disappears and nothing else changes: each unsafe character becomes its code."""
    assert visible(s) == "".join(code(ch) if is_unsafe(ch) else ch for ch in s)


def test_examples() -> None:
    assert visible("evil\n\x1b[2Jerror: forged") == "evil\\x0a\\x1b[2Jerror: forged"
    assert visible("abc\u202edcba") == "abc\\u202edcba"
    assert visible("a\u200bb\ufeff") == "a\\u200bb\\ufeff"
    assert visible("\U000e0041") == "\\U000e0041"
    assert visible("Caf\u00e9 \u2014 \U0001f600 \u05e9\u05dc\u05d5\u05dd") == (
        "Caf\u00e9 \u2014 \U0001f600 \u05e9\u05dc\u05d5\u05dd"
    )
