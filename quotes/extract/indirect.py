"""Reporting cues read off the dependency parse: the cue, who is its subject, what it reports.

Reported speech is a reporting verb with a complement clause: "X said NATO wants ...", "she said
that Moscow would ...", the inserted "..., he said, as long as ..." (a parataxis), and "according
to X, ...". The reported clause is the content span, without the verb and without "that". The
same cues attribute direct quotations, so this module finds every cue once and the extractor
decides what each one reports.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .cues import DEFAULT_LEXICON, PASSIVE_QUOTED, Lexicon
from .speakers import span_text

CONTENT_DEPS = ("ccomp",)
# Relations through which a subject-less cue verb borrows its head's subject:
# "Geoana rejected ..., saying ...", "He reaffirmed ..., but stressed that ...".
INHERIT_DEPS = ("conj", "advcl", "xcomp", "pcomp", "prep", "acl")


@dataclass(slots=True)
class Cue:
    """A reporting cue: where it is, its speaker's head token, and its reported clause."""

    token: Token
    text: str
    start: int
    end: int
    subject: Token | None
    content: tuple[int, int] | None  # char span of the reported clause, "that" excluded
    direct_only: bool = False  # a speech verb that attributes quotations but not reported speech
    kind: str = "verb"  # "verb", "according", "passive"
    content_tokens: tuple[int, int] | None = None  # token span of the content


def _is_cue_verb(tok: Token, lexicon: Lexicon) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "NOUN" and tok.tag_.startswith("VB")):
        return lemma in ("say", "tell") and tok.tag_.startswith("VB")
    if lemma in lexicon.cue_verbs:
        return True
    return any(c.dep_ == "prt" and lexicon.is_phrasal_cue(lemma, c.text) for c in tok.children)


def _framing_participle(tok: Token) -> bool:
    """Sentence-opening participles ("Noting that ...", "Asked about ...") frame the sentence
    rather than report a statement of their own."""
    if tok.tag_ not in ("VBG", "VBN") or tok.dep_ not in ("advcl", "csubj") or tok.i > tok.head.i:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False  # "As experts have pointed out, ..." has a speaker of its own
    doc = tok.doc
    k = tok.i - 1
    while k >= tok.sent.start and (doc[k].is_punct or doc[k].is_space):
        if "\n" in doc[k].text:
            return True
        k -= 1
    return k < tok.sent.start


def paragraph_ids(doc: Doc) -> list[int]:
    """Paragraph number of each token: a token holding a newline ends a paragraph."""
    ids = []
    para = 0
    for tok in doc:
        ids.append(para)
        if "\n" in tok.text or "\n" in tok.whitespace_:
            para += 1
    return ids


def _subject_of(tok: Token, excluded: list[bool]) -> Token | None:
    """The speaker's head token for cue verb ``tok``, climbing through conjunctions and
    participles to borrow the subject of the verb they depend on."""
    cur = tok
    for _ in range(4):
        for child in cur.children:
            if excluded[child.i]:
                continue  # words inside a quotation are never its speaker
            if child.dep_ in ("nsubj", "csubj") and child.tag_ != "EX":
                if child.lower_ in ("who", "that", "which") and cur.dep_ == "relcl":
                    return cur.head
                return child
            if child.dep_ == "nsubjpass":
                if cur.lemma_.lower() in PASSIVE_QUOTED:
                    return child  # "X was quoted as saying"
                agent = [a for a in cur.children if a.dep_ == "agent"]
                for a in agent:
                    for pobj in a.children:
                        if pobj.dep_ == "pobj":
                            return pobj
        if cur.dep_ == "relcl" and cur.i != tok.i:
            return cur.head
        # inverted "said Officer Tusk": a proper noun or pronoun right after the verb
        if cur.i == tok.i:
            for child in tok.rights:
                if (
                    child.dep_ in ("dobj", "attr", "npadvmod", "appos", "oprd", "dative")
                    and child.pos_ in ("PROPN", "PRON")
                    and child.ent_type_ not in ("DATE", "TIME")
                    and child.i - tok.i <= 2
                    and tok.lemma_.lower() not in ("tell", "ask", "inform", "assure")
                ):
                    return child
        if cur.dep_ in INHERIT_DEPS and cur.head.i != cur.i:
            nxt = cur.head
            if nxt.dep_ == "prep" and nxt.head.i != nxt.i:  # "as saying" under "quoted"
                nxt = nxt.head
            cur = nxt
            continue
        break
    return None


