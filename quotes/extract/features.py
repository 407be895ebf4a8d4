"""What the extractor knew about each quote, as plain values a confidence model can weigh.

The rules already decide how a speaker was found, which cue was used, whether the quotation
was closed, how far back a pronoun reached. Those facts, not the quote's words, are what make
an attribution likely right or wrong, so they are kept on every `ExtractedQuote` (``features``)
and stored with it: the shipped model scores them at extraction, a refit on curators'
decisions can score them again later without re-parsing, and the workbench can say what drives
a low probability. Values are short strings (categories) or floats (already scaled, logs for
counts), so the dict is cheap to pickle and to store as JSON.

Besides the rules' own facts, a quote is described by its neighbourhood (`_context`): how the
speaker is written ("he", a bare surname, "Jeb Bush of Florida"), other people, outlets and
cue verbs near it ("..., Sanders said, according to CNN"), what the cue verb is doing in its
sentence, and what the quote looks like inside (first person, lower-case start, share of its
sentence, quotations right next to it). Together they separate right from wrong better on
PolNeAR dev, which the model is never fitted on (AUC 0.78 to 0.82). The neighbourhood is a
bounded window (`_NEAR`), so describing a quote costs the same in a short article and in a
huge paragraph.

Last comes the attribution itself (`_attribution`), aimed at the kinds of confident error left
on PolNeAR train: a cue that is itself reported ("Judicial Watch noted Comey said ..."), a
speaker named with others or kept shorter than its phrase ("House Republicans supporting the
bill" kept as "Republicans"), reported speech carrying a clause tail (", which ...") or
stopping while its sentence runs on, and a speaker not quoted before in the article (AUC on
dev 0.82 to 0.84). Tried there and left out, as they moved nothing in cross-validation on
train: whether the speaker is the cue verb's subject, whether the quote hangs off the cue in
the parse, the mention head's part of speech, rival names in the cue's sentence or since the
speaker was last named, how many quotes the speaker has, the neighbouring quotes' speakers.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the extractor imports this module; only the type checker goes back
    from spacy.tokens import Token

    from .extractor import _Article, _Item
    from .speakers import Entity, Mention

Features = Mapping[str, float | str]

_SENT_END = re.compile(r"[.!?…](?=[\s\"”’)]|$)")
_MARKS = {'"': "straight", "“": "curly", "”": "curly", "„": "low", "«": "guillemet"}
_MARKS |= {"»": "guillemet", "'": "single", "‘": "single", "’": "single", "`": "backtick"}


def _log(n: float) -> float:
    return round(math.log1p(max(0.0, n)), 4)


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    """A count as a category ("<=8"), so the model can weigh short and long differently."""
    for edge in edges:
        if n <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _sentences_between(text: str, lo: int, hi: int) -> int:
    """Sentence ends between two offsets (either order), capped: "resolved 2 sentences back"."""
    if lo > hi:
        lo, hi = hi, lo
    return min(5, len(_SENT_END.findall(text, lo, hi)))


def _mark_style(art: _Article, it: _Item) -> str:
    if not it.quotes:
        return "none"
    q = art.quotes[it.quotes[0]]
    if q.open_mark < 0 or q.open_mark >= len(art.text):
        return "none"
    return _MARKS.get(art.text[q.open_mark], "other")


def _cue_class(art: _Article, it: _Item) -> str:
    cue = it.cue
    if cue is None:
        return "sign" if it.dash_name is not None else "none"
    if cue.kind != "verb":
        return cue.kind
    lemma = cue.token.lemma_.lower()
    lexicon = art.config.lexicon
    if lemma in lexicon.reporting:
        return "reporting"
    if lemma in lexicon.direct_only:
        return "speech"
    return "other"


# How far around the quote its neighbourhood reaches (characters, within the paragraph).
_NEAR = 400
_ADJACENT = 60
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "mine", "ours", "myself"})
_OPENERS = "\"“„«'‘`"


def _count_bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2+"


def _mention_form(it: _Item) -> str:
    """How the speaker is written where it was found: a full name and a bare surname, or
    "he" and "they", are right at very different rates."""
    m = it.mention
    if m is None:
        return "none"
    if m.kind == "pronoun":
        return f"pronoun:{m.text.lower()[:12]}"
    if m.kind != "name":
        return m.kind
    words = len((m.name or m.text).split())
    form = "full" if words >= 2 else "single"
    return f"title+{form}" if m.title else form


def _cue_shape(it: _Item) -> tuple[str, str]:
    """The cue verb's syntactic role and mood: "said" heading the sentence is the plain case;
    a cue in a relative clause ("that Carson said was written") or negated or under a modal
    ("would say") more often is not this quote's attribution."""
    cue = it.cue
    if cue is None or cue.kind != "verb":
        return "-", "-"
    tok = cue.token
    children = list(tok.children)
    if any(c.dep_ == "neg" for c in children):
        mood = "negated"
    elif any(c.tag_ == "MD" for c in children):
        mood = "modal"
    else:
        mood = tok.tag_ or "-"
    return tok.dep_ or "-", mood


