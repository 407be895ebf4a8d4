"""Parsing less (issue 19's stretch), measured by `bench/skim_speed.py`: which paragraphs of an
article can hold an attribution, and the article with every other paragraph blanked.

spaCy's time grows with the words it reads, and in a news article many paragraphs quote
nobody: background, numbers, scene. A paragraph can only hold an attribution if it has a
quotation mark, a word form of a reporting cue from the extractor's own lexicon, "according
to" or a closing colon; speaker resolution also reads the paragraph before one that says "he"
(where the name usually is), and the headline. Every other paragraph is blanked: its
characters become one "." and spaces, so the text keeps its length and its paragraph count,
and every offset the extractor reports (quotes, cues, mentions) is already an offset into the
article, with no map to apply and none to get wrong. A blanked paragraph costs the parser two
tokens instead of dozens.

The selection is lexical on purpose: it runs on every article before any model does, so it
must cost a regular-expression pass, and a false keep only costs time, never accuracy. It is a
benchmark, not a product path: on PolNeAR dev it does not beat the bare pipeline by enough to
be worth a flag (see bench/NOTES.md, "Parsing less").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from quotes.extract import boilerplate
from quotes.extract.cues import (
    DEFAULT_LEXICON,
    NOT_REPORTING_THAT,
    PASSIVE_QUOTED,
    Lexicon,
    word_set,
)
from quotes.extract.marks import DOUBLE_MARKS, find_quotes
from quotes.extract.types import ExtractedQuote

# Forms no suffix rule makes.
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "speak": ("spoke", "spoken"),
    "lay": ("laid",),
    "go": ("went", "gone"),
    "read": ("read",),
    "plead": ("pled",),
    "make": ("made",),
    "offer": ("offered",),
}

# Words that make a paragraph worth parsing besides the cue lexicon: the prepositional cue
# "according to" and interview framing, which names who speaks next.
_EXTRA_TRIGGERS = frozenset({"according", "interview", "interviewed"})

# Forms of cue lemmas that news text uses as nouns far more often than as cues ("the United
# States", "at this point", "a blog post"): on PolNeAR train they kept more paragraphs that
# held no quote than ones that did, and their verb forms ("stated", "pointed") stay triggers.
# "go" reports only in "'...,' he went on", whose quotation marks keep the paragraph anyway.
_MOSTLY_NOUNS = frozenset(
    {"state", "states", "point", "points", "post", "posts", "go", "goes", "going", "went", "gone"}
)

_WORD = re.compile(r"[^\W\d_]+")

# What a blanked paragraph becomes: one sentence-ending token, so the extractor still counts a
# paragraph there (paragraph distances drive its carried speakers) and reads it as no heading.
PLACEHOLDER = "."


def word_forms(lemmas: Iterable[str]) -> frozenset[str]:
    """Inflected forms of verb and noun lemmas by the regular rules plus the irregular table:
    a form too many costs a paragraph parsed for nothing, a form missing could drop a quote."""
    out: set[str] = set()
    for lemma in lemmas:
        w = lemma.lower()
        stem = w[:-1] if w.endswith("e") else w
        forms = {w, stem + "ed", stem + "ing"}
        forms.add(w + "es" if w.endswith(("s", "sh", "ch", "x", "z", "o")) else w + "s")
        if w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
            forms.update({w[:-1] + "ies", w[:-1] + "ied"})
        if len(w) > 2 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou":
            forms.update({w + w[-1] + "ed", w + w[-1] + "ing"})  # "quipped", "admitted"
        forms.update(_IRREGULAR.get(w, ()))
        out.update(forms)
    return frozenset(out)


def cue_forms(lexicon: Lexicon = DEFAULT_LEXICON) -> frozenset[str]:
    """Every surface form, lowercased, of the words that let the extractor find reported
    speech outside quotation marks: its reporting verbs, the direct-only verbs that still
    report a "that"-clause, infinitive, phrasal and object cues, and speech-act nouns ("voiced
    concerns that"). Cues that only attribute a quotation in marks (characterising verbs,
    "asked", "the statement reads") need no entry: the marks keep their paragraph already."""
    lemmas = (
        set(lexicon.reporting)
        | (set(lexicon.direct_only) - NOT_REPORTING_THAT)
        | set(lexicon.infinitive)
        | set(lexicon.phrasal)
        | set(lexicon.objects)
        | set(lexicon.speech_acts)
        | set(lexicon.np_object)
        | set(PASSIVE_QUOTED)
    )
    return (word_forms(lemmas) | _EXTRA_TRIGGERS) - _MOSTLY_NOUNS


_DEFAULT_FORMS = cue_forms()


@dataclass(frozen=True, slots=True)
class Skimmed:
    """An article's text with the paragraphs that cannot hold an attribution blanked.

    `text` has the article's length, so offsets into it are offsets into the article, and it
    is the article's text everywhere but in the `blanked` (start, end) ranges.
    """

    text: str
    blanked: tuple[tuple[int, int], ...]
    paragraphs: int

    def covers(self, start: int | None, end: int | None) -> bool:
        """Whether [start, end) touches no blanked paragraph, so the text there is the
        article's (an absent span, None, trivially is)."""
        if start is None or end is None:
            return True
        i = bisect.bisect_right(self.blanked, (start, len(self.text) + 1)) - 1
        if i >= 0 and self.blanked[i][1] > start:
            return False
        return i + 1 >= len(self.blanked) or self.blanked[i + 1][0] >= max(end, start + 1)

    def exact(self, quote: ExtractedQuote) -> bool:
        """Whether everything `quote` quotes from the article (its words, cue and mention)
        lies in paragraphs parsed as written, so its offsets and texts are the article's."""
        return (
            self.covers(quote.start, quote.end)
            and self.covers(quote.cue_start, quote.cue_end)
            and self.covers(quote.mention_start, quote.mention_end)
        )


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every non-blank line: the extractor's paragraphs."""
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            yield pos, pos + len(line)
        pos += len(line) + 1


