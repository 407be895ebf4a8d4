"""The one CSV formula guard: every CSV a spreadsheet may open goes through `guard_cell`.

A spreadsheet runs a cell as a formula when its first visible character is `=`, `+`, `-` or
`@` (tab and CR also start one in some programs, and East Asian input methods type the
fullwidth `＝＋－＠`). Spreadsheets also skip leading blanks and invisible characters before
deciding, so checking only the first character lets `" =HYPERLINK(...)"` or
`"\\u200b=cmd"` through. News text and user input are hostile, so the guard looks past any
such run and prefixes the cell with `'` (the OWASP CSV-injection advice). A spreadsheet shows
the rest as text; a program recovers the value by dropping exactly one leading `'`.

Only `str` values are guarded: numbers (a negative count, a confidence) are not text a
spreadsheet parses, so they keep their sign. One rule for `quotes export`, `quotes sql
--csv` and every listing command's `--csv`, so the same hostile text is defused the same way.
"""

from __future__ import annotations

import unicodedata
from typing import TypeVar

__all__ = [
    "FORMULA_TRIGGERS",
    "SAFE_LEADS",
    "guard_cell",
    "is_invisible",
    "starts_formula",
]

FORMULA_TRIGGERS: frozenset[str] = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
# Categories a spreadsheet (or the eye) passes over: spaces, format characters such as
# zero-width joiners, BOM and bidi marks, and control characters such as LF. Line and
# paragraph separators too: they are whitespace to every spreadsheet's trim.
_INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cf", "Cc"})
_ALWAYS_INVISIBLE = frozenset("\u200b\u200c\u200d\ufeff")

_T = TypeVar("_T")


def is_invisible(ch: str) -> bool:
    """True for a character a spreadsheet skips before it looks for a formula trigger."""
    return ch in _ALWAYS_INVISIBLE or unicodedata.category(ch) in _INVISIBLE_CATEGORIES


def starts_formula(text: str) -> bool:
    """True when the first character after leading blanks/invisibles is a formula trigger.

    Tab and CR are both triggers and blanks; a trigger wins, so a cell starting with them
    is always guarded.
    """
    for ch in text:
        if ch in FORMULA_TRIGGERS:
            return True
        if not is_invisible(ch):
            return False
    return False


# First characters that settle the question at once (visible, not a trigger), derived from
# the rule above rather than listed, so it cannot drift from it. Only a speed-up: the export
# writes millions of cells, and one set look-up is far cheaper than a category look-up.
SAFE_LEADS: frozenset[str] = frozenset(
    ch for ch in map(chr, range(0x3000)) if ch not in FORMULA_TRIGGERS and not is_invisible(ch)
)


def guard_cell(value: _T) -> _T | str:
    """`value` with a leading `'` if a spreadsheet would run it as a formula, else unchanged.

    Anything but a non-empty `str` (None, numbers, dates) is returned as it is.
    """
    if isinstance(value, str) and value and value[0] not in SAFE_LEADS and starts_formula(value):
        return "'" + value
    return value
