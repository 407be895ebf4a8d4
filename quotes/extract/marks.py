"""Quote-mark scanner: finds the spans of text inside double quotation marks.

News copy mixes straight and curly marks, opens a quote again at the start of each paragraph of
a multi-paragraph quote without closing the previous one, and sometimes never closes a quote at
all. The dependency parser cannot be trusted with any of that, so quotation spans come from this
character-level scanner and the parse is only used for attribution.

Only double marks (and guillemets) delimit top-level quotes: single marks inside them are nested
quotes, and outside them are far more often apostrophes (don't, Russia's, '90s) than quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Marks that can open or close a top-level quotation.
OPENERS = frozenset("“„«‟")
CLOSERS = frozenset("”»")
AMBIGUOUS = frozenset('"')
DOUBLE_MARKS = OPENERS | CLOSERS | AMBIGUOUS
SINGLE_MARKS = frozenset("'‘’‚‛")

_OPEN_CONTEXT = set(" \t\n\r([{—–-/\u00a0") | OPENERS
_CLOSE_AFTER = set(" \t\n\r)]},.;:!?—–-/\u00a0…") | CLOSERS | SINGLE_MARKS


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quotation: content offsets plus where its marks were (-1 when a mark is missing)."""

    start: int  # first character of the content
    end: int  # one past the last character of the content
    open_mark: int
    close_mark: int  # -1 when the quote was never closed (end of paragraph or text)
    paragraphs: int = 1  # how many paragraphs the quote runs over
    outer_end: int = -1  # one past the closing mark (the content end when unclosed)

    @property
    def closed(self) -> bool:
        """Whether a closing mark was found (unclosed quotes end at a paragraph end)."""
        return self.close_mark >= 0