# Pronouns a speaker is carried by ("he said"): a paragraph holding one also keeps the one
# before it, where the name usually is.
_CARRIERS = word_set("he she they")

# How a paragraph ends when the parser reads it as finished; after anything else (a headline,
# a caption, a line broken mid-sentence) it may run the sentence on into the next paragraph.
_FINISHED = tuple('.!?"”’)…:;')


def _triggers(unit: str, forms: frozenset[str]) -> bool:
    """Whether a paragraph can hold an attribution: a quotation mark, a cue word form, or a
    closing colon (the extractor gives the quotation after "X said:" to that paragraph)."""
    if unit.rstrip().endswith(":") or not DOUBLE_MARKS.isdisjoint(unit):
        return True
    return any(m.group().lower() in forms for m in _WORD.finditer(unit))


def _carries(unit: str) -> bool:
    return any(m.group().lower() in _CARRIERS for m in _WORD.finditer(unit))


def skim(
    text: str,
    *,
    forms: frozenset[str] = _DEFAULT_FORMS,
    context: int = 1,
    lead: int = 1,
    context_only_for_pronouns: bool = True,
) -> Skimmed:
    """`text` with every paragraph blanked unless it can hold an attribution, is one of the
    `context` paragraphs before one (only before one holding a pronoun, with
    `context_only_for_pronouns`), is among the first `lead` (the headline), or is page
    furniture the extractor counts (teasers, datelines). A kept paragraph also keeps a
    neighbour the parser may read as one sentence with it, and everything a quotation's marks
    enclose is kept, so its text stays whole."""
    paras = list(_lines(text))
    n = len(paras)
    keep = [i < lead for i in range(n)]
    starts = [s for s, _ in paras]

    def select(i: int) -> None:
        keep[i] = True
        if context and (not context_only_for_pronouns or _carries(text[slice(*paras[i])])):
            for j in range(max(0, i - context), i):
                keep[j] = True

    def covering(lo: int, hi: int) -> Iterator[int]:
        i = max(0, bisect.bisect_right(starts, lo) - 1)
        while i < n and paras[i][0] <= hi:
            if paras[i][1] > lo:
                yield i
            i += 1

    for i, (s, e) in enumerate(paras):
        if _triggers(text[s:e], forms):
            select(i)
            if text[s:e].rstrip().endswith(":") and i + 1 < n:
                keep[i + 1] = True  # the quotation a colon introduces
    # Single quotation marks are told from apostrophes only by the extractor's reading.
    for q in find_quotes(text):
        lo = q.open_mark if q.open_mark >= 0 else q.start
        for i in covering(lo, max(q.outer_end, q.end)):
            if not keep[i]:
                select(i)
    # The extractor counts teasers and datelines into every quote's confidence.
    for lo, hi in boilerplate.teaser_regions(text) + boilerplate.dateline_regions(text):
        for i in covering(lo, hi):
            keep[i] = True
    group = 0  # paragraphs run together by unfinished endings: kept all or none
    for i in range(n):
        if i == n - 1 or text[slice(*paras[i])].rstrip().endswith(_FINISHED):
            if any(keep[group : i + 1]):
                keep[group : i + 1] = [True] * (i + 1 - group)
            group = i + 1
    blanked = tuple(p for p, k in zip(paras, keep, strict=True) if not k)
    out: list[str] = []
    pos = 0
    for s, e in blanked:
        out.append(text[pos:s])
        out.append(PLACEHOLDER + " " * (e - s - len(PLACEHOLDER)))
        pos = e
    out.append(text[pos:])
    return Skimmed("".join(out) if blanked else text, blanked, n)


def skimmed_doc(nlp: Language, skimmed: Skimmed) -> Doc:
    """The skimmed text tokenized for `nlp.pipe`, a sentence starting at each placeholder and
    at the paragraph after it. Left alone, the parser runs the placeholder into the sentence
    next to it, and the extractor reads sentence lengths into its confidences; a blanked
    paragraph is always one that follows and ends a finished sentence, so these are the
    boundaries the article has there (the parser respects boundaries set before it)."""
    doc = nlp.make_doc(skimmed.text)
    starts = [token.idx for token in doc]
    for blank_start, blank_end in skimmed.blanked:
        for pos in (blank_start, blank_end):
            i = bisect.bisect_left(starts, pos)
            while i < len(doc) and doc[i].is_space:
                i += 1
            if i < len(doc):
                doc[i].is_sent_start = True
    return doc


def extract_skimmed(
    nlp: Language, texts: Sequence[str], *, batch_size: int = 16, **options: Any
) -> Iterator[tuple[list[ExtractedQuote], Skimmed, bool]]:
    """(quotes, skim, parsed again) of each text, parsed skimmed; an article with a quote,
    cue or mention reaching into a blanked paragraph is parsed again whole, so every offset
    and text is the article's whatever the selection missed."""
    skims = [skim(text, **options) for text in texts]
    docs = nlp.pipe((skimmed_doc(nlp, s) for s in skims), batch_size=batch_size)
    for text, skimmed, doc in zip(texts, skims, docs, strict=True):
        quotes = list(doc._.quotes or ())
        if all(skimmed.exact(q) for q in quotes):
            yield quotes, skimmed, False
        else:
            yield list(nlp(text)._.quotes or ()), skimmed, True
