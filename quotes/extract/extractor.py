"""Putting the rules together: one parsed article in, its list of `ExtractedQuote` out.

Order of work, each step using only the doc's existing parse (no extra model calls):
1. quotation spans from the mark scanner, minus teasers and page furniture;
2. reporting cues from the parse, each with its subject and reported clause;
3. every cue's clause is classified: mostly one quotation -> that quotation is direct and the cue
   attributes it; quotation fragments inside real reported words -> one "mixed" quote; no
   quotation -> "indirect";
4. quotations still without a cue look for one next to them (before or after, in the same
   sentence), else continue the previous speaker, else the subject of their sentence;
5. speakers are resolved in text order against the article's `SpeakerBook`.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from typing import cast

from spacy.tokens import Doc, Token

from . import boilerplate, calibration, features, fragments, speakers
from .config import DEFAULT_CONFIG, ExtractorConfig
from .cue_subject import (
    cut_off_subject,
    issuer_of,
    missing_subject,
    name_before_colon,
    speaking_subject,
)
from .headline import headline_reports
from .indirect import Cue, find_cues, paragraph_ids
from .marks import SPEAKER_LABEL, QuoteSpan, find_quotes
from .speakers import (
    FIRST_PERSON,
    ORG_NOUNS,
    PERSON_NOUNS,
    Entity,
    Mention,
    SpeakerBook,
    analyse_mention,
    speaks,
    unnamed_source,
)
from .types import ExtractedQuote, QuoteType, Resolution

_SENT_END_RAW = re.compile(r"[.!?…](?=[\s\"”’)]|$)")
# Periods that end abbreviations rather than sentences: "Ms. Moore said", "Gov. Pat McCrory",
# and the state in a lawmaker's party label: "Rep. Ann Lee (D-Wash.) said".
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Adm|St|Jr|Sr|Rev|Hon|No|vs|"
    r"Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|Inc|Corp|Co|Ltd|"
    r"Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|"
    r"Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Vt|Va|Wash|Wis|Wyo)|\b[A-Z]|\b(?:[A-Z]\.)+[A-Z])$"
)


def _sentence_ends(text: str) -> list[re.Match[str]]:
    """Sentence-final punctuation in ``text``, not counting abbreviations and initials."""
    return [
        m
        for m in _SENT_END_RAW.finditer(text)
        if not (text[m.start()] == "." and _ABBREV.search(text[max(0, m.start() - 12) : m.start()]))
    ]


class _SentEnd:
    """`re`-like facade so call sites read as before."""

    @staticmethod
    def search(text: str) -> re.Match[str] | None:
        ends = _sentence_ends(text)
        return ends[0] if ends else None

    @staticmethod
    def finditer(text: str) -> list[re.Match[str]]:
        return _sentence_ends(text)


_SENT_END = _SentEnd()
_DASHES = "―—–"


@dataclass(slots=True)
class _Item:
    """A quote under construction; becomes an `ExtractedQuote` once speakers are final."""

    start: int
    end: int
    type: QuoteType
    cue: Cue | None = None
    subject: Token | None = None
    resolution: str = "none"
    entity: Entity | None = None
    mention: Mention | None = None
    quotes: list[int] = field(default_factory=list)  # indices of quotation spans inside
    notes: list[str] = field(default_factory=list)
    dash_name: tuple[str, int, int] | None = None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


class _Article:
    """Per-doc working state shared by the steps."""

    def __init__(self, doc: Doc, config: ExtractorConfig) -> None:
        self.doc = doc
        self.config = config
        self.text = doc.text
        # teasers, page furniture and datelines: never a speaker, a cue or reported words
        self.regions = sorted(
            boilerplate.teaser_regions(self.text) + boilerplate.dateline_regions(self.text)
        )
        self.quotes: list[QuoteSpan] = [
            q
            for q in find_quotes(self.text)
            if not boilerplate.in_regions(self.regions, q.start, q.end)
        ]
        self.paras = _paragraphs(self.text)
        self.para_starts = [p[0] for p in self.paras]
        # token -> index of the quotation whose marks enclose it (-1 outside)
        self.tok_quote = [-1] * len(doc)
        bounds = [(q.open_mark, q.outer_end) for q in self.quotes]
        qi = 0
        for tok in doc:
            while qi < len(bounds) and bounds[qi][1] <= tok.idx:
                qi += 1
            if qi < len(bounds) and bounds[qi][0] <= tok.idx < bounds[qi][1]:
                self.tok_quote[tok.i] = qi
        self.char_tokens = [t.idx for t in doc]
        in_region = [False] * len(doc)
        for rs, re_ in self.regions:  # few regions: mark their tokens, not test every token
            i = bisect.bisect_left(self.char_tokens, rs)
            while i < len(doc) and self.char_tokens[i] < re_:
                in_region[i] = True
                i += 1
        self.excluded = [q >= 0 or r for q, r in zip(self.tok_quote, in_region, strict=True)]
        self.para_ids = paragraph_ids(doc)

    def _in_teaser(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.regions)

    def para_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, pos) - 1)

    def token_at(self, pos: int) -> Token | None:
        if not len(self.doc):
            return None
        i = max(0, bisect.bisect_right(self.char_tokens, pos) - 1)
        return self.doc[i]

    def quote_bounds(self, k: int) -> tuple[int, int]:
        q = self.quotes[k]
        return q.open_mark, q.outer_end


def _overlapping_quotes(art: _Article, start: int, end: int) -> list[int]:
    out = []
    for k, q in enumerate(art.quotes):
        if q.start < end and start < q.end:
            out.append(k)
    return out


def _outside_words(art: _Article, start: int, end: int, quotes: list[int]) -> int:
    text = art.text
    pieces = []
    pos = start
    for k in quotes:
        qs, qe = art.quote_bounds(k)
        if qs > pos:
            pieces.append(text[pos:qs])
        pos = max(pos, qe)
    if pos < end:
        pieces.append(text[pos:end])
    words = boilerplate.word_count(" ".join(pieces))
    return words - len(re.findall(r"(?i)\bthat\b", " ".join(pieces)[:8]))


def _closed_before_cue(art: _Article, start: int, end: int, quotes: list[int], cue: Cue) -> bool:
    """Whether a clause the parser ran from a quotation on into the words before its cue is
    the quotation with its speaker: in '"Nothing is hunky-dory," Ann Lee, an adviser, said'
    the comma closed inside the marks ends the quoted sentence, and what follows up to
    "said" names who spoke, however the parser hung it. The clause may open with a lead-in
    ending in a colon: 'Lee scolded him: "...," she said'."""
    first, last = art.quotes[quotes[0]], art.quotes[quotes[-1]]
    # 'Lee scolded him: "...," she said': the words before the colon only lead in
    led_in = art.text[start : first.open_mark].rstrip().endswith(":")
    if (start < first.open_mark and not led_in) or not last.end <= end <= cue.start:
        return False
    inner = art.text[last.start : last.end].rstrip().rstrip("\u2019'").rstrip()  # ‘miracles,’
    if not inner.endswith((",", "?", "!")) or "\n" in art.text[last.outer_end : cue.start]:
        return False
    between = list(art.doc.char_span(last.outer_end, cue.start, alignment_mode="expand") or ())
    words = [t for t in between if t.is_alpha]
    # a speaker's phrase, not the writer's words going on ('," in sharp contrast to ...')
    return (
        bool(words)
        and (
            words[0].text[:1].isupper()
            or words[0].lower_ in ("the", "a", "an", "he", "she", "they", "we", "i")
        )
        and not any(t.pos_ in ("VERB", "AUX") and t.i != cue.token.i for t in between)
    )


def _joined_by_reporter(art: _Article, quotes: list[int]) -> bool:
    """Whether the writer's own words join two quotations of one reported clause, one of
    them too short to stand alone: 'he's "looking forward to it" because "these are matches
    you play for."' is one mixed report, not a fragment and a quotation."""
    if len(quotes) < 2:
        return False
    limit = art.config.min_embedded_words
    short = any(
        boilerplate.word_count(art.text[slice(*art.quote_bounds(k))]) < limit + 2
        and not _standalone(art, k)
        for k in quotes
    )
    if not short:
        return False
    for a, b in itertools.pairwise(quotes):
        between = art.text[art.quote_bounds(a)[1] : art.quote_bounds(b)[0]]
        if boilerplate.word_count(between) >= 1:
            return True
    return False