def _window_tokens(art: _Article, lo: int, hi: int) -> Iterator[Token]:
    """The tokens starting in [lo, hi), found by bisection: describing one quote must cost
    what its neighbourhood costs, not what the article costs."""
    doc = art.doc
    i = bisect.bisect_left(art.char_tokens, lo)
    while i < len(doc) and doc[i].idx < hi:
        yield doc[i]
        i += 1


def _people(art: _Article, lo: int, hi: int, start: int, end: int) -> tuple[set[str], int, int]:
    """Surnames of the PERSON entities near the quote but outside it, how many PERSON
    entities are inside it, and how many ORG entities (outlets, agencies) are near it."""
    others: set[str] = set()
    inside = orgs = 0
    label, at = "", 0
    words: list[str] = []
    for tok in [*_window_tokens(art, lo, hi), None]:
        if tok is None or tok.ent_iob_ != "I":
            if label == "PERSON" and words:
                if start <= at < end:
                    inside += 1
                else:
                    others.add(words[-1].lower())
            elif label == "ORG" and not start <= at < end:
                orgs += 1
            label, at = "", 0
            words = []
            if tok is None or tok.ent_iob_ != "B":
                continue
            label, at = tok.ent_type_, tok.idx
        words.append(tok.text)
    return others, inside, orgs


def _quotes_in(art: _Article, lo: int, hi: int) -> int:
    """Quotations starting in [lo, hi) (`art.quotes` is in text order)."""
    first = bisect.bisect_left(art.quotes, lo, key=lambda q: q.start)
    last = bisect.bisect_left(art.quotes, hi, key=lambda q: q.start)
    return max(0, last - first)


_ACCORDING = re.compile(r"\b[Aa]ccording to\b")
_AFTER_MENTION = (
    (re.compile(r" of "), "of"),  # "Jeb Bush of Florida"
    (re.compile(r" (who|which|that|whose) "), "relative"),
    (re.compile(r" ?\("), "parenthesis"),
    (re.compile(r", (a|an|the|who|which|[A-Z])"), "apposition"),
    (re.compile(r" ?[—–]| --? "), "dash"),  # "insiders in two states — Nevada and ..."
    (re.compile(r" (in|at|for|from|with|on) "), "preposition"),
)


def _after_mention(art: _Article, it: _Item) -> str:
    """What follows the speaker's mention: a name that goes on ("Jeb Bush of Florida", "a
    official who was not authorized") is often a longer source than the extractor kept."""
    m = it.mention
    if m is None:
        return "none"
    return _name_goes_on(art.text, m.end)


def _name_goes_on(text: str, end: int) -> str:
    """How the text goes on after a name ending at ``end``: "of", a relative clause, an
    apposition, ... (`_AFTER_MENTION`), or "-"."""
    tail = text[end : end + 12]
    return next((name for pattern, name in _AFTER_MENTION if pattern.match(tail)), "-")


def _introduced(art: _Article, ent: Entity | None) -> str:
    """How the article first names the speaker ("Peter Morgan, a lawyer for the Sierra Club,
    who ..."): annotators take such an introduction as the source for every later quote of
    that person too ("Mr. Morgan said"), which the name alone then does not match."""
    if ent is None or not ent.positions:
        return "none"
    tok = art.token_at(min(ent.positions))
    if tok is None:
        return "-"
    doc = tok.doc
    last = tok
    while last.i + 1 < len(doc) and last.i - tok.i < 6:
        nxt = doc[last.i + 1]
        if not (nxt.ent_iob_ == "I" or (nxt.pos_ == "PROPN" and last.pos_ == "PROPN")):
            break
        last = nxt
    return _name_goes_on(art.text, last.idx + len(last))


