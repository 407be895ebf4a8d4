"""The plain text of any HTML, however deeply nested: the fallback when the main-text
extractor finds nothing.

`html.parser` is a tokenizer, not a tree builder, so nesting depth costs nothing and no
markup can make it recurse; it also never raises on malformed input. Only visible text is
kept: scripts, styles and other non-content elements are dropped, and block elements end a
paragraph so sentences from different blocks do not run together.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose content is never article text.
_HIDDEN = frozenset(
    {"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object"}
)
# Elements that end a line of text.
_BLOCK_TAGS = """
    address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3
    h4 h5 h6 header hr li main nav ol p pre section table td th tr ul
"""
_BLOCK = frozenset(_BLOCK_TAGS.split())
_SPACES = re.compile(r"[ \t\r\f\v]+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._hidden = 0  # depth inside hidden elements
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag == "body":
            self._hidden = 0  # `</head>` may be left out; whatever was open there is over
        elif tag in _HIDDEN:
            self._hidden += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")  # <br/>, <hr/>; a self-closed hidden tag hides nothing

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._hidden:
            self.parts.append(data)


def plain_text(html: str) -> tuple[str | None, str]:
    """(title, text): one paragraph per line, runs of spaces collapsed, empty lines dropped."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(collector.parts).split("\n"))
    title = " ".join("".join(collector.title).split()) or None
    return title, "\n\n".join(line for line in lines if line)
