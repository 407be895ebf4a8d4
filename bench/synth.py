"""Synthetic databases of realistic shape and size, for the scale benchmarks.

    python bench/synth.py OUT.db --quotes 1000000      # 50,000 speakers, 200,000 articles

One generator serves every benchmark (export, workbench latency, scale and growth), so
their numbers describe the same data. Articles are real text with the quotes inside them at
their stored offsets (`article.text[start:end] == quote.text`), speakers have aliases, a
share of quotes is verified or rejected, and topics are linked, so every query the product
runs meets the data it would meet in use. The schema comes from the real migrations; rows go
in through plain executemany (the ORM would take longer than what is measured), with the
FTS triggers lifted during the load and the index rebuilt once at the end.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FIRST = [
    "Anna",
    "Boris",
    "Carmen",
    "Dmitry",
    "Elena",
    "Farid",
    "Grace",
    "Hans",
    "Ines",
    "Jonas",
    "Kateryna",
    "Luis",
    "Maria",
    "Nikolai",
    "Olga",
    "Pedro",
    "Quentin",
    "Rosa",
    "Sergei",
    "Tamar",
    "Ulrich",
    "Vera",
    "Wei",
    "Ximena",
    "Yusuf",
    "Zofia",
]
LAST = [
    "Adams",
    "Baker",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Horvat",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Okafor",
    "Petrov",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Ueda",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zhou",
]
ROLES = (
    "foreign minister",
    "defence minister",
    "spokesperson",
    "secretary general",
    "senator",
    "ambassador",
    "analyst",
    "mayor",
    "president",
    "chief negotiator",
)
ORGS = (
    "NATO",
    "the Kremlin",
    "the European Commission",
    "the State Department",
    "the OSCE",
    "the Foreign Ministry",
    "the Senate",
    "Reuters",
    "the United Nations",
    "the Pentagon",
)
OUTLETS = (
    "Wire Service",
    "Daily Ledger",
    "Morning Post",
    "Evening Standard",
    "Radio Europe",
    "Capital Times",
    "Global Report",
    "North Herald",
)
TOPICS = (
    "NATO-Russia dialogue",
    "Ukraine conflict",
    "Black Sea",
    "Belarus border crisis",
    "Arms control and transparency",
    "Military exercises and deployments",
    "Sanctions",
)
CUES = ("said", "told reporters", "added", "warned", "insisted", "noted", "according to", "argued")
WORDS = [
    "security",
    "dialogue",
    "alliance",
    "border",
    "troops",
    "talks",
    "sanctions",
    "treaty",
    "transparency",
    "partners",
    "government",
    "minister",
    "meeting",
    "proposal",
    "tensions",
    "region",
    "defence",
    "forces",
    "agreement",
    "risk",
    "deterrence",
    "diplomacy",
    "negotiations",
    "exercises",
    "cooperation",
    "council",
    "summit",
    "interests",
    "stability",
    "ceasefire",
    "pressure",
    "measures",
    "budget",
    "reform",
    "election",
    "vote",
    "parliament",
]
# About 1 quote in 50 starts with this word: what "search" benchmarks look for.
RARE_WORD = "NATO"
RARE_SHARE = 0.02
FILLER = (
    "Officials met again this week as the talks entered a new phase.",
    "The meeting followed weeks of rising tension along the border.",
    "Analysts expect little movement before the next summit.",
    "The statement was released late in the evening.",
)


@dataclass(frozen=True)
class Shape:
    quotes: int
    speakers: int
    articles: int

    @classmethod
    def for_quotes(cls, quotes: int) -> Shape:
        """The proportions of the 1M benchmark: 20 quotes a speaker, 5 quotes an article."""
        return cls(quotes, max(10, quotes // 20), max(1, quotes // 5))


def _sentence(rng: random.Random, words: int) -> str:
    """Words with the commas and inner quotation marks real quotes have (CSV must escape them)."""
    picked = [rng.choice(WORDS) + ("," if rng.random() < 0.08 else "") for _ in range(words)]
    if words > 6 and rng.random() < 0.1:
        picked[2] = '"' + picked[2]
        picked[4] = picked[4].rstrip(",") + '"'
    text = " ".join(picked).rstrip(",")
    return text[:1].upper() + text[1:] + "."


def _speakers(shape: Shape, rng: random.Random, now: str) -> Iterator[tuple[object, ...]]:
    from quotes.store.models import surname_of

    for i in range(1, shape.speakers + 1):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"
        if i > len(FIRST) * len(LAST):  # keep names distinct past the combinations
            name += f" {i}"
        kind = "organization" if i % 25 == 0 else "person"
        yield (
            i,
            name,
            name.lower(),
            kind,
            rng.choice(ROLES),
            rng.choice(ORGS),
            int(i % 3 == 0),
            now,
            now,
            # What the models' before_insert hook keeps for every other writer.
            surname_of(name.lower(), kind),
        )


def _article_and_quotes(
    article_id: int, n_quotes: int, first_quote_id: int, shape: Shape, rng: random.Random
) -> tuple[str, list[tuple[object, ...]]]:
    """An article's text with its quotes in it, and the quote rows pointing into it."""
    parts: list[str] = [rng.choice(FILLER), "\n"]
    offset = len(parts[0]) + 1
    quotes: list[tuple[object, ...]] = []
    for k in range(n_quotes):
        speaker = 1 + rng.randrange(shape.speakers)
        content = _sentence(rng, rng.randint(12, 45))
        if rng.random() < RARE_SHARE:  # a selective word, for the search benchmarks
            content = f"{RARE_WORD} {content[:1].lower()}{content[1:]}"
        qtype = rng.choice(("direct", "direct", "indirect", "mixed"))
        cue = rng.choice(CUES)
        lead = f"{LAST[speaker % len(LAST)]} {cue}" if qtype != "direct" else ""
        if qtype == "direct":
            before, after = "\u201c", f"\u201d {LAST[speaker % len(LAST)]} {cue}.\n"
        else:
            before, after = f"{lead} that ", "\n"
        start = offset + len(before)
        parts += [before, content, after, rng.choice(FILLER), "\n"]
        offset = start + len(content) + len(after) + len(parts[-2]) + 1
        quotes.append(
            (
                first_quote_id + k,
                article_id,
                content,
                start,
                start + len(content),
                qtype,
                cue,
                speaker,
            )
        )
    return "".join(parts), quotes