def _only_scare_quotes(art: _Article, quotes: list[int]) -> bool:
    """Whether every quotation in a reported clause is too short to stand as a quote of its
    own inside a sentence: 'said Harris is "finished now."' reports the clause, with two
    quoted words in it, and must not be handed to the quotation, which would then be dropped
    as scare quotes and the report lost with it."""
    limit = art.config.min_embedded_words
    return all(
        boilerplate.word_count(art.text[slice(*art.quote_bounds(k))]) < limit
        and not _standalone(art, k)
        for k in quotes
    )


def _cut_at_semicolon(art: _Article, start: int, end: int) -> tuple[int, int]:
    """A reported clause stops at a semicolon outside quotation marks: what follows is the
    writer's next statement ("X said A; they only learned B")."""
    pos = art.text.find(";", start, end)
    while pos >= 0:
        tok = art.token_at(pos)
        if tok is not None and not art.excluded[tok.i]:
            return start, pos
        pos = art.text.find(";", pos + 1, end)
    return start, end


def _wraps_report(doc: Doc, ti: int, tj: int, cue_tokens: set[int], excluded: list[bool]) -> bool:
    """Whether the clause [ti, tj) is itself a report ("X said Y claimed Z", "the Council
    confirmed A and said B, the statement said"): its main verb, or a verb coordinated with
    it, is a cue. A cue deeper inside ("... what the senators said was gerrymandering") is not.
    """
    root = doc[ti:tj].root
    for k in range(ti, tj):
        if k not in cue_tokens or excluded[k]:
            continue
        tok = doc[k]
        if k == root.i or (tok.dep_ == "conj" and tok.head.i == root.i):
            return True
    return False


def _speaks(cue: Cue) -> bool:
    """Whether a cue has someone speaking: 'the advertisement suggests' does not count as a
    nested report inside another speaker's clause."""
    subj = cue.subject
    return subj is not None and (
        subj.pos_ in ("PROPN", "PRON")
        or subj.lemma_.lower() in PERSON_NOUNS
        or subj.lemma_.lower() in ORG_NOUNS
        or subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
    )


def _classify_cues(art: _Article, cues: list[Cue]) -> tuple[list[_Item], dict[int, Cue]]:
    """Reported clauses become indirect/mixed items; clauses that are one quotation attribute it."""
    items: list[_Item] = []
    direct_cue: dict[int, Cue] = {}
    # cues that report a clause of their own; one inside another's clause makes that a wrapper
    # ("he would ensure that ..." reports nothing: a direct-only verb never wraps a clause)
    cue_tokens = {
        c.token.i for c in cues if c.content is not None and not c.direct_only and _speaks(c)
    }
    for cue in cues:
        if cue.content is None or cue.content_tokens is None:
            continue
        ti, tj = cue.content_tokens
        nested = _wraps_report(art.doc, ti, tj, cue_tokens, art.excluded)
        start, end = _cut_at_semicolon(art, *cue.content)
        start = boilerplate.skip_regions(art.regions, start, end)
        quotes = _overlapping_quotes(art, start, end)
        # a clause that cuts a quotation short takes all of it
        for k in quotes:
            q = art.quotes[k]
            start, end = min(start, q.start), max(end, q.end)
        outside_min = art.config.mixed_min_outside_words
        if quotes and _closed_before_cue(art, start, end, quotes, cue):
            for k in quotes:
                direct_cue.setdefault(k, cue)
            continue
        if (
            quotes
            and _outside_words(art, start, end, quotes) < outside_min
            and not _only_scare_quotes(art, quotes)
            and not _joined_by_reporter(art, quotes)
        ):
            for k in quotes:
                direct_cue.setdefault(k, cue)
            continue
        if nested and cue.content[0] < cue.start:
            # "A confirmed B, the council said": the trailing cue only restates who reports;
            # but "X said Y claimed Z" is two reports, X's and (inside it) Y's
            continue
        if boilerplate.in_regions(art.regions, start, end):
            continue
        titles = [
            k
            for k in quotes
            if boilerplate.is_title(art.text[art.quotes[k].start : art.quotes[k].end])
        ]
        if cue.direct_only and len(titles) == len(quotes):
            continue
        qtype: QuoteType = "mixed" if len(titles) < len(quotes) else "indirect"
        if boilerplate.word_count(art.text[start:end]) < art.config.min_indirect_words:
            continue
        items.append(
            _Item(
                start,
                end,
                qtype,
                cue=cue,
                subject=cue.subject,
                quotes=quotes,
                notes=[f"{qtype}:{cue.kind}"],
            )
        )
    return items, direct_cue


