"""Name normalization: the one rule for when two spellings are the same speaker or topic."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _drop_marks(run: re.Match[str]) -> str:
    return "".join(c for c in run.group() if not unicodedata.combining(c))


def normalize_name(name: str) -> str:
    """Case-, accent- and punctuation-blind key: "Jens  Stoltenberg." -> "jens stoltenberg".

    Aliases and names share it, so a speaker links across articles however it is spelled.
    A name is remembered (storing a batch asks for the same few hundred names thousands of
    times); a whole article's text, asked once, is not.
    """
    if len(name) <= _REMEMBERED:
        return _remembered_key(name)
    return _key(name)


_REMEMBERED = 300  # the longest name a speaker row holds


@lru_cache(maxsize=4096)
def _remembered_key(name: str) -> str:
    return _key(name)


def _key(name: str) -> str:
    no_marks = without_marks(name)
    cleaned = _NON_WORD.sub(" ", no_marks.casefold().replace("'s ", " "))
    return _SPACE.sub(" ", cleaned).strip()


def without_marks(text: str) -> str:
    """`text` in compatibility form without combining marks ("Gœthe é" -> "Goethe e").

    ASCII text is its own NFKD form and has no marks: returned as it is, since storing
    normalizes whole article texts and most of them are ASCII. Otherwise only the runs of
    non-ASCII characters are looked at (an article's curly quotes and dashes): no ASCII
    character is a mark."""
    if text.isascii():
        return text
    return _NON_ASCII.sub(_drop_marks, unicodedata.normalize("NFKD", text))
