"""What the extractor knew about each quote, as plain values a confidence model can weigh.

The rules already decide how a speaker was found, which cue was used, whether the quotation
was closed, how far back a pronoun reached. Those facts, not the quote's words, are what make
an attribution likely right or wrong, so they are kept on every `ExtractedQuote` (``features``)
and stored with it: the shipped model scores them at extraction, a refit on curators'
decisions can score them again later without re-parsing, and the workbench can say what drives
a low probability. Values are short strings (categories) or floats (already scaled, logs for
counts), so the dict is cheap to pickle and to store as JSON.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the extractor imports this module; only the type checker goes back
    from .extractor import _Article, _Item

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
    }