def _gap_cues(art: _Article, cues: list[Cue], lo: int, hi: int) -> list[Cue]:
    return [c for c in cues if lo <= c.start < hi]


def _usable(art: _Article, cue: Cue, k: int) -> bool:
    """A cue can attribute quotation k if it reports nothing else."""
    if cue.content is None:
        return True
    s, e = cue.content
    q = art.quotes[k]
    if s < q.end and q.start < e:
        return True
    if boilerplate.word_count(art.text[s:e]) < art.config.min_indirect_words:
        return True  # 'It was, the president said, "a stone ..."': no report of its own
    if _topic_after(art, cue, k):
        return True
    # the other half of '"A," he said, "B."': the cue sits close between the two
    for j in (k - 1, k + 1):
        if not (0 <= j < len(art.quotes) and s < art.quotes[j].end and art.quotes[j].start < e):
            continue
        if j == k + 1:
            lo, hi = art.quote_bounds(k)[1], cue.start
        else:
            lo, hi = cue.end, art.quote_bounds(k)[0]
        if hi - lo >= 0 and boilerplate.word_count(art.text[lo:hi]) <= 4:
            return True
    return False


def _topic_after(art: _Article, cue: Cue, k: int) -> bool:
    """'"...," Eric Wong wrote of the 2010 gift': a cue right after the quotation (only its
    speaker between) attributes it even though its prepositional object is a report of its
    own, the topic the quotation speaks to."""
    if cue.content_tokens is None or cue.kind != "verb":
        return False
    lo, hi = cue.content_tokens
    if not any(
        t.head.dep_ == "prep" and t.head.head.i == cue.token.i and t.head.lower_ in ("of", "about")
        for t in art.doc[lo:hi]
    ):
        return False
    closed = art.quote_bounds(k)[1]
    return cue.start >= closed and boilerplate.word_count(art.text[closed : cue.start]) <= 4


def _answering_cue(art: _Article, cues: list[Cue], k: int, clause: Cue) -> Cue | None:
    """A cue with its own subject right after quotation k, when the parse hung the quotation
    on a verb before it: in 'as critics say and the mayor denies — "why not ask?" asked Dunn',
    Dunn asks, whatever the mayor denies."""
    if clause.start >= art.quotes[k].start:
        return None
    after, how = _find_cue_for(art, cues, k)
    if after is None or how != "after" or after.subject is None or after is clause:
        return None
    closed = art.quote_bounds(k)[1]
    gap = art.text[closed : after.start]
    return after if len(gap) <= 3 and not gap.strip(" ,") else None


def _find_cue_for(art: _Article, cues: list[Cue], k: int) -> tuple[Cue | None, str]:
    """A cue next to quotation k in its sentence: after it ('"...," he said') or before it."""
    text = art.text
    q = art.quotes[k]
    qs, qe = art.quote_bounds(k)
    p = art.para_of(q.open_mark)
    pstart, pend = art.paras[p]
    next_open = art.quotes[k + 1].open_mark if k + 1 < len(art.quotes) else len(text)
    prev_close = art.quote_bounds(k - 1)[1] if k > 0 else 0
    # after: up to the end of the first sentence of the gap
    a_lo, a_hi = qe, min(next_open, max(pend, art.paras[art.para_of(max(qe - 1, 0))][1]))
    gap = text[a_lo:a_hi]
    m = _SENT_END.search(gap)
    a_end = a_lo + (m.end() if m else len(gap))
    before_lo = max(prev_close, pstart)
    bgap = text[before_lo:qs]
    ends = list(_SENT_END.finditer(bgap.rstrip()))
    b_lo = before_lo + (ends[-1].end() if ends else 0)
    introduced = bool(re.search(r"(?:[:,]|\bthat|\bas)\s*$", bgap))
    after = [c for c in _gap_cues(art, cues, a_lo, a_end) if _usable(art, c, k)]
    before = [c for c in _gap_cues(art, cues, b_lo, qs) if _usable(art, c, k)]
    ends_sentence = q.closed and text[q.end - 1 : q.end] == "." and re.match(r"\s*[A-Z]", gap)
    if not before and not after:
        lexicon = art.config.lexicon
        # 'COVID-19 is a danger," he continued. "We must act."': a cue left over in the previous
        # sentence of the paragraph that reports nothing else
        earlier = [
            c
            for c in _gap_cues(art, cues, before_lo, b_lo)
            if (c.content is None or c.direct_only)
            # not "..., where Mrs. Diaz also spoke": a relative clause describes the place
            and not (c.kind == "verb" and c.token.dep_ == "relcl")
            # nor "declined to criticize Clinton": an attack is no speech act of its own
            and not (
                c.kind == "verb"
                and c.token.lemma_.lower() not in lexicon.speech
                and c.token.lemma_.lower() not in lexicon.phrasal
            )
        ]
        if earlier and b_lo - earlier[-1].end < 40:
            return earlier[-1], "previous-sentence"
    if introduced and before:
        return before[-1], "before"
    if after and not ends_sentence:
        return after[0], "after"
    if (
        after
        and after[0].content is None
        and after[0].subject is not None
        and not any(c.dep_ in ("dobj", "obj") for c in after[0].token.children)
        and boilerplate.word_count(text[a_lo:a_end]) <= 8
    ):
        # '"... are missing." Kovacs said.': a short sentence whose speech verb has a subject
        # and says nothing of its own ('said nothing more' does) reports the quotation
        # before it, full stop or not
        return after[0], "after-sentence"
    if before:
        return before[-1], "before"
    return None, ""


# A name set off by a dash and closed by a colon right before a quotation: "Pollsters agree -
# Ann Weber: ..." labels whose words follow, as a transcript's "WALLACE:" does.
_DASH_LABEL = re.compile(r"\s[-—–]\s+([A-Z][^-—–:\n]{0,60}):\s*$")


def _dash_label(art: _Article, k: int) -> Token | None:
    """The name labelling quotation k after a dash ("... - Ann Weber:"), or None."""
    qs = art.quote_bounds(k)[0]
    # a label is at most 60 characters: look no further back, so a long paragraph with many
    # quotations is not searched from its start each time
    lo = max(art.paras[art.para_of(qs)][0], qs - 120)
    m = _DASH_LABEL.search(art.text[lo:qs])
    if m is None:
        return None
    tok = art.token_at(lo + m.end(1) - 1)
    if tok is None or tok.pos_ != "PROPN" or art.excluded[tok.i]:
        return None
    return tok


