"""Article metadata read from the text itself: headline, byline, dateline, source line.

Plain-text and JSONL articles often carry their metadata only as text ("By Agnes Szucs",
"BRUSSELS, December 17. /TASS/.", "MOSCOW (AP) —"). Reading it gives curators an author,
outlet and date to filter on. Only the first few lines (and a trailing "Source:" line) are
looked at, and every rule is anchored and conservative: a wrong outlet is worse than none.
Nothing here changes the text; metadata given explicitly (JSONL fields, HTML meta) wins.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from quotes.ingest.types import ArticleInput

HEADER_LINES = 6  # non-empty lines at the top where bylines and datelines live
TRAILER_LINES = 3  # non-empty lines at the bottom where "Source: ..." lines live
MAX_TITLE_CHARS = 150
MAX_TITLE_WORDS = 20
_SCAN_CHARS = 20_000
_LINE_PREFIX = 400

# Wire-service credits as written in datelines, to the outlet name curators filter on.
AGENCIES: dict[str, str] = {
    "ap": "The Associated Press",
    "the associated press": "The Associated Press",
    "associated press": "The Associated Press",
    "afp": "Agence France-Presse",
    "reuters": "Reuters",
    "tass": "TASS",
    "itar-tass": "TASS",
    "ria novosti": "RIA Novosti",
    "upi": "UPI",
    "dpa": "dpa",
    "ians": "IANS",
    "pti": "PTI",
    "xinhua": "Xinhua",
    "interfax": "Interfax",
    "rfe/rl": "RFE/RL",
    "rferl": "RFE/RL",
    "radio free europe/radio liberty": "RFE/RL",
    "aa": "Anadolu Agency",
    "anadolu": "Anadolu Agency",
    "anadolu agency": "Anadolu Agency",
    "rt": "RT",
    "ansa": "ANSA",
    "efe": "EFE",
    "cnn": "CNN",
    "bbc": "BBC",
}

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# "December 17", "Dec. 17, 2021", "17 December 2021", "2021-12-17" (a year is optional here;
# a date without one is not turned into `published`, since guessing the year is worse).
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?"
    r"|\d{4}-\d{2}-\d{2})"
)
_DASH = r"(?:--|[-—–])"
# An all-capitals place: "BRUSSELS", "NEW YORK", "WASHINGTON, D.C.", "KYIV, Ukraine".
_PLACE = r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?"
_CREDIT = r"[A-Z][A-Za-z/&.'’ -]{0,38}[A-Za-z.]"

_BYLINE = re.compile(
    r"^\s*(?i:by)\s+(?P<names>[A-Z][\w.'’-]*(?:[ ,]+(?:and\s+|&\s+)?[A-Z][\w.'’-]*){0,11})"
    r"\s*(?:[|•]\s*(?P<outlet>[^|•]{2,60}?))?\s*$"
)
# "BRUSSELS, December 17. /TASS/." (TASS style)
_SLASH_DATELINE = re.compile(
    rf"^\s*(?P<place>{_PLACE})\s*,\s*(?P<date>{_DATE})\s*\.?\s*/(?P<credit>[A-Za-z][\w -]{{1,30}})/"
)
# "MOSCOW (AP) —", "WASHINGTON, Dec 17 (Reuters) -", "LONDON, 17 December 2021 (AFP) --"
_PAREN_DATELINE = re.compile(
    rf"^\s*(?P<place>{_PLACE})(?:\s*,\s*(?P<date>{_DATE}))?\s*\((?P<credit>{_CREDIT})\)\s*{_DASH}"
)
# "(Reuters) -" at the very start of the body.
_BARE_CREDIT = re.compile(rf"^\s*\((?P<credit>{_CREDIT})\)\s*{_DASH}")
# "BRUSSELS, December 17 -" with no credit: only the date is of use.
_DATE_DATELINE = re.compile(rf"^\s*(?P<place>{_PLACE})\s*,\s*(?P<date>{_DATE})\s*[.,]?\s*{_DASH}")
_SOURCE_LINE = re.compile(r"^\s*(?:source|via)\s*:\s*(?P<outlet>\S.{0,80}?)\s*\.?\s*$", re.I)
_DATE_LINE = re.compile(
    rf"^\s*(?:(?:published|posted|updated|date)\s*(?:on)?\s*:?\s*)?(?:[A-Z][a-z]+day,?\s+)?"
    rf"(?P<date>{_DATE})\b[\w\s:.,+()/-]{{0,30}}$",
    re.I,
)
# "Credit | AA", "Credit: Reuters": a trailer crediting the story (not "Photo credit").
_CREDIT_LINE = re.compile(r"^\s*credits?\s*[|:]\s*(?P<outlet>\S.{0,60}?)\s*\.?\s*$", re.I)
# "Also on rt.com Russia to marshal ...": a site's cross-link to its own stories names the site.
_ALSO_ON = re.compile(r"^\s*Also on (?P<domain>(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})\b")
# "In an interview with RFE/RL, Geoana said": an outlet's own interview, named near the top.
# The weakest signal, used only when nothing else names the outlet.
_OWN_INTERVIEW = re.compile(
    r"(?i:(?:in )?an (?:exclusive )?interview with) (?P<credit>[A-Z][A-Za-z/&.]{1,30})"
)
# Domains as sites print them, to the outlet name the credit table uses.
SITE_DOMAINS: dict[str, str] = {
    "rt.com": "RT",
    "tass.com": "TASS",
    "tass.ru": "TASS",
    "apnews.com": "The Associated Press",
    "reuters.com": "Reuters",
    "aa.com.tr": "Anadolu Agency",
    "rferl.org": "RFE/RL",
    "bbc.com": "BBC",
    "bbc.co.uk": "BBC",
    "cnn.com": "CNN",
    "afp.com": "Agence France-Presse",
}
_BULLET = re.compile(r"^\s*(?:[#*•·▪►>-]+\s*)")


@dataclass(frozen=True, slots=True)
class TextMetadata:
    """What the text says about itself; None wherever it says nothing."""

    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    place: str | None = None


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str | None
    outlet: str | None
    published: dt.date | None


def parse_date(text: str) -> dt.date | None:
    """A date from "December 17, 2021", "17 Dec 2021" or "2021-12-17"; None without a year."""
    text = text.strip()
    iso = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        return _safe_date(int(iso[1]), int(iso[2]), int(iso[3]))
    md = re.match(r"^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", text)
    if md and md[1].casefold() in _MONTHS:
        return _safe_date(int(md[3]), _MONTHS[md[1].casefold()], int(md[2]))
    dm = re.match(r"^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})\b", text)
    if dm and dm[2].casefold() in _MONTHS:
        return _safe_date(int(dm[3]), _MONTHS[dm[2].casefold()], int(dm[1]))
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def outlet_name(credit: str) -> str:
    """The outlet for a wire credit ("AP" -> "The Associated Press"); unknown credits as written."""
    credit = credit.strip().strip(".").strip()
    return AGENCIES.get(credit.casefold(), credit)


def parse_byline(line: str) -> tuple[str, str | None] | None:
    """(author, outlet or None) from "By Agnes Szucs" or "By A. Szucs | Anadolu Agency"."""
    if len(line) > 120:
        return None
    m = _BYLINE.match(line)
    if not m:
        return None
    names = m["names"].strip(" ,")
    # "By Friday." or "By then." is prose: a name has two words or more and no final period
    # (an initial, "By John Q.", is the exception that is let go).
    if len(names.split()) < 2 or (names.endswith(".") and not re.search(r"\b[A-Z]\.$", names)):
        return None
    outlet = m["outlet"].strip() if m["outlet"] else None
    return names, outlet


def parse_dateline(line: str) -> Dateline | None:
    """Place, outlet and date from a dateline at the start of a line, else None."""
    for pattern in (_SLASH_DATELINE, _PAREN_DATELINE, _BARE_CREDIT, _DATE_DATELINE):
        m = pattern.match(line)
        if m:
            groups = m.groupdict()
            credit = groups.get("credit")
            date = groups.get("date")
            place = groups.get("place")
            return Dateline(
                place=place.strip() if place else None,
                outlet=outlet_name(credit) if credit else None,
                published=parse_date(date) if date else None,
            )
    return None


def parse_source_line(line: str) -> str | None:
    """The outlet from "Source: The Associated Press" (or "Via: Reuters")."""
    m = _SOURCE_LINE.match(line)
    if not m or len(m["outlet"].split()) > 8:
        return None
    return outlet_name(m["outlet"])


def parse_date_line(line: str) -> dt.date | None:
    """A line that is only a date ("Published: December 17, 2021 10:04 GMT")."""
    if len(line) > 80:
        return None
    m = _DATE_LINE.match(line)
    return parse_date(m["date"]) if m else None


def parse_credit_line(line: str) -> str | None:
    """The outlet from a trailer "Credit | AA" or "Credit: Reuters"."""
    m = _CREDIT_LINE.match(line)
    if not m or len(m["outlet"].split()) > 6:
        return None
    return outlet_name(m["outlet"])


def parse_also_on(line: str) -> str | None:
    """The site from its own cross-link line, "Also on rt.com ..." -> "RT"."""
    m = _ALSO_ON.match(line)
    if not m:
        return None
    domain = m["domain"].casefold().removeprefix("www.")
    return SITE_DOMAINS.get(domain, domain)


def parse_own_interview(line: str) -> str | None:
    """A known outlet named as the interviewer ("in an interview with RFE/RL, ...")."""
    m = _OWN_INTERVIEW.search(line)
    if not m:
        return None
    credit = m["credit"].rstrip(".,")
    return AGENCIES.get(credit.casefold())


def headline(line: str) -> str | None:
    """The line as a title when it reads like a headline: short, and not ending a sentence."""
    candidate = _BULLET.sub("", line).strip()
    if not candidate or len(candidate) > MAX_TITLE_CHARS:
        return None
    words = candidate.split()
    if not 2 <= len(words) <= MAX_TITLE_WORDS:
        return None
    if candidate[-1] in ".,;:" or not (candidate[0].isupper() or candidate[0] in "\"“‘'0123456789"):
        return None
    if (
        parse_byline(candidate)
        or parse_dateline(candidate)
        or parse_source_line(candidate)
        or parse_date_line(candidate)
    ):
        return None
    return candidate


def metadata_from_text(text: str) -> TextMetadata:
    """Scan the header and trailer lines of `text` for a headline, byline, dateline, source."""
    # Only the ends of the text matter, and only the start of each line: a 20 MB article or
    # a 1 MB single-line file must not cost more than a short one.
    head_lines = [line[:_LINE_PREFIX] for line in text[:_SCAN_CHARS].splitlines() if line.strip()]
    if not head_lines:
        return TextMetadata()
    tail_lines = [line[:_LINE_PREFIX] for line in text[-_SCAN_CHARS:].splitlines() if line.strip()]
    header = head_lines[:HEADER_LINES]
    single_line = len(head_lines) == 1 and len(tail_lines) <= 1
    title = None if single_line else headline(header[0])
    author: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    place: str | None = None
    for line in header:
        if author is None and (byline := parse_byline(line)):
            author, outlet = byline[0], outlet or byline[1]
            continue
        if (dateline := parse_dateline(line)) is not None:
            outlet = outlet or dateline.outlet
            published = published or dateline.published
            place = place or dateline.place
            continue
        if outlet is None and (source := parse_source_line(line)):
            outlet = source
            continue
        if published is None and (date := parse_date_line(line)):
            published = date
    if outlet is None:
        for line in tail_lines[-TRAILER_LINES:]:
            if source := parse_source_line(line) or parse_credit_line(line):
                outlet = source
                break
    if outlet is None:
        outlet = next(filter(None, map(parse_also_on, head_lines + tail_lines)), None)
    if outlet is None:
        outlet = next(filter(None, map(parse_own_interview, header)), None)
    return TextMetadata(title=title, author=author, outlet=outlet, published=published, place=place)


def complete_metadata(article: ArticleInput) -> ArticleInput:
    """Fill the article's empty fields from its text; anything already given is kept."""
    found = metadata_from_text(article.text)
    return replace(
        article,
        title=article.title or found.title,
        author=article.author or found.author,
        outlet=article.outlet or found.outlet,
        published=article.published or found.published,
    )
