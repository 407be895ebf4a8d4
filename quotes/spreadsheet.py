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
from functools import cache
from typing import TypeVar

__all__ = [
    "FORMULA_TRIGGERS",
    "SAFE_LEADS",
    "SQLITE_BLANKS_PARAM",
    "guard_cell",
    "is_invisible",
    "skipped_blanks",
    "sqlite_guard_sql",
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


# --- the same rule in SQLite's SQL ------------------------------------------------------------
#
# An export of a million rows cannot afford a Python call per cell, so on SQLite the guard is
# a CASE in the SELECT. It is `starts_formula` restated: strip the leading characters a
# spreadsheet skips (`ltrim` with exactly those that are not triggers themselves: tab and CR
# are both, and a trigger wins), then test the first character left.

SQLITE_BLANKS_PARAM = "formula_guard_blanks"
# The code points `is_invisible` holds true for, minus the triggers and NUL (see
# `sqlite_guard_sql`), as ranges. Listed rather than derived at run time, which would scan
# every code point (0.1 s for each export); a test derives them from `is_invisible` and fails
# if this Python's Unicode data says otherwise.
_SKIPPED_RANGES: tuple[tuple[int, int], ...] = (
    (0x1, 0x8),
    (0xA, 0xC),
    (0xE, 0x20),
    (0x7F, 0xA0),
    (0xAD, 0xAD),
    (0x600, 0x605),
    (0x61C, 0x61C),
    (0x6DD, 0x6DD),
    (0x70F, 0x70F),
    (0x890, 0x891),
    (0x8E2, 0x8E2),
    (0x1680, 0x1680),
    (0x180E, 0x180E),
    (0x2000, 0x200F),
    (0x2028, 0x202F),
    (0x205F, 0x2064),
    (0x2066, 0x206F),
    (0x3000, 0x3000),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x13438),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)


@cache
def skipped_blanks() -> str:
    """Every character but NUL that `starts_formula` passes over before deciding (invisible,
    not a trigger); see `sqlite_guard_sql` for NUL."""
    return "".join(chr(c) for low, high in _SKIPPED_RANGES for c in range(low, high + 1))


def sqlite_guard_sql(expr: str) -> str:
    """A SQLite expression: `expr` (text) with a leading `'` where `guard_cell` adds one, or
    NULL where SQL cannot tell (and for NULL).

    `expr` is repeated, so give a column or a cheap expression, never a correlated subquery.
    The statement binds `:formula_guard_blanks` to `skipped_blanks()`. A first character from
    `A` to `~` (letters: most cells) settles it without the `ltrim`, by two comparisons of the
    text (cheaper than a call to `unicode`; the bytes compare as the characters do).

    SQLite's string functions stop at a NUL (`ltrim` reads its set only up to one, `substr`
    and `unicode` end there), so a cell whose leading blanks run into a NUL cannot be decided
    in SQL: it comes back NULL, for the caller to pass the value to `guard_cell` instead.
    """
    triggers = ", ".join(f"char({ord(ch)})" for ch in sorted(FORMULA_TRIGGERS))
    rest = f"ltrim({expr}, :{SQLITE_BLANKS_PARAM})"
    return (
        f"CASE WHEN {expr} >= 'A' AND {expr} < '\x7f' THEN {expr} "
        f"WHEN substr({rest}, 1, 1) IN ({triggers}) THEN '''' || {expr} "
        f"WHEN {rest} <> '' AND unicode({rest}) IS NULL THEN NULL "
        f"ELSE {expr} END"
    )