def _next_to_quotation(art: _Article, start: int, end: int) -> str:
    """Whether another quotation sits right before or after this one in the paragraph
    (within _ADJACENT characters): annotators often take such runs as one quote, which this
    part alone then does not match."""
    i = bisect.bisect_left(art.quotes, start, key=lambda q: q.start)
    before = any(
        0 <= start - q.outer_end <= _ADJACENT and "\n" not in art.text[q.outer_end : start]
        for q in art.quotes[max(0, i - 2) : i]
        if q.outer_end >= 0 and q.outer_end <= start
    )
    after = any(
        0 <= q.open_mark - end <= _ADJACENT and "\n" not in art.text[end : q.open_mark]
        for q in art.quotes[i : i + 3]
        if q.open_mark >= end
    )
    return "both" if before and after else "before" if before else "after" if after else "none"


def _context(
    art: _Article, it: _Item, start: int, end: int, resolution: str
) -> dict[str, float | str]:
    """What surrounds the quote in its paragraph (at most _NEAR characters either side):
    other people and outlets who could be the source (an attribution nested in another:
    "Obama said ..., pool reports said"), more cue verbs than the one used, first-person
    words inside (a speaker's own voice), how much of its sentence it covers."""
    text = art.text
    para = art.para_of(start)
    ps, pe = art.paras[para] if art.paras else (0, len(text))
    lo, hi = max(ps, start - _NEAR), min(max(pe, end), end + _NEAR)
    ent = it.entity
    surname = ent.name.split()[-1].lower() if ent is not None and ent.name.split() else ""
    others, inside_people, orgs = _people(art, lo, hi, start, end)
    others.discard(surname)
    speech = art.config.lexicon.speech
    cue_tok = it.cue.token.i if it.cue is not None else -1
    cues_out = cues_in = first = 0
    for tok in _window_tokens(art, lo, hi):
        inside = start <= tok.idx < end
        if tok.i != cue_tok and tok.pos_ == "VERB" and tok.lemma_.lower() in speech:
            if inside:
                cues_in += 1
            else:
                cues_out += 1
        if inside and tok.lower_ in _FIRST_PERSON:
            first = 1
    quote = text[start:end]
    stripped = quote.strip(" " + _OPENERS + "”’»")
    after = text[end : end + 3].lstrip(" \"”’»'")
    head = next((c for c in stripped[:50] if c.isalpha()), "")
    cue_dep, cue_mood = _cue_shape(it)
    m = it.mention
    mention_dep = "none"
    if m is not None:
        head_tok = art.token_at(max(m.start, m.end - 1))
        mention_dep = head_tok.dep_ if head_tok is not None and head_tok.dep_ else "-"
    before = text[max(ps, start - 6) : start].lower().split()
    first_tok = art.token_at(start)
    sent = first_tok.sent if first_tok is not None else None
    s_start, s_end = (sent.start_char, sent.end_char) if sent is not None else (ps, pe)
    share = (end - start) / max(1, s_end - s_start)
    # "..., Sanders said, according to CNN": the words are attributed twice, and the outer
    # source may be the one that counts.
    cue = it.cue
    according = any(
        not (cue is not None and cue.start <= m_.start() < cue.end)
        for lo_, hi_ in ((max(lo, s_start), start), (end, min(hi, max(s_end, end + 80))))
        for m_ in _ACCORDING.finditer(text, lo_, hi_)
    )
    previous = art.paras[para - 1] if para > 0 and art.paras else None
    # A mention that led to no speaker ("he" with nobody to be) says nothing about how the
    # speaker is written: described as no mention, the quote scores as unattributed ones do.
    resolved = resolution != "none"
    return {
        "mention_form": _mention_form(it) if resolved else "none",
        "after_mention": _after_mention(art, it) if resolved else "none",
        "cue_dep": cue_dep,
        "cue_mood": cue_mood,
        "mention_dep": mention_dep if resolved else "none",
        "others_in_paragraph": _count_bucket(len(others)),
        "other_people": _log(len(others)),
        "organizations_near": _log(orgs),
        "people_inside": _log(inside_people),
        "cues_outside": _count_bucket(cues_out),
        "cues_inside": _count_bucket(cues_in),
        "first_person": float(first),
        "starts_lower": float(head.islower()),
        "ends_sentence": float(
            stripped[-1:] in (".", "?", "!", ",") or not after or after[:1] in ".?!\n"
        ),
        "quote_sentences": float(_sentences_between(text, start, end)),
        "sentence_share": _bucket(int(10 * share), (2, 5, 8, 10)),
        "according_nearby": float(according),
        "next_to_quotation": _next_to_quotation(art, start, end),
        "that_before": float(bool(before) and before[-1] == "that"),
        "speaker_in_quote": float(bool(surname) and surname in quote.lower()),
        "paragraph_quotes": _log(_quotes_in(art, ps, pe)),
        "previous_paragraph_quote": float(
            previous is not None and _quotes_in(art, previous[0], previous[1]) > 0
        ),
    }


