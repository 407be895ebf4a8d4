"""Decoding: the stored text is exactly the decoded input, whatever the encoding."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotes.ingest.decoding import UndecodableError, decode_bytes

TEXT = "Müller said: “We stand ready,” — café, naïve.\r\nSecond line\n"


def test_utf8_kept_verbatim_including_crlf() -> None:
    assert decode_bytes(TEXT.encode("utf-8")) == (TEXT, "utf-8")


def test_utf8_bom_is_dropped_not_kept_as_text() -> None:
    text, encoding = decode_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    assert text == TEXT
    assert encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    text, _ = decode_bytes(bom + TEXT.encode(codec))
    assert text == TEXT


def test_latin1_detected() -> None:
    source = "Der Außenminister sagte, Müller habe «nichts» gesagt. Café crème, déjà vu."
    text, _ = decode_bytes(source.encode("latin-1"))
    assert text == source


def test_nul_bytes_are_binary() -> None:
    with pytest.raises(UndecodableError, match="binary"):
        decode_bytes(b"PK\x03\x04\x00\x00\x08\x00 some zip")


def test_undecodable_bytes() -> None:
    with pytest.raises(UndecodableError):
        decode_bytes(bytes(range(128, 256)) * 4)


def test_control_characters_are_binary() -> None:
    with pytest.raises(UndecodableError, match="binary"):
        decode_bytes(b"\x01\x02\x03\x04\x05abc\x06\x07\x08" * 20)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"))))
def test_utf8_and_utf16_round_trip(text: str) -> None:
    assert decode_bytes(text.encode("utf-8"))[0] == text
    assert decode_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))[0] == text