def build(
    path: Path,
    shape: Shape,
    *,
    seed: int = 7,
    verified_share: float = 0.3,
    rejected_share: float = 0.05,
) -> Path:
    """Write a new database at `path` with `shape`'s rows; returns the path."""
    from quotes.store.database import open_database

    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    open_database(str(path)).engine.dispose()  # the real migrations make the schema
    rng = random.Random(seed)
    now = "2026-11-22 12:00:00.000000"
    conn = sqlite3.connect(path)
    # Only the FTS triggers are lifted (the index is rebuilt once below); the counters of
    # `quotes stats` (migration 0010) count every row as it goes in.
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'quotes_fts%'"
    ).fetchall()
    for name, _ in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    with conn:
        conn.executemany(
            "INSERT INTO speakers (id, name, normalized_name, kind, title, organization, verified,"
            " version, created_at, updated_at, surname)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
            _speakers(shape, rng, now),
        )
        conn.executemany(
            "INSERT INTO speaker_aliases (speaker_id, alias, normalized, origin) "
            "VALUES (?, ?, ?, 'extractor')",
            (
                (i, f"{name} ({i})", f"{str(name).lower()} {i}")
                for i, name, *_ in _speakers(shape, random.Random(seed), now)
            ),
        )
        conn.executemany(
            "INSERT INTO topics (id, name, created_at) VALUES (?, ?, ?)",
            ((i, t, now) for i, t in enumerate(TOPICS, 1)),
        )
        per_article, extra = divmod(shape.quotes, shape.articles)
        quote_id = 1
        for start in range(1, shape.articles + 1, 5000):
            articles, quotes = [], []
            for article_id in range(start, min(start + 5000, shape.articles + 1)):
                n = per_article + (1 if article_id <= extra else 0)
                text, rows = _article_and_quotes(article_id, n, quote_id, shape, rng)
                quote_id += n
                day = 1 + article_id % 28
                articles.append(
                    (
                        article_id,
                        f"{article_id:064x}",
                        f"corpus/{article_id:07d}.txt",
                        _sentence(rng, 8).rstrip("."),
                        OUTLETS[article_id % len(OUTLETS)],
                        f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                        f"2025-{1 + article_id % 12:02d}-{day:02d}",
                        text,
                        now,
                    )
                )
                for row in rows:
                    roll = rng.random()
                    status = (
                        "verified"
                        if roll < verified_share
                        else "rejected"
                        if roll < verified_share + rejected_share
                        else "unverified"
                    )
                    decided = status != "unverified"
                    quotes.append(
                        (
                            *row,
                            round(rng.random(), 3),
                            status,
                            "bench" if decided else None,
                            now if decided else None,
                            now,
                            now,
                        )
                    )
            conn.executemany(
                "INSERT INTO articles (id, content_hash, source, title, outlet, author, published,"
                " language, text, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'en', ?, ?)",
                articles,
            )
            conn.executemany(
                'INSERT INTO quotes (id, article_id, text, start, "end", type, cue, speaker_id, '
                "confidence, status, verified_by, verified_at, version, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                quotes,
            )
        conn.executemany(
            "INSERT INTO quote_topics (quote_id, topic_id, origin, score, created_at) "
            "VALUES (?, ?, ?, 0.5, ?)",
            (
                (q, 1 + (q * 7) % len(TOPICS), "curator" if q % 4 == 0 else "suggested", now)
                for q in range(1, shape.quotes + 1, 2)
            ),
        )
        conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')")
        for _, sql in triggers:
            conn.execute(sql)
    conn.execute("ANALYZE")
    conn.close()
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--quotes", type=int, default=1_000_000)
    args = ap.parse_args(argv)
    shape = Shape.for_quotes(args.quotes)
    started = time.perf_counter()
    build(args.out, shape)
    print(
        f"{args.out}: {shape.quotes:,} quotes, {shape.speakers:,} speakers, "
        f"{shape.articles:,} articles in {time.perf_counter() - started:.0f} s "
        f"({args.out.stat().st_size / 2**20:,.0f} MiB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
