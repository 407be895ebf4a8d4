"""What looks like a quote but is not one: scare quotes, titles, teasers and page furniture.

Scraped news bodies carry pasted link teasers ("SEE ALSO: <headline>", "Also on rt.com <headline>",
"READ MORE") and sign-up or share prompts; their headlines often contain quotation marks that no
one is saying. Inside real sentences, short quoted words with no speaker are scare quotes
(so-called "peace") and capitalised quoted phrases are titles ("One Hundred Years of Solitude").
"""

from __future__ import annotations

import re

from .cues import word_set
from .marks import MARKUP_TAG

# Markers that start a pasted teaser or navigation line.
TEASER_MARKERS = re.compile(
    r"(?im)^[\s•*·-]*(?:(?:see also|also on (?:[\w-]+\.)+[a-z]{2,}|read more|read also)\b[:|-]?"
    r"|(?:related(?: stories| articles| news)?|watch|listen|recommended|trending|most read)\s*:)"
    r"\s*"
)
# Lines that are page furniture rather than article text.
FURNITURE = re.compile(
    r"(?i)^\s*(?:sign up|subscribe|share this|think your friends|follow us|by submitting this"
    r"|click here|credit\s*\||source:|photo:|image:|copyright|all rights reserved"
    r"|editor['’]s note\s*:)"
)

# A teaser headline glued to the next sentence: "... Near UkraineIn an interview ...".
_GLUED = re.compile(r"[a-z0-9)](?=[A-Z][a-z])|(?<=[a-z.?!,])[”’\"'](?=[A-Z][a-z])")

# A dateline opening a paragraph: "DENVER, Colo. —", "LONDON (Reuters) -", "KYIV, Ukraine
# (AP) —", "BRUSSELS, December 17. /TASS/". The place is in capitals; what follows the dash is
# the article, so the dateline is neither a speaker nor part of a reported clause.
DATELINE = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z'’-]{2,}(?:[ -][A-Z][A-Z'’-]+){0,3}"
    r"(?:,[ \t]*[A-Z][\w.'’-]*(?:[ \t][A-Z0-9][\w.'’-]*){0,3})?"
    r"[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*(?:[—–―-]{1,2}|/[^/\n]{1,20}/\.?)[ \t]*(?=[A-Z\"“‘'])"
)

# The same with the place in title case, which only the agency in brackets marks as a
# dateline: "Washington (AFP) –", "New Delhi, India (Reuters) -".
AGENCY_DATELINE = re.compile(
    r"(?m)^[ \t]*[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}"
    r"(?:,[ \t]*[A-Z][\w.]*(?:[ \t][A-Z][\w.]*){0,2})?"
    r"[ \t]*\([A-Z][A-Za-z&/ ]{1,14}\)[ \t]*[—–―-]{1,2}[ \t]*(?=[A-Z\"“‘'])"
)

SMALL_WORDS = word_set("of the a an and in on for to at by with from or nor but vs")


def teaser_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of teaser headlines, page furniture lines and markup tags."""
    regions: list[tuple[int, int]] = []
    for m in TEASER_MARKERS.finditer(text):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        end = line_end
        glued = _GLUED.search(text, m.end(), line_end)
        if glued is not None:
            end = glued.end()
        regions.append((m.start(), end))
    if "<" in text:  # markup left in a scraped body: '<tweet author="x">' says nothing
        regions.extend((m.start(), m.end()) for m in MARKUP_TAG.finditer(text))
    pos = 0
    for line in text.split("\n"):
        if FURNITURE.match(line):
            regions.append((pos, pos + len(line)))
        pos += len(line) + 1
    return sorted(regions)


def dateline_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of datelines at the start of a paragraph."""
    found = [(m.start(), m.end()) for m in DATELINE.finditer(text) if len(m.group().strip()) > 3]
    found += [(m.start(), m.end()) for m in AGENCY_DATELINE.finditer(text)]
    return sorted(found)


def skip_regions(regions: list[tuple[int, int]], start: int, end: int) -> int:
    """``start`` moved past a region (a dateline) that the span [start, end) begins in."""
    for rs, re_ in regions:
        if rs <= start < re_ < end:
            return re_
    return start


def in_regions(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies mostly inside one of ``regions``."""
    for rs, re_ in regions:
        inter = min(end, re_) - max(start, rs)
        if inter > 0 and inter * 2 >= end - start:
            return True
    return False


def is_title(fragment: str) -> bool:
    """A quoted title ("One Hundred Years of Solitude", "Shark Tank"): every word capitalised."""
    words = re.findall(r"[\w’'-]+", fragment)
    if not words or len(words) > 8:
        return False
    content = [w for w in words if w.lower() not in SMALL_WORDS]
    # a comma or period inside the marks is the sentence's ('on ABC's "This Week."'), but a
    # single capitalised word with one ("Wonderful.") is an exclamation, not a title
    last = fragment.rstrip()[-1:]
    if not content or last in "!?" or (last in ",." and len(content) < 2):
        return False
    return all(w[0].isupper() or w[0].isdigit() for w in content) and (
        len(words) > 1 or words[0].isupper() is False
    )


def word_count(fragment: str) -> int:
    """Words as the gold counts them (letters or digits)."""
    return len(re.findall(r"\w+(?:['’]\w+)?", fragment))


def is_scare_quote(fragment: str, *, standalone: bool) -> bool:
    """Short quoted words inside a sentence ("contain", "peace") are not statements.

    ``standalone`` is True when the quotation is a sentence or paragraph of its own (dialogue
    and news follow-ups), which keeps even one word ("Where?") a quote.
    """
    if standalone:
        return False
    return word_count(fragment) < 3 or is_title(fragment)
