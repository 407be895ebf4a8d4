"""Every string the workbench shows from the database or a curator, made literal.

Quote text, names, topics and file names come from outside. Handed to a widget as a plain
`str`, Textual and Rich parse it as markup: `[/]` crashes the app, `[bold red]` styles it,
`[@click=app.quit]` becomes a live link. Handed over raw, an ESC recolours the terminal or
sets its title, and a bidi override reorders what the curator reads. So the workbench
never gives a widget a bare string that could hold outside text: it builds `Text` objects
here, from `visible()` text, and the stored strings (which quote offsets index into) are
never changed.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.style import StyleType
from rich.text import Text
from textual.content import Content

from quotes.text_safety import visible

# One-cell stand-ins for the Input widget, whose cursor counts characters of the real value:
# there a control character must stay one character wide, not become a four-character escape.
_CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"}
_OTHER_UNSAFE = "\ufffd"


def visible_lines(s: str) -> str:
    """`visible(s)`, but keeping line breaks: for views that show several lines."""
    return "\n".join(visible(line) for line in s.split("\n"))


def one_line(s: str | None) -> str:
    """Whitespace runs (line breaks included) as one space: a table cell is one line."""
    return " ".join((s or "").split())


def clip(s: str, width: int) -> str:
    return s if len(s) <= width else s[: width - 1] + "…"


def literal(s: str | None, style: StyleType = "") -> Text:
    """`s` as one line of plain text: no markup, every control or bidi character escaped."""
    return Text(visible(s or ""), style=style)


def literal_block(s: str | None, style: StyleType = "") -> Text:
    """Like `literal`, for text shown over several lines (line breaks kept)."""
    return Text(visible_lines(s or ""), style=style)


def cell(s: str | None, width: int, style: StyleType = "") -> Text:
    """A table cell: one line, escaped, clipped to `width` characters."""
    return Text(clip(visible(one_line(s)), width), style=style)


def content(s: str | None) -> Content:
    """`literal` for the widgets that take Textual `Content` (never parsed as markup)."""
    return Content(visible(s or ""))


def input_safe(s: str) -> str:
    """`s` with each unsafe character as exactly one visible character (for text inputs)."""
    if visible(s) == s:
        return s
    out = []
    for ch in s:
        if visible(ch) == ch:
            out.append(ch)
        else:
            out.append(_CONTROL_PICTURES.get(ord(ch), _OTHER_UNSAFE))
    return "".join(out)


class _OffsetMap:
    """Where offsets into the stored text land in its escaped form.

    Escaping maps each character on its own (one unsafe character becomes `\\x1b`, four
    characters), so the shown offset of raw offset `i` is the shown length of `s[:i]`. The
    offsets asked for are sorted once and walked left to right: linear in the text.
    """

    def __init__(self, raw: str, offsets: Iterable[int], lines: bool) -> None:
        show = visible_lines if lines else visible
        self.shown: dict[int, int] = {}
        at = shown = 0
        for offset in sorted(set(offsets)):
            shown += len(show(raw[at:offset]))
            at = offset
            self.shown[offset] = shown

    def __getitem__(self, offset: int) -> int:
        return self.shown[offset]


def highlighted(
    raw: str,
    spans: Iterable[tuple[int, int, StyleType]],
    *,
    lines: bool = False,
    style: StyleType = "",
) -> Text:
    """`raw` shown literally with each (start, end, style) span, offsets into `raw`, styled.

    Spans are applied in order, so a later one wins where they overlap (as `Text.stylize`).
    Offsets outside `raw` are clamped; an empty span styles nothing.
    """
    n = len(raw)
    clamped = [(max(0, min(n, s)), max(0, min(n, e)), st) for s, e, st in spans]
    where = _OffsetMap(raw, [o for s, e, _ in clamped for o in (s, e)], lines)
    text = Text(visible_lines(raw) if lines else visible(raw), style=style)
    for start, end, span_style in clamped:
        if start < end:
            text.stylize(span_style, where[start], where[end])
    return text
