"""Scoring quotes the spaCy way, so `nlp.evaluate(examples)` reports quote precision and recall.

Gold quotes travel on the reference doc of each `Example`, in the same place predictions go:
``example.reference._.quotes`` holds a list of `ExtractedQuote` (`gold_quote` builds one from
offsets and a speaker name; `gold_example` builds the whole `Example`). A reference doc whose
``_.quotes`` is None carries no quote annotation and is skipped; an empty list says "this
article has no quotes", so every prediction on it counts against precision. Quotes a gold set
marks as optional (borderline cases annotators would accept either way) go in
``reference.user_data[OPTIONAL_KEY]``: a prediction matching one neither counts for nor
against, and missing one costs nothing.

Matching follows the project's evaluation (bench/score_extractor.py hands the same data to the
shared scorer): quotation marks, spaces and edge punctuation are ignored, and a prediction
matches a gold quote when their spans overlap by at least half of the longer one, pairing
one-to-one by best overlap. Exact offsets would punish a trailing comma as a missed quote.

Two levels are reported:
- ``quotes_p/r/f``: the quote was found (span level);
- ``quotes_speaker_p/r/f``: the quote was found *and* attributed to the right speaker, end to
  end (``quotes_speaker_acc`` is the share of found quotes with the right speaker). A speaker is
  right when its name, normalised, equals the gold name or one of the gold speaker's aliases,
  contains one of them as whole words ("NATO chief Jens Stoltenberg"), or shares the surname
  of a gold name of two or more words ("Stoltenberg").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from spacy.language import Language
from spacy.scorer import PRFScore
from spacy.training import Example
from spacy.util import registry

from .types import ExtractedQuote, QuoteType, Speaker

ScoreFn = Callable[..., dict[str, Any]]
OPTIONAL_KEY = "quotes.optional_gold"
METRICS = (
    "quotes_p",
    "quotes_r",
    "quotes_f",
    "quotes_speaker_p",
    "quotes_speaker_r",
    "quotes_speaker_f",
    "quotes_speaker_acc",
)

# Characters that do not make a span different: outer marks, spaces, edge punctuation.
_TRIM = frozenset(" \t\n\r\u00a0\"'“”‘’„«»,.;:!?—–-")
_NON_WORD = re.compile(r"[^\w\s]")


def gold_quote(
    text: str,
    start: int,
    end: int,
    speaker: str | None = None,
    *,
    aliases: Sequence[str] = (),
    type: QuoteType = "direct",
) -> ExtractedQuote:
    """A gold quote for ``reference._.quotes``: offsets into ``text`` and who said it."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"gold quote offsets {start}..{end} are outside a text of {len(text)}")
    who = Speaker(speaker, aliases=tuple(aliases)) if speaker else None
    return ExtractedQuote(
        start=start,
        end=end,
        text=text[start:end],
        type=type,
        confidence=1.0,
        speaker=who,
        resolution="explicit" if who is not None else "none",
    )


def gold_example(
    nlp: Language,
    text: str,
    gold: Iterable[ExtractedQuote],
    optional: Iterable[ExtractedQuote] = (),
) -> Example:
    """An `Example` for `nlp.evaluate`: an unannotated doc to predict on, and a reference doc
    carrying ``gold`` on ``_.quotes`` (and ``optional`` under `OPTIONAL_KEY`)."""
    reference = nlp.make_doc(text)
    reference._.quotes = list(gold)
    extra = list(optional)
    if extra:
        reference.user_data[OPTIONAL_KEY] = extra
    return Example(nlp.make_doc(text), reference)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def match_quotes(
    text: str, predicted: Sequence[ExtractedQuote], gold: Sequence[ExtractedQuote]
) -> list[tuple[ExtractedQuote, ExtractedQuote]]:
    """(predicted, gold) pairs, one-to-one, best overlap first (see the module docstring)."""
    pred_spans = [_trimmed(text, q.start, q.end) for q in predicted]
    gold_spans = [_trimmed(text, q.start, q.end) for q in gold]
    candidates: list[tuple[float, int, int]] = []
    for gi, (gs, ge) in enumerate(gold_spans):
        for pi, (ps, pe) in enumerate(pred_spans):
            overlap = min(ge, pe) - max(gs, ps)
            longer = max(ge - gs, pe - ps, 1)
            if overlap > 0 and overlap * 2 >= longer:
                candidates.append((-overlap / longer, gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[ExtractedQuote, ExtractedQuote]] = []
    for _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((predicted[pi], gold[gi]))
    return pairs


def _norm(name: str) -> str:
    name = unicodedata.normalize("NFKD", name).lower()
    return " ".join(_NON_WORD.sub(" ", name).split())


def speaker_matches(predicted: Speaker | None, gold: Speaker | None) -> bool:
    """Whether a predicted speaker is the gold one (see the module docstring); a quote gold
    leaves unattributed is right only when the prediction is unattributed too."""
    if gold is None:
        return predicted is None
    if predicted is None:
        return False
    said = _norm(predicted.name)
    if not said:
        return False
    names = [n for n in (_norm(gold.name), *(_norm(a) for a in gold.aliases)) if n]
    if said in names or any(f" {n} " in f" {said} " for n in names):
        return True
    gold_words = names[0].split() if names else []
    return len(gold_words) > 1 and said.split()[-1] == gold_words[-1]


def score_quotes(examples: Iterable[Example], **_: Any) -> dict[str, Any]:
    """Quote and speaker precision, recall and F over the examples that carry gold quotes;
    None for every figure when none does (nothing was measured, which is not zero)."""
    found = PRFScore()
    attributed = PRFScore()
    matched = 0
    annotated = False
    for eg in examples:
        gold = eg.reference._.quotes
        if gold is None:
            continue
        annotated = True
        required = list(gold)
        optional = list(eg.reference.user_data.get(OPTIONAL_KEY, ()))
        predicted = list(eg.predicted._.quotes or ())
        every = match_quotes(eg.reference.text, predicted, required + optional)
        neutral = sum(1 for _, g in every if any(g is o for o in optional))
        pairs = [(p, g) for p, g in every if not any(g is o for o in optional)]
        scored = len(predicted) - neutral
        right = sum(speaker_matches(p.speaker, g.speaker) for p, g in pairs)
        matched += len(pairs)
        found.tp += len(pairs)
        found.fp += scored - len(pairs)
        found.fn += len(required) - len(pairs)
        attributed.tp += right
        attributed.fp += scored - right
        attributed.fn += len(required) - right
    if not annotated:
        return dict.fromkeys(METRICS)
    return {
        "quotes_p": found.precision,
        "quotes_r": found.recall,
        "quotes_f": found.fscore,
        "quotes_speaker_p": attributed.precision,
        "quotes_speaker_r": attributed.recall,
        "quotes_speaker_f": attributed.fscore,
        "quotes_speaker_acc": attributed.tp / matched if matched else None,
    }


def make_quote_scorer() -> ScoreFn:
    """The scorer the "quotes" component uses by default (``scorer`` in its config)."""
    return score_quotes


registry.scorers.register("quotes.scorer.v1", func=make_quote_scorer)
