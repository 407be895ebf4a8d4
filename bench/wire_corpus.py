"""A generated wire corpus with known statement groups, from the seed articles.

Every quotation of at least `MIN_WORDS` words in `seeds/` is a statement with a known true
speaker. Each seed article is re-published by several outlets the way wire copy travels:
narration paraphrased, quote marks and punctuation changed, quotes trimmed, a word swapped,
and now and then the words given to somebody else. Every outlet also adds material that
must NOT join those statements: reported speech paraphrasing a quotation (sharing many of
its words), and unrelated quotations built around a phrase of one. Each planted quote
carries its true group, so pairwise precision and recall of the grouping can be computed,
and each swapped attribution is known, so its conflict flag can be checked.

Used by `tests/statements/test_wire_corpus.py` (the acceptance test) and
`bench/statements.py` (the report). Deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from quotes.extract.marks import find_quotes
from quotes.extract.types import ExtractedQuote
from quotes.extract.types import Speaker as ExtractedSpeaker
from quotes.ingest.store import Extracted, store_new_articles
from quotes.ingest.types import ArticleInput
from quotes.store.database import Database
from quotes.store.models import Article, Quote, StatementQuote
from quotes.store.statement_sql import conflicting_statement_ids

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
MIN_WORDS = 6
OUTLETS = ("TASS", "RT", "AP", "Anadolu", "Reuters", "AFP", "Interfax", "Xinhua")
SPEAKERS = (
    "Mircea Geoana",
    "Jens Stoltenberg",
    "Sergey Lavrov",
    "Dmitry Peskov",
    "Maria Zakharova",
    "Antony Blinken",
    "Josep Borrell",
    "Ned Price",
)
SWAPS = {
    "ready": "prepared",
    "dialogue": "talks",
    "continue": "keep",
    "security": "safety",
    "countries": "nations",
    "important": "crucial",
    "said": "stated",
    "new": "fresh",
    "Russia": "Moscow",
    "NATO": "the alliance",
}
_FILLER_TEXT = """
    officials economy budget harvest weather museum football schedule tourism railway
    festival concert bridge hospital teachers farmers prices airport coastline election