# Words that open a tail the annotators leave out of reported speech: "..., though she did
# not discuss", "..., which at least one employee considered", "..., a mass layoff rivaling".
_TAIL = re.compile(
    r"(?:,|\s--?|\s[—–])\s+(?:which|who|whom|whose|though|although|while|whereas|as|even|"
    r"a|an|the|often|including|according|adding|saying|noting|citing|calling|[a-z]+ing)\b"
)


def _tail(text: str, start: int, end: int) -> str:
    """Where a clause tail opens inside the quote, as a share of it: reported speech the
    rules carried past its end ("said X, though she did not ...") is a common wrong span."""
    last = None
    for m_ in _TAIL.finditer(text, start, end):
        last = m_
    if last is None:
        return "none"
    share = (last.start() - start) / max(1, end - start)
    return "late" if share >= 0.6 else "middle" if share >= 0.3 else "early"


def _ancestors_say(tok: Token, speech: frozenset[str], limit: int = 6) -> bool:
    """Whether a speech verb governs the cue ("Judicial Watch noted Comey said ..."): the
    words are then reported twice and the annotators keep the outer source."""
    head = tok
    for _ in range(limit):
        if head.head.i == head.i:
            return False
        head = head.head
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in speech:
            return True
    return False


_WORD = re.compile(r"[^\W\d_]+")


def _count_bucket3(n: int) -> str:
    return "0" if n <= 0 else "1-2" if n <= 2 else "3-5" if n <= 5 else "6+"


def _words_beyond_name(art: _Article, m: Mention, name: str, start: int, end: int) -> int:
    """Words of the speaker's noun phrase (the mention's head and what hangs off it) that are
    not in the speaker's name: "House Republicans supporting the bill" kept as "Republicans",
    "a New Hampshire Republican, who ..." as "Republican". The annotators' speaker is often
    the whole phrase, so the shorter name does not match it."""
    head = art.token_at(max(m.start, m.end - 1))
    if head is None:
        return 0
    for _ in range(3):  # "House" in "House Republicans" up to the phrase's head noun
        if head.dep_ not in ("compound", "flat", "amod") or not 0 < head.head.i - head.i < 4:
            break
        head = head.head
    kept = set(name.lower().split())
    # bounded either side: describing one quote never walks a whole run-on sentence
    doc = head.doc
    left, right = doc[max(head.left_edge.i, head.i - 40)], doc[min(head.right_edge.i, head.i + 40)]
    lo, hi = left.idx, right.idx + len(right)
    text = art.text
    words = _WORD.findall(text, lo, min(hi, start)) if lo < start else []
    if hi > end:
        words += _WORD.findall(text, max(lo, end), hi)
    return sum(1 for w in words if w.lower() not in kept)


_CLOSERS = " \"”’»'"


def _runs_on(text: str, end: int, qtype: str) -> str:
    """How the sentence goes on after the quote, by quote type: reported speech that stops at
    a closing mark while the sentence runs on ('ready to "take on the cartel," secure the
    border') was cut short; after a quotation, what follows tells '"…," he said' from
    '"…," Ann Lee said' and from a quotation that closes its sentence."""
    tail = text[end : end + 40].lstrip(_CLOSERS)
    if tail.startswith(","):
        tail = tail[1:].lstrip(_CLOSERS)
    nxt = tail[:1]
    how = (
        "sentence ends"
        if not nxt or nxt in ".?!;:\n"
        else "lower case"
        if nxt.islower()
        else "capital"
    )
    return f"{qtype}, then {how}"


def _coordinated(art: _Article, m: Mention) -> bool:
    """Whether the speaker's mention is one of several ("Friends, lobbyists and former foes
    say", "Fields, along with Ben Terris, say"): the annotators keep the whole group, or
    the other one, more often than the one the rules kept."""
    head = art.token_at(max(m.start, m.end - 1))
    if head is None:
        return False
    return (
        head.dep_ == "conj"
        or any(c.dep_ in ("conj", "cc") for c in head.children)
        or art.text[m.end : m.end + 12].startswith((", along", " along with", " and "))
    )