def _trim_tokens(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """Drop "that", punctuation and conjunctions at the edges of a token range [i, j)."""
    while i < j and (
        doc[i].is_punct
        or doc[i].is_space
        or doc[i].dep_ == "cc"
        or (doc[i].lower_ == "that" and doc[i].dep_ not in ("nsubj", "nsubjpass"))
    ):
        i += 1
    while j > i and (doc[j - 1].is_punct or doc[j - 1].is_space or doc[j - 1].dep_ == "cc"):
        j -= 1
    return i, j


QUOTE_TOKENS = frozenset({'"', "“", "”", "''", "``", "«", "»"})


def _clip(doc: Doc, i: int, j: int, anchor: int, para: list[int]) -> tuple[int, int]:
    """Keep [i, j) inside the paragraph of token ``anchor``."""
    here = para[anchor]
    while i < anchor and para[i] != here:
        i += 1
    while j > anchor + 1 and para[j - 1] != here:
        j -= 1
    return i, j


def _content_of(
    tok: Token, is_cue: list[bool], para: list[int], lexicon: Lexicon
) -> list[tuple[int, int]]:
    """Token ranges of what cue verb ``tok`` reports (empty if nothing).

    The clause never leaves the cue's paragraph: the parser happily runs sentences together
    across a paragraph break, particularly after a closing quotation mark.
    """
    doc = tok.doc
    here = para[tok.i]
    lemma = tok.lemma_.lower()
    comps = [
        c
        for c in tok.children
        if para[c.i] == here
        and (c.dep_ in CONTENT_DEPS or (c.dep_ == "advcl" and c.left_edge.lower_ == "that"))
    ]
    if comps:
        comp = min(comps, key=lambda c: abs(c.i - tok.i))
        i, j = _clip(doc, comp.left_edge.i, comp.right_edge.i + 1, comp.i, para)
        # stop at a coordinated cue verb inside the clause ("... , but insisted that ...")
        # and at a participle cue of its own ("..., arguing that ...")
        for k in range(comp.i + 1, j):
            t = doc[k]
            if is_cue[k] and t.dep_ == "conj" and t.head.i >= i:
                j = t.left_edge.i
                break
            if is_cue[k] and t.tag_ == "VBG" and t.dep_ == "advcl" and doc[k - 1].text == ",":
                j = k - 1
                break
        return [_trim_tokens(doc, i, j)]
    if tok.dep_ == "parataxis":
        # "Improving X could help defuse tensions, he said, as long as ...": the clause before
        # the inserted cue, and the rest of the sentence after it
        sent = tok.sent
        first, last = _clip(doc, sent.start, sent.end, tok.i, para)
        before = _trim_tokens(doc, first, tok.left_edge.i)
        after = _trim_tokens(doc, tok.right_edge.i + 1, last)
        # both halves are reported words ("Lenox was a juggernaut, he said, until it failed")
        return [part for part in (before, after) if part[1] - part[0] >= 3]
    marks = [c for c in tok.children if c.dep_ == "mark"]
    if tok.dep_ == "advcl" and marks and marks[0].lower_ == "as" and tok.head.i != tok.i:
        # "As many experts have pointed out, Mr. Trump is free to ...": the main clause
        head = tok.head
        i, j = _clip(doc, head.left_edge.i, head.right_edge.i + 1, head.i, para)
        lo, hi = tok.left_edge.i, tok.right_edge.i + 1
        part = (hi, j) if lo <= i + 1 else (i, lo)
        part = _trim_tokens(doc, *part)
        return [part] if part[1] - part[0] >= 3 else []
    xcomps = [c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i]
    if lemma in lexicon.infinitive and xcomps:
        comp = xcomps[0]
        i, j = _clip(doc, comp.left_edge.i, comp.right_edge.i + 1, comp.i, para)
        return [_trim_tokens(doc, i, j)]
    # objects only ('called the plan "a disaster"', 'condemned the test as "reckless"'), not
    # adjuncts ('insisting in its dialogue "on concrete agreements"')
    rights = [
        c
        for c in tok.rights
        if c.dep_ in ("dobj", "oprd", "dative", "attr") or (c.dep_ == "prep" and c.lower_ == "as")
    ]
    if (lemma in lexicon.characterising or lemma in lexicon.reporting) and rights:
        # quoted words in the object: 'called the plan "a disaster"', 'promising "jobs"'
        if any(
            c.lower_ in ("on", "upon", "for") and c.i == tok.i + 1
            for c in tok.children
            if c.dep_ in ("prt", "prep")
        ):
            return []  # "called on X to ..." is an appeal, its quoted words stay direct
        i = rights[0].left_edge.i
        j = max(c.right_edge.i for c in rights) + 1
        i, j = _clip(doc, i, j, tok.i, para)
        for k in range(i, j):
            if is_cue[k] and doc[k].dep_ == "conj":
                j = doc[k].left_edge.i
                break
        if any(doc[k].text in QUOTE_TOKENS for k in range(i, j)):
            return [_trim_tokens(doc, i, j)]
    return []


def _according_to(tok: Token) -> tuple[Token | None, tuple[int, int] | None, int]:
    """Speaker and content of "according to X": X, and the rest of its sentence."""
    doc = tok.doc
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    sent = tok.sent
    lo = tok.i
    hi = max(to.right_edge.i, pobj.right_edge.i if pobj is not None else to.i) + 1
    before = _trim_tokens(doc, sent.start, lo)
    after = _trim_tokens(doc, hi, sent.end)
    span = before if before[1] - before[0] >= after[1] - after[0] else after
    content = span if span[1] - span[0] >= 3 else None
    return pobj, content, to.idx + len(to.text)


def _climb_top(tok: Token) -> Token:
    """The verb whose subject a participle or conjunct cue would borrow."""
    cur = tok
    for _ in range(4):
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
            return cur
        if cur.dep_ not in INHERIT_DEPS or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def _nearest_subject(tok: Token, excluded: list[bool], para: list[int]) -> Token | None:
    """When the parse gives no usable subject (a teaser glued to the sentence, a quotation
    in the way), the closest name or personal pronoun before the cue in its sentence."""
    doc = tok.doc
    k = tok.i - 1
    while k >= 0 and not excluded[k] and para[k] == para[tok.i] and k >= tok.sent.start:
        t = doc[k]
        if t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "ORG"):
            return t
        if t.lower_ in ("he", "she", "they"):
            return t
        if t.is_punct and t.text in ".;":
            break
        k -= 1
    return None


