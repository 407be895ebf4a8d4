"""Making hostile text safe to show on a terminal, without changing what is stored.

Article text, file names and curator input come from outside. A raw ESC can recolour or
clear a terminal, set its title, or forge a diagnostic line; a bidi override can reorder the
letters a curator reads; a zero-width character can hide that two names differ. Stored text
stays exact (quote offsets index into it): only what is *shown* goes through `visible`.
"""

from __future__ import annotations

import re

# Bidi embeddings, overrides and isolates, and the implicit direction marks: they reorder
# what follows them on screen.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Zero-width characters: invisible, so two different strings can look the same.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# Other invisible format characters: the invisible math operators, the deprecated shaping
# controls, the interlinear annotation marks, the Mongolian vowel separator, and the tag
# characters (U+E0000 block), which can smuggle a whole hidden ASCII text.
_INVISIBLE = "\u180e\u2061-\u2064\u206a-\u206f\ufff9-\ufffb\U000e0000-\U000e007f"
# C0 controls (tab and newline included: a diagnostic is one line), DEL, C1 controls, the
# line and paragraph separators, then the characters above.
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}{_ZERO_WIDTH}{_INVISIBLE}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(s: str) -> str:
    """`s` with every control, bidi and zero-width character written as an escape (`\\x1b`).

    A backslash is left alone, so the mapping is for display only, not reversible.
    """
    return _UNSAFE.sub(_escape, s)