def _attribution(
    art: _Article, it: _Item, start: int, end: int, resolution: str
) -> dict[str, float | str]:
    """The parse and the article around the attribution, where the high-confidence errors
    on PolNeAR train were (bench/NOTES.md): a cue reported by someone else, a speaker
    who is one of a group or a longer phrase than the name kept, reported speech that runs
    past its end or stops short, a speaker not quoted before in the article."""
    m = it.mention
    ent = it.entity
    attributed = m is not None and ent is not None and resolution != "none"
    cue = it.cue
    nested = (
        cue is not None
        and cue.kind == "verb"
        and _ancestors_say(cue.token, art.config.lexicon.speech)
    )
    spoke = ent.spoke_at if ent is not None else []
    # this quote's own attribution is not "earlier": before its mention, or the quote (a
    # carried-over speaker's mention is the previous quote's, so it counts)
    own = min(start, m.start) if m is not None and resolution != "carried" else start
    return {
        "cue_reported": float(nested),
        "speaker_coordinated": float(m is not None and attributed and _coordinated(art, m)),
        "phrase_beyond_name": (
            _count_bucket3(_words_beyond_name(art, m, ent.name, start, end))
            if m is not None and ent is not None and attributed
            else "none"
        ),
        "speaker_quoted_before": float(any(p < own for p in spoke)),
        "introduced": _introduced(art, ent) if attributed else "none",
        "clause_tail": _tail(art.text, start, end),
        "runs_on": _runs_on(art.text, end, it.type),
    }


def describe(
    art: _Article, it: _Item, start: int, end: int, resolution: str, standalone: bool, words: int
) -> dict[str, float | str]:
    """The features of one finished quote (see the module docstring); never raises on odd
    offsets, since a confidence must exist for every quote the rules keep."""
    text = art.text
    cue = it.cue
    m = it.mention
    ent = it.entity
    para = art.para_of(start)
    ps, pe = art.paras[para] if art.paras else (0, len(text))
    quote = art.quotes[it.quotes[0]] if it.quotes else None
    mention_gap = 0
    mention_side = "none"
    antecedent = 0
    ent_label = "none"
    if m is not None:
        mention_side = "before" if m.end <= start else "after" if m.start >= end else "inside"
        near = start if m.end <= start else end
        mention_gap = _sentences_between(text, m.end if m.end <= start else m.start, near)
        tok = art.token_at(m.start)
        if tok is not None and tok.ent_type_:
            ent_label = tok.ent_type_
        if ent is not None and m.kind != "name":
            earlier = [p for p in ent.positions if p < m.start]
            if earlier:
                antecedent = _sentences_between(text, max(earlier), m.start)
    cue_gap = 0
    if cue is not None:
        cue_gap = cue.start - end if cue.start >= end else start - cue.end
    name = ent.name if ent is not None else ""
    rule = next((n for n in it.notes if not n.startswith("speaker:")), "none")
    return {
        "resolution": resolution,
        "type": it.type,
        "rule": rule,
        "cue_lemma": cue.token.lemma_.lower() if cue is not None and cue.kind == "verb" else "-",
        "cue_class": _cue_class(art, it),
        "mark": _mark_style(art, it),
        "mention_kind": m.kind if m is not None else "none",
        "mention_side": mention_side,
        "speaker_kind": ent.kind if ent is not None else "none",
        "entity_label": ent_label,
        "words": _log(words),
        "speaker_words": float(min(4, len(name.split()))),
        "has_title": float(ent is not None and bool(ent.titles)),
        "mention_sentences": float(mention_gap),
        "antecedent_sentences": float(antecedent),
        "cue_gap": _log(max(0, cue_gap) / 10),
        "article_position": round(start / max(1, len(text)), 4),
        "paragraph_index": _log(para),
        "opens_paragraph": float(text[ps:start].strip(" \"“”'‘’«»") == ""),
        "ends_paragraph": float(text[end:pe].strip(" \"“”'‘’«».,") == ""),
        "paragraph_words": _log(len(text[ps:pe].split())),
        "closed": float(quote.closed if quote is not None else 1.0),
        "paragraphs": float(min(3, quote.paragraphs if quote is not None else 1)),
        "standalone": float(standalone),
        "quotations": float(min(3, len(it.quotes))),
        "teasers": float(min(3, len(art.regions))),
        "mention_words": _log(len(m.text.split()) if m is not None else 0),
        "mention_title": float(m is not None and m.title is not None),
        "mention_organization": float(m is not None and m.organization is not None),
        "appositive": float(m is not None and text[m.end : m.end + 2].startswith(",")),
        "entity_mentions": _log(len(ent.positions) if ent is not None else 0),
        "length": _bucket(words, (3, 8, 15, 30, 60)),
        "speaker_proper": float(bool(name) and all(w[:1].isupper() for w in name.split()[-2:])),
        "cue_distance": _bucket(max(0, cue_gap), (0, 3, 20, 80)) if cue is not None else "none",
        **_context(art, it, start, end, resolution),
        **_attribution(art, it, start, end, resolution),
    }