"""
FILLER = _FILLER_TEXT.split()
NARRATION = (
    "{speaker} said on {day}.",
    "{speaker} told reporters.",
    "{speaker} said in a statement.",
    "according to {speaker}.",
    "{speaker} was quoted as saying by {outlet}.",
    "{speaker} said, speaking to {outlet}.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


@dataclass(frozen=True, slots=True)
class Planted:
    """One quote in a generated article, with its truth."""

    start: int
    end: int
    text: str
    type: str  # direct | indirect
    speaker: str
    group: str  # the true statement; quotes with the same group are copies of one another
    swapped: bool = False  # attributed to someone other than the statement's speaker


@dataclass
class WireArticle:
    text: str
    outlet: str
    published: dt.date
    source: str
    quotes: list[Planted] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Base:
    group: str
    text: str
    speaker: str


def base_statements(seeds: Path = SEEDS) -> list[Base]:
    """The quotations of the seed articles (at least MIN_WORDS words), each its own group,
    each given a speaker (the generator's truth, not the article's)."""
    found: list[Base] = []
    seen: set[str] = set()
    for n, path in enumerate(sorted(seeds.glob("*.txt"))):
        text = path.read_text(encoding="utf-8")
        for span in find_quotes(text):
            if not span.closed:
                continue
            words = text[span.start : span.end].strip().strip(",.").strip()
            key = " ".join(words.lower().split())
            if len(words.split()) < MIN_WORDS or key in seen:
                continue
            seen.add(key)
            speaker = SPEAKERS[(n + len(found)) % len(SPEAKERS)]
            found.append(Base(f"s{len(found)}", words, speaker))
    return found


def _repunctuate(text: str, rng: random.Random) -> str:
    out = text.replace("--", "—") if rng.random() < 0.5 else text
    out = out.replace(",", "") if rng.random() < 0.3 else out
    if rng.random() < 0.3:
        out = out.upper()
    elif rng.random() < 0.3:
        out = out.lower()
    if rng.random() < 0.5:
        out = out.replace(" ", "  ", 1)
    return out + rng.choice(("", ".", "...", "!"))


def _trim(text: str, rng: random.Random) -> str:
    words = text.split()
    if len(words) < 12:
        return text
    keep = rng.randint(max(MIN_WORDS + 2, len(words) // 2), len(words) - 2)
    start = rng.randint(0, len(words) - keep)
    return " ".join(words[start : start + keep])


def _reword(text: str, rng: random.Random) -> str:
    words = text.split()
    if len(words) < 10:
        return text
    swappable = [i for i, w in enumerate(words) if w.strip(",.") in SWAPS]
    if swappable:
        i = rng.choice(swappable)
        words[i] = words[i].replace(words[i].strip(",."), SWAPS[words[i].strip(",.")])
    else:
        words.pop(rng.randrange(1, len(words) - 1))
    return " ".join(words)


def _paraphrase(text: str, rng: random.Random) -> str:
    """Reported speech about the quotation: many of its words, not its statement."""
    words = text.lower().strip(".").split()
    # At least two words and a sixth of them the reporter's own: a word-for-word repeat is
    # the statement itself, whatever the marks.
    changed = rng.sample(range(len(words)), max(2, round(len(words) * rng.uniform(0.17, 0.4))))
    out = [rng.choice(FILLER) if i in changed else w for i, w in enumerate(words)]
    return "that " + " ".join(out)


def _lookalike(text: str, rng: random.Random) -> str:
    """An unrelated quotation built around a short phrase of `text`."""
    words = text.split()
    size = rng.randint(3, 5)
    at = rng.randrange(0, max(1, len(words) - size))
    phrase = words[at : at + size]
    before = [rng.choice(FILLER) for _ in range(rng.randint(4, 8))]
    after = [rng.choice(FILLER) for _ in range(rng.randint(4, 8))]
    return " ".join(["We", *before, *phrase, *after])


class _Writer:
    """Builds one article's text, recording each planted quote's offsets."""

    def __init__(self, outlet: str, rng: random.Random) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.quotes: list[Planted] = []
        self.outlet = outlet
        self.rng = rng

    def add(self, text: str) -> int:
        self.parts.append(text)
        start = self.length
        self.length += len(text)
        return start

    def quote(self, words: str, speaker: str, group: str, *, swapped: bool = False) -> None:
        open_, close = self.rng.choice((('"', '"'), ("“", "”"), ("«", "»")))
        start = self.add(open_) + 1
        self.add(words)
        self.quotes.append(
            Planted(start, start + len(words), words, "direct", speaker, group, swapped)
        )
        day = self.rng.choice(DAYS)
        narration = self.rng.choice(NARRATION).format(speaker=speaker, outlet=self.outlet, day=day)
        self.add(f"{close} {narration}\n")

    def indirect(self, words: str, speaker: str, group: str) -> None:
        self.add(f"{speaker} said ")
        start = self.add(words)
        self.quotes.append(Planted(start, start + len(words), words, "indirect", speaker, group))
        self.add(".\n")

    def text(self) -> str:
        return "".join(self.parts)


def generate(
    *, copies: int = 5, seed: int = 17, swap_rate: float = 0.15, seeds: Path = SEEDS
) -> list[WireArticle]:
    """The originals (one article per seed file's statements) and `copies` wire copies each."""
    rng = random.Random(seed)
    bases = base_statements(seeds)
    by_article: dict[int, list[Base]] = {}
    for i, b in enumerate(bases):
        by_article.setdefault(i % 5, []).append(b)
    articles: list[WireArticle] = []
    day0 = dt.date(2021, 11, 1)
    distractor = 0
    for a, group in sorted(by_article.items()):
        for c in range(copies + 1):
            outlet = "Original" if c == 0 else OUTLETS[(a + c) % len(OUTLETS)]
            w = _Writer(outlet, rng)
            w.add(f"{outlet} report {a}-{c}. Diplomats met again this week.\n")
            for b in group:
                if c > 0 and rng.random() < 0.25:
                    continue  # not every outlet carries every line
                words = b.text
                if c > 0:
                    change = rng.random()
                    if change < 0.3:
                        words = _repunctuate(words, rng)
                    elif change < 0.55:
                        words = _trim(words, rng)
                    elif change < 0.7:
                        words = _reword(words, rng)
                    elif change < 0.8:  # several at once
                        words = _repunctuate(_reword(_trim(words, rng), rng), rng)
                swapped = c > 0 and rng.random() < swap_rate
                speaker = b.speaker
                if swapped:
                    speaker = rng.choice([s for s in SPEAKERS if s != b.speaker])
                w.quote(words, speaker, b.group, swapped=swapped)
                if c > 0 and rng.random() < 0.3:
                    distractor += 1
                    w.indirect(_paraphrase(b.text, rng), b.speaker, f"d{distractor}")
                if c > 0 and rng.random() < 0.2:
                    distractor += 1
                    w.quote(_lookalike(b.text, rng), b.speaker, f"d{distractor}")
            articles.append(
                WireArticle(
                    text=w.text(),
                    outlet=outlet,
                    published=day0 + dt.timedelta(days=c),
                    source=f"wire/{a}-{c}-{outlet}.txt",
                    quotes=w.quotes,
                )
            )
    return articles


def pairwise(truth: Sequence[str], predicted: Sequence[int]) -> tuple[float, float]:
    """Pairwise precision and recall of a grouping: over all pairs of quotes, those put in
    one statement against those that truly are one statement."""
    joint = Counter(zip(truth, predicted, strict=True))
    both = sum(n * (n - 1) // 2 for n in joint.values())
    pred = sum(n * (n - 1) // 2 for n in Counter(predicted).values())
    true = sum(n * (n - 1) // 2 for n in Counter(truth).values())
    return (both / pred if pred else 1.0), (both / true if true else 1.0)


def to_extracted(article: WireArticle) -> Extracted:
    """The article as the ingest step receives it, with the planted quotes as the extractor's."""
    quotes = [
        ExtractedQuote(
            start=q.start,
            end=q.end,
            text=q.text,
            type="indirect" if q.type == "indirect" else "direct",
            confidence=0.8,
            speaker=ExtractedSpeaker(q.speaker),
            cue="said",
        )
        for q in article.quotes
    ]
    source = ArticleInput(
        text=article.text,
        source=article.source,
        outlet=article.outlet,
        published=article.published,
    )
    return Extracted(source, quotes)


@dataclass(frozen=True, slots=True)
class Scored:
    precision: float
    recall: float
    quotes: int
    true_groups: int
    statements: int
    swapped: int
    swapped_flagged: int
    false_conflicts: int  # flagged statements with no swapped copy in them


def store_and_score(database: Database, articles: Sequence[WireArticle]) -> Scored:
    """Ingest the corpus through the real write path, then score the grouping it made."""
    with database.sessions.begin() as session:
        store_new_articles(session, [to_extracted(a) for a in articles], extractor_version="wire")
    planted = {(a.source, q.start, q.end): q for a in articles for q in a.quotes}
    with database.readers() as session:
        rows = session.execute(
            select(Article.source, Quote.start, Quote.end, StatementQuote.statement_id)
            .join(Quote, Quote.article_id == Article.id)
            .join(StatementQuote, StatementQuote.quote_id == Quote.id)
        ).all()
        conflicts = set(session.scalars(conflicting_statement_ids()))
    assert len(rows) == len(planted), "every planted quote is stored and grouped"
    truth = [planted[(src, s, e)].group for src, s, e, _ in rows]
    predicted = [sid for *_, sid in rows]
    precision, recall = pairwise(truth, predicted)
    swapped = [sid for (src, s, e, sid) in rows if planted[(src, s, e)].swapped]
    with_swap = set(swapped)
    return Scored(
        precision=precision,
        recall=recall,
        quotes=len(rows),
        true_groups=len(set(truth)),
        statements=len(set(predicted)),
        swapped=len(swapped),
        swapped_flagged=sum(sid in conflicts for sid in swapped),
        false_conflicts=len(conflicts - with_swap),
    )
