"""The one name key: its ASCII shortcut gives exactly what the full Unicode path gives."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from quotes.store.names import normalize_name, without_marks


def full_path(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@given(st.text())
def test_without_marks_equals_the_full_decomposition(text: str) -> None:
    assert without_marks(text) == full_path(text)


# Mostly ASCII with accents, ligatures, marks standing alone and astral characters mixed in:
# an article's shape, where only the non-ASCII runs are looked at.
_MIXED = st.text(
    alphabet=st.one_of(
        st.characters(max_codepoint=0x7F),
        st.sampled_from("éÉœﬁ①“”—\u0301\u0308\u20d7日\U0001d400\U0001d167"),
        st.characters(),
    )
)


@given(_MIXED)
def test_mostly_ascii_text_with_marks_agrees(text: str) -> None:
    assert without_marks(text) == full_path(text)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_takes_the_shortcut_and_still_agrees(text: str) -> None:
    assert without_marks(text) is text
    assert without_marks(text) == full_path(text)


def test_the_key_is_case_accent_and_punctuation_blind() -> None:
    assert normalize_name("Jens  Stoltenberg.") == "jens stoltenberg"
    assert normalize_name("José Ángel Gurría") == "jose angel gurria"
    assert normalize_name("Moscow's envoy") == "moscow envoy"
