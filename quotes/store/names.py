"""Name normalization: the one rule for when two spellings are the same speaker or topic."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")


def normalize_name(name: str) -> str:
    """Case-, accent- and punctuation-blind key: "Jens  Stoltenberg." -> "jens stoltenberg".

    Aliases and names share it, so a speaker links across articles however it is spelled.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    no_marks = "".join(c for c in decomposed if not unicodedata.combining(c))
    cleaned = _NON_WORD.sub(" ", no_marks.casefold().replace("'s ", " "))
    return _SPACE.sub(" ", cleaned).strip()