def _prev_char(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else "\n"


def _next_char(text: str, i: int) -> str:
    n = mark_length(text, i)
    return text[i + n] if i + n < len(text) else "\n"


def mark_length(text: str, i: int) -> int:
    """2 for the doubled-apostrophe marks of some archives (''quote'' and ``quote''), else 1."""
    return 2 if text[i : i + 2] in ("''", "``") else 1


def _glyph(text: str, i: int) -> str:
    pair = text[i : i + 2]
    if pair == "``":
        return "“"
    if pair == "''":
        return '"'
    return text[i]


def _style(text: str, i: int) -> str:
    """Which family a mark belongs to: a quotation closes with a mark of its own family."""
    ch = text[i]
    if ch == '"' or text[i : i + 2] in ("''", "``"):
        return "straight"
    if ch in "«»":
        return "guillemet"
    return "curly"


def _spaced_opener(text: str, i: int, ch: str, prev: str) -> bool:
    """An opening mark typed with a space after it (“ We are ready”): it opens when it can
    only be an opener, a left mark or a straight mark after a space or line start, and the
    words that follow begin a sentence (a capital after at most one space on the same line)."""
    if ch in CLOSERS or (ch not in OPENERS and prev not in _OPEN_CONTEXT):
        return False
    j = i + mark_length(text, i)
    if text[j : j + 1] not in (" ", "\u00a0"):
        return False
    return text[j + 1 : j + 2].isalpha() and text[j + 1].isupper()


def can_open(text: str, i: int) -> bool:
    """Whether the mark at ``i`` may open a quote, judged by the glyph and its neighbours."""
    ch = _glyph(text, i)
    prev, nxt = _prev_char(text, i), _next_char(text, i)
    if nxt.isspace():
        return _spaced_opener(text, i, ch, prev)
    if ch in OPENERS:
        return True
    if ch in CLOSERS:
        # Some copy opens with a right mark (”Mr. Trump ...) at the start of a line.
        return prev in "\n\r" or (prev in _OPEN_CONTEXT and nxt.isalnum() and nxt.isupper())
    return prev in _OPEN_CONTEXT or prev in SINGLE_MARKS


def _spaced_after_inner(text: str, i: int) -> bool:
    """A closer set a space apart from what it closes: after the inner quotation's closer
    ('... the 'Title Sponsor,' " he wrote', the typesetter's space between two marks) or
    after the closing comma with the cue following in lower case."""
    if i < 3 or text[i - 1] not in " \u00a0" or text[i - 3].isspace():
        return False
    nxt = _next_char(text, i)
    if text[i - 2] in "'’":
        return not nxt.isalnum()
    # '... coalitions, '' said Mr. Gunnels': a spaced mark after the closing comma, then the
    # cue in lower case (an opener typed with a space is followed by a capital)
    j = i + mark_length(text, i)
    return text[i - 2] in ",?!" and nxt == " " and text[j + 1 : j + 2].islower()


def can_close(text: str, i: int) -> bool:
    """Whether the mark at ``i`` may close a quote."""
    ch = _glyph(text, i)
    prev, nxt = _prev_char(text, i), _next_char(text, i)
    if prev in " \t\n\r\u00a0" and ch not in CLOSERS and not _spaced_after_inner(text, i):
        return False
    if ch in CLOSERS:
        return True
    if ch in OPENERS:
        # A left mark used as a closer ("...end.“ he said).
        return not prev.isspace() and (nxt in _CLOSE_AFTER)
    return nxt in _CLOSE_AFTER or nxt.isalnum() is False


# A transcript speaker label at the start of a quoted turn: "WALLACE: ...", "MR. TRUMP: ...".
SPEAKER_LABEL = re.compile(r"([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3}):\s")

_WORD_APOS = re.compile(r"\w['’]\w")


def is_apostrophe(text: str, i: int) -> bool:
    """Whether a single mark is an apostrophe: don't, Russia's, Jones', '90s, rock 'n' roll."""
    if text[i] not in SINGLE_MARKS:
        return False
    prev, nxt = _prev_char(text, i), _next_char(text, i)
    if prev.isalnum() and nxt.isalnum():
        return True  # don't, Russia's
    if nxt.isdigit():
        return True  # '90s
    if text[i + 1 : i + 3] in ("n'", "n’") or text[i - 2 : i] in (" n", "'n", "‘n", "’n"):
        return True  # rock 'n' roll
    if prev in "sS" and not nxt.isalnum():
        return True  # Jones' cow (plural/possessive s)
    return bool(prev.isalnum() and nxt in " \t\n" and text[i - 2 : i].lower() in ("in", "an"))


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Paragraphs are separated by newlines (blank lines or single ones: copy varies)."""
    bounds = []
    pos = 0
    for m in re.finditer(r"\n", text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def _double_marks(text: str, start: int, end: int) -> list[int]:
    out = []
    i = start
    while i < end:
        n = mark_length(text, i)
        if n == 2 or text[i] in DOUBLE_MARKS:
            out.append(i)
        i += n
    return out


def _first_mark_closes(text: str, paragraphs: list[tuple[int, int]], pi: int) -> bool:
    """Whether the next double mark, within three paragraphs, reads as a closer.

    That is a quote broken over lines without reopening marks; a mark that opens, or no mark
    at all, means the open quote simply ended at its paragraph end.
    """
    for start, end in paragraphs[pi : pi + 3]:
        for i in _double_marks(text, start, end):
            return can_close(text, i) and not can_open(text, i)
    return False


def _opens_paragraph(text: str, start: int, end: int) -> int:
    """Offset of a mark that opens the paragraph (after leading spaces), else -1."""
    i = start
    while i < end and text[i] in " \t\u00a0":
        i += 1
    if i < end and (text[i] in DOUBLE_MARKS or mark_length(text, i) == 2) and can_open(text, i):
        return i
    return -1


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# A markup tag left in a scraped body ('<tweet author="x">', '<a href="...">') and the marks
# that can quote an attribute value inside it.
MARKUP_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>\n]{0,400})?/?>")
_TAG_MARKS = re.compile("[\"“”„‟«»'‘’‚‛]")


def mask_markup(text: str) -> str:
    """``text`` with the quotation marks inside markup tags blanked (same length), so an
    attribute value never pairs with a real quotation mark in the article."""
    if "<" not in text:
        return text
    return MARKUP_TAG.sub(lambda m: _TAG_MARKS.sub("_", m.group()), text)


def find_quotes(text: str) -> list[QuoteSpan]:
    """All top-level double-quoted spans of ``text``, in order, non-overlapping.

    An unclosed quote at the end of a paragraph continues into the next paragraph when that
    paragraph opens with a quote mark (the wire convention) or when its first mark is a closer
    (a quote broken over lines); otherwise it ends at the paragraph end. Stray closing marks
    with no open quote are ignored.
    """
    text = mask_markup(text)
    paragraphs = _paragraph_bounds(text)
    quotes: list[QuoteSpan] = []
    pending: tuple[int, int, int] | None = None  # (open_mark, content_start, paragraphs)
    for pi, (pstart, pend) in enumerate(paragraphs):
        skip = -1
        if pending is not None:
            reopen = _opens_paragraph(text, pstart, pend)
            if reopen >= 0 and SPEAKER_LABEL.match(text, reopen + mark_length(text, reopen)):
                # a transcript turn ("PENCE: Well, ...") starts a new quotation
                _emit_unclosed(text, quotes, pending, paragraphs[pi - 1][1])
                pending = None
            elif reopen >= 0 and _stray_straight(text, pending[0], reopen):
                pending = None  # the next paragraph's curly quotation starts afresh
            elif reopen >= 0:
                skip = reopen
                pending = (pending[0], pending[1], pending[2] + 1)
            elif _first_mark_closes(text, paragraphs, pi):
                pending = (pending[0], pending[1], pending[2] + 1)
            else:
                _emit_unclosed(text, quotes, pending, paragraphs[pi - 1][1])
                pending = None
        marks = _double_marks(text, pstart, pend)
        nested = 0
        for n, i in enumerate(marks):
            if i == skip:
                continue
            if pending is None:
                if can_open(text, i):
                    pending = (i, i + mark_length(text, i), 1)
                continue
            fresh = can_open(text, i) and _prev_char(text, i).isspace()
            if fresh and (_glyph(text, i) in OPENERS or not can_close(text, i)):
                inner = _style(text, i)
                later = [j for j in marks[n + 1 :] if can_close(text, j)]
                other_style = inner != _style(text, pending[0])
                if (other_style and any(_style(text, j) == inner for j in later)) or (
                    len(later) >= 2 + nested
                ):
                    # a quotation inside the quotation ('what he calls “hell” than ...',
                    # '"... an episode of “Shark Tank.” But ...'): its closer is not ours
                    nested += 1
                    continue
                # a fresh opener while a quote is open: the previous one was never closed
                _emit_unclosed(text, quotes, pending, i)
                pending = (i, i + mark_length(text, i), 1)
                continue
            if can_close(text, i):
                if nested:
                    nested -= 1
                    continue
                if _style(text, i) != _style(text, pending[0]) and _own_closer_later(
                    text, marks[n + 1 :], _style(text, pending[0])
                ):
                    continue  # a stray closer of another style; ours comes later
                start, end = _trim(text, pending[1], i)
                if start < end:
                    quotes.append(
                        QuoteSpan(start, end, pending[0], i, pending[2], i + mark_length(text, i))
                    )
                pending = None
        # pending stays open across the paragraph end; decided at the next paragraph
    if pending is not None:
        _emit_unclosed(text, quotes, pending, paragraphs[-1][1] if paragraphs else len(text))
    if "‘" not in text:
        return quotes
    covered = [(q.open_mark, q.outer_end) for q in quotes]
    for pstart, pend in paragraphs:
        para = text[pstart:pend]
        if "‘" not in para or not DOUBLE_MARKS.isdisjoint(para) or "''" in para or "``" in para:
            continue
        if any(s < pend and pstart < e for s, e in covered):
            continue
        quotes.extend(_single_quotes(text, pstart, pend))
    quotes.sort(key=lambda q: q.start)
    return quotes


def _stray_straight(text: str, opener: int, reopen: int) -> bool:
    """Whether an unclosed straight opener is a stray in copy set with curly marks: the next
    paragraph opens with a curly mark ('"Trump walked on.' then '“That's right,” she said'),
    and a quotation carried over a paragraph break reopens in its own style, so the next
    paragraph is a quotation of its own, not the continuation of one."""
    return _style(text, opener) == "straight" and _style(text, reopen) == "curly"


def _own_closer_later(text: str, later: list[int], style: str) -> bool:
    """Whether a closer of ``style`` (the open quotation's) comes later in the paragraph
    before any fresh opener: 'called it "nonsense” and “a lie."' closes at the curly mark,
    because the straight one at the end belongs to the “a lie" that opens in between."""
    for j in later:
        if _style(text, j) == style and can_close(text, j):
            return True
        fresh = _glyph(text, j) in OPENERS or (
            _glyph(text, j) in AMBIGUOUS and can_open(text, j) and not can_close(text, j)
        )
        if fresh and _prev_char(text, j).isspace():
            # '"... compete,” said Lee. "Some ...': the straight mark opens the next
            # quotation, so the curly closer before it was ours
            return False
    return False


def _single_quotes(text: str, start: int, end: int) -> list[QuoteSpan]:
    """Quotations in curly single marks, for copy that uses them as its primary quotes
    (‘We will win,’ he said.). Only paragraphs without any double marks are read this way, and
    a closer must end a phrase (‘...,’ / ‘...’.) so that apostrophes (players’ union) and
    single-word scare quotes are left alone."""
    out: list[QuoteSpan] = []
    i = start
    while i < end:
        if text[i] != "‘" or is_apostrophe(text, i) or _next_char(text, i).isspace():
            i += 1
            continue
        if _prev_char(text, i) not in _OPEN_CONTEXT:
            i += 1
            continue
        close = -1
        nxt_i = i + 1
        for j in range(i + 2, end):
            if text[j] == "‘" and text[j - 1].isspace():
                nxt_i = j  # another opener first: this one was not a quotation
                break
            if text[j] != "’":
                continue
            ends_word = j + 1 >= len(text) or text[j + 1].isspace()
            if text[j - 1].isalnum() and ends_word and len(text[i + 1 : j].split()) <= 3:
                nxt_i = j + 1  # a short scare quote (‘so-called’): skip it whole
                break
            prev, nxt = text[j - 1], (text[j + 1] if j + 1 < len(text) else "\n")
            if prev in ",.!?" and (nxt.isspace() or nxt in '”"'):
                close = j
                break
            if nxt in ",.;:!?" and not prev.isspace() and not (prev.isalnum() and nxt == "."):
                close = j
                break
        if close < 0:
            i = nxt_i
            continue
        cs, ce = _trim(text, i + 1, close)
        words = [w for w in re.findall(r"[^\W\d_]+", text[cs:ce]) if len(w) > 3]
        headline = len(words) >= 2 and all(w[0].isupper() for w in words)
        if cs < ce and not headline:  # ‘You Should Be Investigated.’ is a headline's
            out.append(QuoteSpan(cs, ce, i, close, 1, close + 1))
        i = close + 1
    return out


def _emit_unclosed(
    text: str, quotes: list[QuoteSpan], pending: tuple[int, int, int], limit: int
) -> None:
    start, end = _trim(text, pending[1], limit)
    if start < end:
        quotes.append(QuoteSpan(start, end, pending[0], -1, pending[2], end))


def inside(quotes: list[QuoteSpan], pos: int) -> QuoteSpan | None:
    """The quote whose marks enclose character ``pos`` (content or marks), if any."""
    for q in quotes:
        right = q.outer_end
        if q.open_mark <= pos < right:
            return q
    return None