def _colon_intro(art: _Article, cues: list[Cue], k: int) -> tuple[Cue | None, Token | None]:
    """A quotation opening the paragraph after one that ends with a colon ('The Times
    reports:', 'Sanders made the following comment:') belongs to that paragraph's speaker."""
    q = art.quotes[k]
    p = art.para_of(q.open_mark)
    ps, pe = art.paras[p]
    lead = art.text[ps : q.open_mark].rstrip()
    same_paragraph = lead.endswith(":")
    if same_paragraph:
        # the same paragraph: 'The piece used her words as its headline: "..."'
        pe = ps + len(lead)
        prev = lead
    elif p == 0 or ps < q.open_mark - 2:
        return None, None
    else:
        ps, pe = art.paras[p - 1]
        prev = art.text[ps:pe].rstrip()
    if not prev.endswith(":"):
        return None, None
    ends = _SENT_END.finditer(prev[:-1])
    lo = ps + (ends[-1].end() if ends else 0)
    near = [c for c in _gap_cues(art, cues, lo, pe) if c.content is None or c.direct_only]
    if near:
        return near[-1], None
    tok = art.token_at(pe - 1)
    if tok is None:
        return None, None
    root = tok.sent.root
    for child in root.children:
        if child.dep_ == "nsubj" and not art.excluded[child.i] and lo <= child.idx < pe:
            return None, child
    reports = any(lo <= c.start < pe for c in cues)  # a report the joiner extends
    lead_subjects = [
        t
        # (also across the paragraph break: 'Lee issued the following statement:' over a
        # quotation the parse made the root of both)
        for t in (tok.sent if not reports else ())
        # the parse ran the lead into the quotation ('McConnell delivered a message: "It's
        # time ..."' with "'s" as the root): the named subject of the lead's own main verb
        if (
            lo <= t.idx < pe
            and t.dep_ == "nsubj"
            and (t.pos_ == "PROPN" or t.lower_ in ("he", "she"))
            and not art.excluded[t.i]
            and lo <= t.head.idx < pe
            and t.head.pos_ == "VERB"
            and t.head.dep_ not in ("advcl", "relcl", "acl")
        )
    ]
    if lead_subjects:
        return None, lead_subjects[-1]
    return None, name_before_colon(tok, art.excluded)


def _sentence_lead(art: _Article, k: int) -> int | None:
    """Start of the words leading into quotation k in its sentence ('NATO has invited Russia
    to "find a way forward," the chief said'), or None when the quotation opens the sentence."""
    text = art.text
    qs, _ = art.quote_bounds(k)
    pstart = art.paras[art.para_of(qs)][0]
    prev_close = art.quote_bounds(k - 1)[1] if k > 0 else 0
    lo = max(pstart, prev_close)
    lead = text[lo:qs]
    ends = list(_SENT_END.finditer(lead.rstrip()))
    if ends:
        lo += ends[-1].end()
    elif prev_close > pstart:
        return None  # between two quotations: '"A," he said, "B"'
    for rs, re_ in art.regions:
        if rs <= lo < re_:
            lo = re_
    lead = text[lo:qs]
    if re.search(r"[:,]\s*$", lead) or boilerplate.word_count(lead) < 3:
        return None
    while lo < qs and text[lo].isspace():
        lo += 1
    return lo


def _join_previous(art: _Article, items: list[_Item], k: int) -> bool:
    """An uncued quotation finishing the sentence of a reported clause joins it as one mixed
    quote: 'He stressed that Russia has a choice, but in that case "they will pay."'."""
    q = art.quotes[k]
    qs, _ = art.quote_bounds(k)
    para = art.para_of(qs)
    for it in items:
        if it.type == "direct" or it.end > qs or art.para_of(it.end) != para:
            continue
        between = art.text[it.end : qs]
        if _SENT_END.search(between) or len(between) > 80:
            continue
        it.end = max(it.end, q.end)
        it.type = "mixed"
        it.quotes.append(k)
        it.notes.append("mixed:joined-quote")
        return True
    return False


def _dash_speaker(art: _Article, k: int) -> tuple[str, int, int] | None:
    """'"..." ― Sonya Herridge': a name after a dash attributes the quotation."""
    qs, qe = art.quote_bounds(k)
    m = re.match(r"[\s\u00a0]*[―—–-]{1,2}[\s\u00a0]*", art.text[qe : qe + 6])
    if not m or art.text[art.paras[art.para_of(qs)][0] : qs].strip():
        return None  # only a quotation that opens its paragraph is signed this way
    start = qe + m.end()
    tok = art.token_at(start)
    if tok is None or tok.idx != start or tok.pos_ != "PROPN":
        return None
    toks = [tok]
    while toks[-1].i + 1 < len(art.doc) and (
        art.doc[toks[-1].i + 1].pos_ == "PROPN"
        or re.fullmatch(r"[A-Z]\.?", art.doc[toks[-1].i + 1].text)  # "Julie A. Diaz"
    ):
        nxt = art.doc[toks[-1].i + 1]
        if "\n" in art.text[toks[-1].idx : nxt.idx]:
            break
        toks.append(nxt)
    end = toks[-1].idx + len(toks[-1].text)
    rest = art.text[end : art.text.find("\n", end) if "\n" in art.text[end:] else len(art.text)]
    if rest.strip(" .,\u00a0"):
        return None  # the name must end the line
    return art.text[start:end].rstrip(".,"), start, end


def _standalone(art: _Article, k: int) -> bool:
    """A quotation that is a sentence of its own rather than words inside a sentence."""
    q = art.quotes[k]
    qs, qe = art.quote_bounds(k)
    before = art.text[art.paras[art.para_of(qs)][0] : qs].strip()
    inner_end = art.text[q.end - 1 : q.end]
    return (not before or before[-1:] in '.!?:"”') and (
        inner_end in ".!?," or not q.closed or art.text[qe : qe + 2].strip()[:1] in ("", ".")
    )


