"""Speaker-row purity and fragmentation: is one speaker row one person, and one person one row?

The gold scorer forgives a wrong person with the right surname ("Michelle Obama" for Barack
Obama's words) and never sees rows at all, so it cannot tell whether the database links people
right across articles. These two numbers can:

- purity: of the quotes matched to a required gold quote and stored on a speaker row, the share
  whose gold speaker is the person the row names (a surname-only name on either side is
  compatible with a full name ending in it; two different full names are not). A gold alias
  that is a name counts as the speaker, as `score.py` counts it: the gold sometimes resolves
  "David French of the National Retail Federation" to the Federation and keeps the source as
  written in its aliases;
- fragmentation: named speaker rows per gold person (1.0 is ideal), where a gold person is its
  normalized name (before an appositive comma, without "Mr." or "The"), a lone surname
  expanded to the article's one full name ending in it.

Gold speakers the gold itself left unresolved ("the president") are left out of both.
Matching is `score.py`'s: same doc, trimmed spans overlapping by at least half of the longer,
one-to-one, greedy by overlap.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Unnamed and collective sources get one row per article by design: not fragmentation.
UNNAMED_KINDS = frozenset({"unnamed", "group"})
_TRIM = set(" \t\n\r\"'“”‘’«»,.;:!?—–-")  # the scorer's own trim set


def norm(name: str | None) -> str:
    """The scorer's normalization, lowercase with punctuation folded, except that an accent
    is dropped rather than made a word break: the scorer turns "Calderón" into "caldero n",
    which no row named "Calderon" would match, and purity would count the row impure."""
    folded = unicodedata.normalize("NFKD", name or "").lower()
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w\s]", " ", folded).split())


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def match(
    gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]], text: str
) -> list[tuple[Mapping[str, Any], Mapping[str, Any]]]:
    """(gold, pred) pairs of one article, as `score.py` pairs them."""
    cands: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        gs, ge = _trimmed(text, int(g["start"]), int(g["end"]))
        for pi, p in enumerate(pred):
            ps, pe = _trimmed(text, int(p["start"]), int(p["end"]))
            inter = min(ge, pe) - max(gs, ps)
            longer = max(ge - gs, pe - ps, 1)
            if inter > 0 and inter * 2 >= longer:
                cands.append((inter / longer, gi, pi))
    cands.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gold[gi], pred[pi]))
    return pairs


# Leading words of a gold speaker that are not part of the name: "Mr. Clarke", "The White
# House", "Democrat Hillary Clinton".
_PREFIXES = frozenset(
    [
        "the",
        "a",
        "an",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "democrat",
        "democratic",
        "republican",
        "gop",
        "representative",
        "rep",
        "sen",
        "senator",
        "gov",
        "governor",
        "president",
        "vice",
        "former",
        "secretary",
        "candidate",
        "nominee",
        # offices and ranks written before a name: "Justice Scalia", "Gen. Flynn"
        "justice",
        "judge",
        "chief",
        "gen",
        "general",
        "adm",
        "admiral",
        "col",
        "lt",
        "sgt",
        "capt",
        "mayor",
        "speaker",
        "rev",
        "reverend",
        "prof",
        "professor",
        "ambassador",
    ]
)


def _name_part(speaker: str | None) -> str:
    """A gold speaker as written, up to an appositive comma or an "of" after a name.

    A name never runs across a paragraph break: a gold speaker such as "X.\n\nSexton" took in
    the end of the paragraph before ("Malcolm X."), and the name is the part after it.
    """
    raw = re.split(r"\n\s*\n", speaker or "")[-1].split(",")[0]
    # "Mr. Morgan of the Sierra Club": the name ends before "of" when a name word precedes it.
    head = re.split(r"\s(?:of|from)\s", raw, maxsplit=1)[0]
    if head != raw and head.split()[-1][:1].isupper():
        raw = head
    return raw


def gold_name(speaker: str | None) -> str:
    """The name in a gold speaker: before an appositive comma, without titles and articles."""
    # "Trump's" (the gold's owner of "Trump's claim") is Trump
    words = norm(re.sub(r"['’]s?$", "", _name_part(speaker).strip())).split()
    while len(words) > 1 and words[0] in _PREFIXES:
        words = words[1:]
    return " ".join(words)


def is_descriptor(speaker: str | None) -> bool:
    """A gold speaker the gold conversion left unresolved ("the president", "The GOP
    nominee"): its last word is a lower-case noun, not a name. Which row is right for it
    cannot be told, so purity and fragmentation leave it out."""
    words = re.findall(r"[^\W\d_][\w'’-]*", (speaker or "").split(",")[0])
    return not words or not words[-1][:1].isupper()


def alias_names(aliases: Iterable[str]) -> list[str]:
    """The names among a gold row's aliases, read like its speaker.

    An alias is the source as the article wrote it where the gold resolved the speaker to
    someone else: "David French of the National Retail Federation" under the Federation,
    "Jeremy Bash, who was the chief of staff to Leon E. Panetta" under Panetta. `score.py`
    takes an alias as the gold speaker's equal; its name part counts here when every word of
    it is capitalised, so that a phrase such as "a user from Hanover" does not make any row
    named after one of its words right.
    """
    names = []
    for alias in aliases:
        part = _name_part(alias)
        words = part.split()
        if words and all(w[:1].isupper() for w in words):
            names.append(gold_name(alias))
    return names


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def same_person(row_name: str, gold_name: str, aliases: Iterable[str] = ()) -> bool:
    """Whether a row named `row_name` is the gold speaker (normalized names)."""
    if not row_name or not gold_name:
        return False
    if row_name == gold_name or row_name in {norm(a) for a in aliases}:
        return True
    r, g = row_name.split(), gold_name.split()
    # One name inside the other: "Representative Charles B. Rangel" / "Charles B. Rangel".
    if _contains(r, g) or _contains(g, r):
        return True
    if len(r) == 1 or len(g) == 1:
        # Only a surname on one side: nothing tells two people of that surname apart.
        short, full = (r, g) if len(r) == 1 else (g, r)
        return short[0] == full[-1]
    # Two full names: the same surname and the same first name (middle names may differ).
    return r[-1] == g[-1] and r[0] == g[0]


def row_is_speaker(row_name: Any, gold: Mapping[str, Any]) -> bool:
    """Whether a row so named holds the gold row's speaker, by its name or an alias's."""
    row = _bare(row_name)
    aliases = gold.get("aliases") or ()
    if same_person(row, gold_name(gold.get("speaker")), aliases):
        return True
    return any(same_person(row, name) for name in alias_names(aliases))


@dataclass(frozen=True, slots=True)
class RowStats:
    quotes_on_rows: int
    pure: int
    gold_people: int
    rows_per_person: float
    impure_by_linking: int | None = None

    @property
    def purity(self) -> float:
        return self.pure / self.quotes_on_rows if self.quotes_on_rows else 0.0


def _canonical(gold_rows: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """A lone gold surname -> the one full gold name of the article ending in it."""
    names = {gold_name(g.get("speaker")) for g in gold_rows} - {""}
    out: dict[str, str] = {}
    for name in names:
        if " " not in name:
            full = [n for n in names if " " in n and n.split()[-1] == name]
            out[name] = full[0] if len(full) == 1 else name
        else:
            out[name] = name
    return out


def _bare(name: Any) -> str:
    words = norm(str(name or "")).split()
    while len(words) > 1 and words[0] in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words)


def speaker_rows(
    gold: Iterable[Mapping[str, Any]],
    pred: Iterable[Mapping[str, Any]],
    texts: Mapping[str, str],
    component: Iterable[Mapping[str, Any]] | None = None,
) -> RowStats:
    """Purity and fragmentation of predictions carrying `speaker_id` and `speaker` (row name).

    Given the component's predictions on the same articles, an impure quote whose row has
    the name the component gave that quote is the extractor's error; the others are counted
    as linking's (`impure_by_linking`): what storing made worse.
    """
    comp: dict[tuple[str, int, int], str] = {}
    for c in component or ():
        doc = str(c.get("source") or c.get("doc") or "").replace("\\", "/").rsplit("/", 1)[-1]
        comp[(doc, int(c["start"]), int(c["end"]))] = _bare(c.get("speaker"))
    by_linking = 0
    gold_by: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for g in gold:
        gold_by[g["doc"]].append(g)
    pred_by: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for p in pred:
        doc = str(p.get("source") or p.get("doc") or "").replace("\\", "/").rsplit("/", 1)[-1]
        pred_by[doc].append(p)
    on_rows = pure = 0
    rows_of: dict[str, set[Any]] = defaultdict(set)
    for doc, golds in gold_by.items():
        canonical = _canonical(golds)
        for g, p in match(golds, pred_by.get(doc, []), texts[doc]):
            name = gold_name(g.get("speaker"))
            if not g.get("required", True) or not name or p.get("speaker_id") is None:
                continue
            if is_descriptor(g.get("speaker")):
                continue
            on_rows += 1
            ok = row_is_speaker(p.get("speaker"), g)
            pure += ok
            key = (doc, int(p["start"]), int(p["end"]))
            by_linking += not ok and comp.get(key) != _bare(p.get("speaker"))
            if p.get("speaker_kind") not in UNNAMED_KINDS:
                rows_of[canonical.get(name, name)].add(p["speaker_id"])
    people = len(rows_of)
    fragments = sum(len(r) for r in rows_of.values()) / people if people else 0.0
    return RowStats(on_rows, pure, people, fragments, by_linking if component else None)


def worst_rows(
    gold: Iterable[Mapping[str, Any]],
    pred: Iterable[Mapping[str, Any]],
    texts: Mapping[str, str],
    n: int = 10,
) -> list[tuple[str, str, int]]:
    """(row name, gold speaker, quotes) of the most frequent impure pairings, for diagnosis."""
    gold_by: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for g in gold:
        gold_by[g["doc"]].append(g)
    pred_by: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for p in pred:
        doc = str(p.get("source") or "").replace("\\", "/").rsplit("/", 1)[-1]
        pred_by[doc].append(p)
    bad: Counter[tuple[str, str]] = Counter()
    for doc, golds in gold_by.items():
        for g, p in match(golds, pred_by.get(doc, []), texts[doc]):
            name = gold_name(g.get("speaker"))
            if not g.get("required", True) or not name or p.get("speaker_id") is None:
                continue
            if is_descriptor(g.get("speaker")):
                continue
            if not row_is_speaker(p.get("speaker"), g):
                bad[(str(p.get("speaker")), str(g.get("speaker")))] += 1
    return [(r, g, c) for (r, g), c in bad.most_common(n)]
