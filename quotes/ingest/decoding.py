"""Bytes to text, so that a quote's offsets stay meaningful.

The decoded string is what gets stored and what spaCy sees, so nothing here rewrites the text
beyond decoding it: no newline or whitespace normalization (that would shift every offset
computed later). Only a byte order mark is dropped, because it is part of the encoding.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 and C1 controls except tab, newlines, vertical tab and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# A decoded text with more control characters than this is a binary file that happened to
# decode (charset detection will "succeed" on a lot of things).
_MAX_CONTROL_RATIO = 0.01
_WESTERN = "cp1252"
_CHAOS_TOLERANCE = 0.1


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we accept; the message says why, for the user."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name); raise UndecodableError for binary or unknown bytes.

    Order matters: a BOM is the strongest signal, then UTF-8 (which almost never decodes by
    accident), and only then statistical detection, which can mislabel short texts.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding)), encoding
            except UnicodeDecodeError as exc:
                raise UndecodableError(f"invalid {encoding} after its byte order mark") from exc
    if b"\x00" in data:
        raise UndecodableError("binary file (contains NUL bytes)")
    try:
        return _checked(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data))
    if not matches:
        raise UndecodableError("not valid UTF-8 and no other text encoding detected")
    best = matches[0]
    # Detection on a short single-byte text is close to a coin toss between code pages
    # (cp1257 vs cp1252 for "Müller ... crème"). The inputs are mostly English and Western
    # European news, so Windows-1252 wins whenever it reads about as cleanly as the best.
    western = next((m for m in matches if m.encoding == _WESTERN), None)
    if western is not None and western.chaos <= best.chaos + _CHAOS_TOLERANCE:
        best = western
    return _checked(str(best)), best.encoding


def _checked(text: str) -> str:
    if text:
        controls = sum(1 for _ in _CONTROL.finditer(text))
        if controls / len(text) > _MAX_CONTROL_RATIO:
            raise UndecodableError("binary file (control characters)")
    return text