def _sentence_subject(art: _Article, k: int) -> Token | None:
    """Quoted words inside a sentence whose subject is a speaker: 'Putin called for "..."'.

    Not when the words sit in a subordinate clause with a subject of its own ('X watched as Y
    held out his arms, trying to "get some distance"'): whose words they are is unclear.
    """
    q = art.quotes[k]
    tok = art.token_at(q.start)
    if tok is None:
        return None
    root = tok.sent.root
    if art.excluded[root.i]:
        return None
    node = tok
    while node.head.i != node.i and node.i != root.i:
        node = node.head
        if (
            node.i != root.i
            and node.dep_ in ("advcl", "relcl", "acl", "ccomp")
            and any(
                c.dep_ in ("nsubj", "nsubjpass") and not art.excluded[c.i] for c in node.children
            )
        ):
            return None
    for child in root.children:
        if (
            child.dep_ == "nsubj"
            and not art.excluded[child.i]
            and (child.pos_ == "PROPN" or child.lower_ in ("he", "she"))
        ):
            return child
    return None


def extract(doc: Doc, config: ExtractorConfig = DEFAULT_CONFIG) -> list[ExtractedQuote]:
    """All quotes of one parsed article (see the module docstring for the steps)."""
    if not len(doc):
        return []
    art = _Article(doc, config)
    if not art.text.strip():
        return []
    # Speaker names and titles must not borrow words from a pasted teaser headline glued to
    # the sentence ("SEE ALSO: … Border CrisisBut Geoana rejected …").
    with speakers.excluding(art.regions):
        return _extract(art)


def _extract(art: _Article) -> list[ExtractedQuote]:
    doc = art.doc
    cues = find_cues(doc, art.excluded, art.config.lexicon, art.para_ids)
    items, direct_cue = _classify_cues(art, cues)
    absorbed = {k for it in items for k in it.quotes}
    for k, q in enumerate(art.quotes):
        if k in absorbed:
            continue
        cue = direct_cue.get(k)
        how = "clause"
        answered = cue is not None and (after := _answering_cue(art, cues, k, cue)) is not None
        if answered:
            cue, how = after, "after"
        if cue is None:
            cue, how = _find_cue_for(art, cues, k)
        intro_subject = _dash_label(art, k)
        if intro_subject is not None:
            cue = None  # 'Pollsters agree - Ann Weber: "..."': Weber's words, not the pollsters'
        elif cue is None:
            cue, intro_subject = _colon_intro(art, cues, k)
            how = "colon-intro"
        item = _Item(q.start, q.end, "direct", cue=cue, quotes=[k])
        if intro_subject is not None:
            item.subject = intro_subject
            item.notes.append("direct:colon-intro")
        own = cue is not None and (
            cue.content is None or (cue.content[0] < q.end and q.start < cue.content[1])
        )
        if (
            own
            and how == "after"
            and not answered  # the words before the quotation report someone else
            # a quoted title is a name, not words said: 'told MSNBC's "Morning Joe" that ...';
            # scare quotes are the writer's: 'pressed, in a "dissent channel" memo, for ...'
            and not boilerplate.is_scare_quote(art.text[q.start : q.end], standalone=False)
            and (lead := _sentence_lead(art, k)) is not None
        ):
            item.start, item.type = lead, "mixed"
            item.notes.append("mixed:lead-in")
        if cue is None and intro_subject is None and _join_previous(art, items, k):
            continue
        if cue is not None:
            item.subject = cue.subject
            item.notes.append(f"direct:cue-{how}")
        elif (label := SPEAKER_LABEL.match(art.text, q.start, q.end)) is not None:
            # a transcript turn: 'WALLACE: Let's start ...' is WALLACE speaking
            item.start = label.end()
            item.dash_name = (label.group(1), label.start(1), label.end(1))
            item.notes.append("direct:transcript-label")
        else:
            dash = _dash_speaker(art, k)
            if dash is not None:
                item.dash_name = dash
                item.notes.append("direct:dash")
            else:
                item.notes.append("direct:no-cue")
        items.append(item)
    items.extend(_headline_items(art, items))
    items.sort(key=lambda it: (it.start, it.end))
    _resolve(art, items)
    return _finish(art, items)


def _headline_items(art: _Article, items: list[_Item]) -> list[_Item]:
    """A title-case headline's report, unless the parse already found something there."""
    out = []
    for rep in headline_reports(art.doc, art.regions):
        if any(
            it.start < rep.end
            and rep.start < it.end
            and (it.type != "direct" or 2 * (it.end - it.start) >= rep.end - rep.start)
            for it in items
        ):
            continue  # a quoted word or two inside is not the parse's own reading
        s, e = rep.speaker
        cue = Cue(
            token=rep.cue,
            text=rep.cue.text,
            start=rep.cue.idx,
            end=rep.cue.idx + len(rep.cue.text),
            subject=None,
            content=(rep.start, rep.end),
            kind="headline",
        )
        item = _Item(rep.start, rep.end, "indirect", cue=cue, notes=["indirect:headline"])
        item.dash_name = (art.text[s:e], s, e)
        out.append(item)
    return out


def _heading(art: _Article, pos: int) -> bool:
    """Whether ``pos`` is in a short line without sentence punctuation: a heading or caption."""
    ps, pe = art.paras[art.para_of(pos)]
    line = art.text[ps:pe].strip()
    return len(line.split()) <= 4 and not line.endswith((".", "?", "!", '"', "”"))


def _register_names(art: _Article, book: SpeakerBook) -> list[tuple[int, Entity]]:
    """Names in running text, and the person subjects pronouns will most likely continue."""
    doc = art.doc
    speech = art.config.lexicon.speech
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG") or art.excluded[ent.start]:
            continue
        if _heading(art, ent.start_char):
            continue  # "Immigration" alone on a line is a section heading, not a person
        m = analyse_mention(ent.root)
        if m is not None and m.kind == "name" and m.name:
            book.add(m, ent.start_char)
    subjects: list[tuple[int, Entity]] = []
    para = art.para_ids
    for tok in doc:
        if art.excluded[tok.i]:
            continue
        if _absolute_with(tok):
            m = analyse_mention(tok)
            if m is not None and m.kind == "name" and m.name and m.speaker_kind == "person":
                subjects.append((tok.idx, book.add(m, tok.idx)))
            continue
        if _opening_name_without_verb(tok):
            m = analyse_mention(tok)
            if m is not None and m.kind == "name" and m.name and m.speaker_kind == "person":
                subjects.append((tok.idx, book.add(m, tok.idx)))
            continue
        if _named_subject(tok):
            # "a worker named Antonio Arroyo has nothing but praise": Arroyo is the subject a
            # later "he" continues
            m = analyse_mention(tok)
            if m is not None and m.kind == "name" and m.name and m.speaker_kind == "person":
                m.person_cue = True  # "a worker named ...": a person by the noun it names
                subjects.append((tok.idx, book.add(m, tok.idx)))
            continue
        if tok.pos_ == "VERB" and (cut := cut_off_subject(tok)) is not None:
            # "Sanders hasn't said ...", the name parsed into the paragraph before
            m = analyse_mention(cut)
            if m is not None and m.kind == "name" and m.name and m.speaker_kind == "person":
                subjects.append((cut.idx, book.add(m, cut.idx)))
            continue
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if tok.pos_ not in ("PROPN", "NOUN") or not _main_subject(tok, para, speech):
            continue
        subjects.extend(_subjects_owner(tok, book, speech))
        m = analyse_mention(tok)
        if m is None:
            continue
        if _person_like_org(tok, m, speech):
            m.speaker_kind = "person"  # "Burton explained": NER's ORG for a surname
            book.add(m, tok.idx).kind = "person"
        if m.kind == "name" and m.name and m.speaker_kind == "organization":
            known = book.add(m, tok.idx)  # "The company released a report, which it said ..."
            if known.kind == "person":
                # "Trump attacked ..." with NER's ORG for the surname of Donald Trump, named
                # before: a subject a later "he" continues
                subjects.append((tok.idx, known))
        elif (m.kind == "name" and m.name and m.speaker_kind == "person") or (
            m.kind == "group" and m.head in PERSON_NOUNS and tok.tag_ == "NN" and m.name
        ):
            subjects.append((tok.idx, book.add(m, tok.idx)))
        if tok.head.lemma_.lower() in INTERVIEW_VERBS:
            subjects.extend(_interviewee(tok.head, book))
    return subjects