def find_cues(doc: Doc, excluded: list[bool], lexicon: Lexicon = DEFAULT_LEXICON) -> list[Cue]:
    """Every reporting cue outside quotation marks and teasers, in text order."""
    in_quote = excluded
    is_cue = [False] * len(doc)
    para = paragraph_ids(doc)
    candidates: list[Token] = []
    for tok in doc:
        if in_quote[tok.i]:
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            candidates.append(tok)
            continue
        if _is_cue_verb(tok, lexicon) and tok.dep_ not in ("amod", "compound"):
            is_cue[tok.i] = True
            candidates.append(tok)
    cues: list[Cue] = []
    for tok in candidates:
        if tok.lower_ == "according":
            subject, content, end = _according_to(tok)
            cues.append(
                Cue(
                    tok,
                    span_text(doc, tok.idx, end),
                    tok.idx,
                    end,
                    subject,
                    _chars(doc, content),
                    kind="according",
                    content_tokens=content,
                )
            )
            continue
        if _framing_participle(tok):
            continue
        if any(c.dep_ == "neg" and not excluded[c.i] for c in tok.children):
            continue  # "did not say": no statement made
        found = [c for c in _content_of(tok, is_cue, para, lexicon) if c[1] - c[0] >= 2]
        contents: list[tuple[int, int] | None] = [*found] or [None]
        lemma = tok.lemma_.lower()
        phrasal = any(
            c.dep_ == "prt" and lexicon.is_phrasal_cue(lemma, c.text) for c in tok.children
        )
        text, start, end = _cue_phrase(tok)
        subject = _subject_of(tok, excluded)
        if subject is None or excluded[subject.i] or para[subject.i] != para[tok.i]:
            subject = _nearest_subject(tok, excluded, para)
            top = _climb_top(tok)
            if subject is None and top.i != tok.i and not excluded[top.i]:
                subject = _nearest_subject(top, excluded, para)
        for content in contents:
            cues.append(
                Cue(
                    tok,
                    text,
                    start,
                    end,
                    subject,
                    _chars(doc, content),
                    direct_only=lemma not in lexicon.reporting and not phrasal,
                    content_tokens=content,
                )
            )
    return cues


def _cue_phrase(tok: Token) -> tuple[str, int, int]:
    """The cue as written: auxiliaries and particles included ("has said", "pointed out")."""
    doc = tok.doc
    toks = [tok] + [c for c in tok.children if c.dep_ in ("aux", "auxpass", "prt", "neg")]
    if tok.dep_ in ("xcomp", "pcomp", "advcl") and tok.head.lemma_.lower() in PASSIVE_QUOTED:
        toks += [tok.head] + [c for c in tok.head.children if c.dep_ in ("auxpass", "aux")]
        toks += [c for c in tok.children if c.dep_ == "mark"]
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":  # "as saying"
        prep = tok.head
        toks.append(prep)
        if prep.head.lemma_.lower() in PASSIVE_QUOTED:
            toks += [prep.head] + [c for c in prep.head.children if c.dep_ in ("auxpass", "aux")]
    lo = min(t.i for t in toks)
    hi = max(t.i for t in toks)
    # keep the phrase contiguous; if not, fall back to the verb alone
    if any(doc[k].dep_ in ("nsubj", "nsubjpass") for k in range(lo, hi + 1)):
        return tok.text, tok.idx, tok.idx + len(tok.text)
    start = doc[lo].idx
    end = doc[hi].idx + len(doc[hi].text)
    return span_text(doc, start, end), start, end


def _chars(doc: Doc, span: tuple[int, int] | None) -> tuple[int, int] | None:
    if span is None or span[1] <= span[0]:
        return None
    start = doc[span[0]].idx
    last = doc[span[1] - 1]
    return start, last.idx + len(last.text)