def _subjects_owner(
    subject: Token, book: SpeakerBook, speech: frozenset[str]
) -> list[tuple[int, Entity]]:
    """The person whose thing is the subject ("Mr. Obama's bet is that ..."): the sentence is
    about them, so a "he" in the next one most likely continues them. Not inside reported
    words ("Lee said Mr. Reed's jabs were ...", "Mr. Reed's jabs, Lee said, were ...")."""
    verb = subject.head
    if subject.pos_ != "NOUN" or verb.dep_ != "ROOT":
        return []
    if any(c.lemma_.lower() in speech and c.dep_ in _INSERTED for c in verb.children):
        return []
    for owner in subject.children:
        if owner.dep_ != "poss" or owner.pos_ != "PROPN" or owner.ent_type_ != "PERSON":
            continue
        m = analyse_mention(owner)
        if m is not None and m.kind == "name" and m.name and m.speaker_kind == "person":
            return [(owner.idx, book.add(m, owner.idx))]
    return []


_INSERTED = frozenset({"parataxis", "ccomp", "advcl"})  # where a parse hangs "…, Lee said, …"


# Verbs whose object, not their subject (often the reporter), is who speaks next: "Anna Berg
# interviewed the minister, Maria Lopez. She said ..." is the minister speaking.
INTERVIEW_VERBS = frozenset({"interview", "ask", "question", "quiz", "press", "grill"})


def _interviewee(verb: Token, book: SpeakerBook) -> list[tuple[int, Entity]]:
    """The named person an interviewing verb has as its object, as a pronoun antecedent."""
    for obj in verb.children:
        if obj.dep_ != "dobj":
            continue
        m = analyse_mention(obj)
        if m is not None and m.kind == "name" and m.name and m.speaker_kind == "person":
            return [(obj.idx, book.add(m, obj.idx))]
    return []


def _person_like_org(tok: Token, m: Mention, speech: frozenset[str]) -> bool:
    """A one-word name NER calls an organization but which talks like a person: the subject of
    a speech verb, capitalised like a surname rather than an acronym."""
    return (
        m.kind == "name"
        and m.speaker_kind == "organization"
        and tok.ent_type_ == "ORG"
        and m.name is not None
        and " " not in m.name
        and m.name[:1].isupper()
        and not m.name.isupper()
        and tok.head.lemma_.lower() in speech
    )


def _named_subject(tok: Token) -> bool:
    """The name in "a worker named X" (or "called X"): someone the article introduces by what
    they are, whom a later "he" or "she" most likely continues."""
    verb = tok.head
    return (
        tok.pos_ == "PROPN"
        and tok.dep_ in ("oprd", "attr", "dobj")
        and verb.lower_ in ("named", "called")
        and verb.dep_ == "acl"
        and verb.head.lemma_.lower() in (PERSON_NOUNS | speakers.HUMAN_NOUNS)
    )


def _absolute_with(tok: Token) -> bool:
    """The name in a sentence's trailing "with" clause (", with Hillary Clinton lambasting the
    plan"): the subject of that clause, and one a following "she" continues."""
    prep = tok.head
    return (
        tok.dep_ == "pobj"
        and tok.pos_ == "PROPN"
        and prep.lower_ == "with"
        and prep.head.dep_ == "ROOT"
        and prep.i > 0
        and tok.doc[prep.i - 1].text == ","
    )


def _opening_name_without_verb(tok: Token) -> bool:
    """A person's name opening a sentence whose main verb the parse left without a subject,
    the name given another label: "And Obama, for all the progress he helped wrangle, seems
    to agree" with "Obama" as an adverbial. A later "he" continues it."""
    if tok.ent_type_ != "PERSON" or tok.dep_ not in ("npadvmod", "dep", "nmod", "appos"):
        return False
    root = tok.sent.root
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children) or root.i < tok.i:
        return False
    if tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].text != ",":
        return False
    first = tok.sent.start
    while first < tok.i and tok.doc[first].dep_ in ("cc", "compound", "punct"):
        first += 1
    return first == tok.i


# Clauses inside another: "... because Lynch agreed to take part" is no main clause even
# though "agree" can report.
_SUBORDINATE_CLAUSES = frozenset({"advcl", "relcl", "acl", "ccomp", "xcomp", "pcomp"})


def _main_subject(tok: Token, para: list[int], speech: frozenset[str]) -> bool:
    """Subjects of the main clause (or of a cue): the ones a later pronoun continues. Subjects
    of reported clauses are not, unless the parser ran the clause into the next paragraph."""
    head = tok.head
    if head.dep_ == "ROOT" or (
        head.lemma_.lower() in speech and head.dep_ not in _SUBORDINATE_CLAUSES
    ):
        return True
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head  # "..., but Brooks doesn't mince words": a clause joined to one
    if head.dep_ == "ROOT":
        return True
    return head.dep_ in ("ccomp", "parataxis") and para[head.i] != para[head.head.i]


def _resolve(art: _Article, items: list[_Item]) -> None:
    """Give every item its speaker entity, in text order, so pronouns see earlier speakers."""
    book = SpeakerBook()
    subjects = _register_names(art, book)
    book.mark_first_names()
    last_by_para: dict[int, _Item] = {}
    previous: _Item | None = None
    for it in items:
        para = art.para_of(it.start)
        if it.subject is None and it.cue is not None and it.cue.kind == "verb":
            it.subject = missing_subject(it.cue.token, art.excluded, art.para_ids)
            if it.subject is None:
                # "The agency issued a statement saying ...": whoever put the text out
                it.subject = issuer_of(it.cue.token, art.excluded)
        if it.subject is not None or it.dash_name is not None:
            _resolve_subject(art, book, it, subjects)
        elif it.type == "direct":
            k = it.quotes[0]
            q = art.quotes[k]
            prev = last_by_para.get(para)
            starts_para = art.paras[para][0] >= q.open_mark - 2
            if (
                prev is None
                and starts_para
                and previous is not None
                and (
                    art.para_of(previous.start) >= para - 1
                    or (previous.type == "direct" and art.para_of(previous.end) >= para - 2)
                )
            ):
                prev = previous
                if prev.entity is not None and speakers.someone_else_between(
                    subjects, prev.entity, prev.end, q.open_mark
                ):
                    prev = None  # another person took the story between: not a continuation
            if prev is not None and prev.entity is not None:
                it.entity, it.resolution = prev.entity, "carried"
                it.mention = prev.mention
                it.notes.append("speaker:carried")
            else:
                subj = _sentence_subject(art, k)
                standalone = _standalone(art, k)
                text = art.text[q.start : q.end]
                if subj is not None and boilerplate.word_count(text) >= 4 and not standalone:
                    it.subject = subj
                    _resolve_subject(art, book, it, subjects)
                    if it.entity is not None:
                        it.resolution = "subject"
                        it.notes.append("speaker:sentence-subject")
        if it.type != "direct" and "speaker:not-a-source" in it.notes:
            continue  # "a passion that suggested ...": not reported speech, dropped at the end
        if it.entity is not None or it.type != "direct" or it.cue is not None:
            last_by_para[para] = it
            last_by_para[art.para_of(max(it.start, it.end - 1))] = it
            if it.entity is not None:
                previous = it


def _not_a_source(it: _Item, subj: Token, m: Mention) -> bool:
    """A common noun that is not the cue's own subject must be able to speak: "his best
    response was to say ...", "brain cancer, which confirmed ...", "The bias begins to show:"
    name no speaker. A noun that itself says, reports or shows ("the results show") is one."""
    if m.kind not in ("group", "role") or subj.pos_ != "NOUN" or subj.ent_type_:
        return False
    cue = it.cue
    if (
        cue is not None
        and cue.kind == "verb"
        and cue.token.tag_ == "VBG"
        and subj.head.i == cue.token.i
        and not any(c.dep_ in ("aux", "auxpass") for c in cue.token.children)
        and _bare_opener(subj)
    ):
        # "Keeps saying she opposed the war": a list item with its subject left out, its
        # capitalised verb parsed as the subject of a participle no auxiliary carries
        return True
    if cue is not None and (cue.kind != "verb" or subj.head.i == cue.token.i):
        return False
    return not speaks(subj.lemma_)


def _known_person(book: SpeakerBook, subj: Token, m: Mention) -> Entity | None:
    """A capitalised bare word the tagger called a common noun ("Trump shot back", "Mills
    writes") that names a person the article already named."""
    if m.kind not in ("group", "role") or subj.pos_ != "NOUN" or not _bare_capital(subj):
        return None
    return book.person_called(subj.text)


def _bare_capital(subj: Token) -> bool:
    """A capitalised word with no dependents."""
    return subj.text[:1].isupper() and not any(True for _ in subj.children)


def _bare_opener(subj: Token) -> bool:
    """A capitalised word with no dependents that opens its sentence."""
    return (subj.i == subj.sent.start or subj.doc[subj.i - 1].is_space) and _bare_capital(subj)


def _bare_definite(subj: Token) -> bool:
    """ "the group", "The company": a singular common noun with "the" and nothing else."""
    return (
        subj.pos_ == "NOUN"
        and subj.tag_ == "NN"
        and [c.lower_ for c in subj.children if c.i < subj.i] == ["the"]
        and not any(c.dep_ in ("prep", "acl", "relcl", "appos") for c in subj.children)
    )


def _resolve_subject(
    art: _Article, book: SpeakerBook, it: _Item, subjects: list[tuple[int, Entity]]
) -> None:
    if it.dash_name is not None:
        name, s, e = it.dash_name
        dashed = Mention(name, s, e, "name", name=name)
        it.mention = dashed
        it.entity = book.add(dashed, s, spoke=True)
        it.resolution = "explicit"
        return
    subj = it.subject
    assert subj is not None
    if it.cue is not None and it.cue.kind == "verb":
        subj = speaking_subject(it.cue.token, subj, art.excluded, art.config.lexicon.speech)
        if subj is None:
            return
        it.subject = subj
    m = analyse_mention(subj)
    if m is None:
        return
    known = _known_person(book, subj, m)
    if known is not None:
        it.mention = m
        it.entity, it.resolution = book.refer(known, m.start), "name"
        subjects.append((m.start, known))
        return
    if _not_a_source(it, subj, m):
        it.notes.append("speaker:not-a-source")
        return
    it.mention = m
    pos = m.start
    if m.kind == "group" and _bare_definite(subj):
        earlier = book.by_head_noun(subj.lemma_.lower(), pos)
        if earlier is not None:
            # "the group wrote" after "the trade group for the ferry lines" spoke
            it.entity, it.resolution = book.refer(earlier, pos), "name"
            return
    if m.kind in ("name", "group") and m.name:
        named = book.add(m, pos, spoke=True)
        it.entity = named
        it.resolution = "explicit" if named.name == m.name else "name"
        if m.kind == "name" and m.speaker_kind == "person":
            subjects.append((pos, named))
        return
    if m.kind == "pronoun" and m.head in FIRST_PERSON:
        return
    # Whoever the report names is not its speaker; only for the cue's own subject before what
    # it reports ('"...Nwanguma held up her signs...," she said' has the name as the
    # pronoun's antecedent, "in his view, ... what Mr. Obama said" is his)
    named_in: frozenset[int] = frozenset()
    if (
        it.type != "direct"
        and it.cue is not None
        and m.head not in ("who", "which", "that")
        and pos < it.start
        and subj.dep_ in ("nsubj", "nsubjpass")
        and subj.head.i == it.cue.token.i
    ):
        named_in = _argument_names(art, it.cue.token, it.start, it.end)
    ent, how = book.resolve(m, pos, subjects=subjects, named_in=named_in)
    if ent is None and m.kind in ("document", "role"):
        source = unnamed_source(subj) if m.kind == "document" else speakers.as_written(m)
        if source.name:
            it.mention = source
            it.entity = book.add(source, pos, spoke=True)
            it.resolution = "explicit"
        return
    if ent is None:
        return
    if m.kind == "pronoun" and m.gender and ent.gender is None and ent.kind == "person":
        ent.gender = m.gender
    if (
        m.kind == "role"
        and m.title
        and m.head not in ("official",)
        and m.title not in ent.titles
        and len(m.role_words) > 1
    ):
        ent.titles.append(m.title)
    ent.spoke_at.append(pos)
    if ent.kind == "person" and m.kind == "pronoun":
        subjects.append((pos, ent))
    it.entity = ent
    it.resolution = how


def _argument_names(art: _Article, cue: Token, start: int, end: int) -> frozenset[int]:
    """Offsets of the names the cue's subject c-commands in what it reports: the cue's own
    objects ("mocked Trump", "blasted Trump's call") and the reported clause's subject ("he
    said Trump would lose"). Whoever they name is not the speaker; names deeper inside (a
    relative clause, "what Mr. Obama said") may well be, writers name them for clarity."""
    span = art.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return frozenset()
    found = set()
    for ent in span.ents:
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        root, head = ent.root, ent.root.head
        below = (root.dep_, head.dep_ if head.head.i == cue.i else "")
        if (root.dep_ in ("dobj", "dative") and head.i == cue.i) or below in _C_COMMANDED:
            found.add(ent.start_char)
    return frozenset(found)


# (a name's relation, its head's relation to the cue) for names the cue's subject c-commands
# one step down: "to Trump", "Trump's call", "Trump would lose".
_C_COMMANDED = frozenset(
    {("pobj", "prep"), ("poss", "dobj"), ("nsubj", "ccomp"), ("nsubjpass", "ccomp")}
)


def _public_resolution(it: _Item, resolution: str) -> Resolution:
    """The `Resolution` to report. A speaker taken from the subject of the quotation's own
    sentence (no cue) is reported by what that subject is; the low confidence tells the rest."""
    if resolution == "subject":
        return "pronoun" if it.mention is not None and it.mention.kind == "pronoun" else "explicit"
    if resolution in ("explicit", "name", "role", "pronoun", "carried"):
        return cast(Resolution, resolution)  # one of the literal's values, checked just above
    return "none"


def _sign(it: _Item) -> str | None:
    """The cue of a quotation signed without a verb: a transcript label or a dash."""
    if it.dash_name is None:
        return None
    return ":" if "direct:transcript-label" in it.notes else "―"


def _finish(art: _Article, items: list[_Item]) -> list[ExtractedQuote]:
    text = art.text
    cfg = art.config
    out: list[ExtractedQuote] = []
    seen: set[tuple[int, int]] = set()
    for it in items:
        start, end = it.start, it.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if not 0 <= start < end <= len(text) or (start, end) in seen:
            continue
        if it.type == "indirect" and not cfg.extract_indirect:
            continue  # dropped only here, so the speakers of the other quotes do not change
        if it.type != "direct" and "speaker:not-a-source" in it.notes:
            continue

        standalone = it.type == "direct" and _standalone(art, it.quotes[0])
        words = boilerplate.word_count(text[start:end])
        if it.type == "direct" and not standalone and words < cfg.min_embedded_words:
            continue  # scare quotes, even next to a cue: 'vowed to "contain" Russia'
        if it.type == "direct" and it.entity is None:
            k = it.quotes[0]
            frag = text[start:end]
            if boilerplate.is_scare_quote(frag, standalone=_standalone(art, k)):
                continue
            if it.cue is None and not _standalone(art, k) and boilerplate.word_count(frag) < 6:
                continue
        if it.type == "direct" and not standalone and boilerplate.is_title(text[start:end]):
            continue  # 'his favorite book is "One Hundred Years of Solitude"'
        if it.type == "direct" and it.cue is None and it.dash_name is None and not standalone:
            lo, hi = art.quote_bounds(it.quotes[0])
            first = art.token_at(start)
            if first is not None and fragments.unattributed_fragment(first, lo, hi, cfg.lexicon):
                continue  # 'a city of "honesty and straight talk"': narration, no speaker

        seen.add((start, end))
        resolution = it.resolution if it.entity is not None else "none"
        feats = features.describe(art, it, start, end, resolution, standalone, words)
        conf, drivers = calibration.confidence(cfg, feats, resolution, it.type)
        res = _public_resolution(it, resolution)
        cue = it.cue
        m = it.mention
        out.append(
            ExtractedQuote(
                start=start,
                end=end,
                text=text[start:end],
                type=it.type,
                confidence=conf,
                speaker=it.entity.speaker() if it.entity is not None else None,
                cue=cue.text if cue is not None else _sign(it),
                cue_start=cue.start if cue is not None else None,
                cue_end=cue.end if cue is not None else None,
                mention=m.text if m is not None else None,
                mention_start=m.start if m is not None else None,
                mention_end=m.end if m is not None else None,
                resolution=res,
                notes=tuple(it.notes),
                features=feats,
                drivers=drivers,
            )
        )
    return out if cfg.nested_reports else _outermost(out)


def _outermost(quotes: list[ExtractedQuote]) -> list[ExtractedQuote]:
    """Drop each quote whose words lie inside another quote's ("X said that Y claimed Z":
    Y's "Z" is inside X's quote). The writer attributes the whole clause to X, and only X
    vouches that Y said it. As a second quote, "Z" would show the same words twice and give
    them a speaker the article never quotes. An "according to" quote is an exception: it
    names where the writer learnt the whole report ("Y said Z, according to the paper"), so
    Y's own words are kept as well."""
    keep: list[ExtractedQuote] = []
    for q in quotes:
        outer = [
            o
            for o in quotes
            if o is not q
            and o.speaker is not None
            and o.start <= q.start
            and q.end <= o.end
            and o.end - o.start > q.end - q.start
        ]
        if not outer or any((o.cue or "").lower().startswith("according") for o in outer):
            keep.append(q)
    return keep
