"""Wire repeats in a `bench/synth.py` database, so regrouping it meets real statements.

    python bench/synth_repeats.py OUT.db --quotes 100000 [--share 0.3]

`bench/synth.py` writes every quote as fresh random words, so no two would ever group and a
rebuild would only measure the path that founds statements. Here a share of the quotes is
rewritten as a copy of an earlier one the way wire copy repeats it: word for word, with its
case and punctuation changed, trimmed at both ends, or with one word swapped. Only
`quotes.text` changes (the article text keeps the original words: grouping reads nothing
else). Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.synth import WORDS, Shape, build  # noqa: E402

# How far back a repeat reaches for its original: wire copy runs within days.
REACH = 5000


def variant(original: str, rng: random.Random) -> str:
    """One wire copy of `original`."""
    words = original.split()
    roll = rng.random()
    if roll < 0.4:
        return original
    if roll < 0.6:
        return original.upper().replace(",", "").rstrip(".") + "!"
    if roll < 0.8 and len(words) > 12:
        return " ".join(words[rng.randint(1, 3) : len(words) - rng.randint(1, 3)])
    i = rng.randrange(len(words))
    words[i] = rng.choice(WORDS)
    return " ".join(words)


def add_repeats(path: Path, share: float = 0.3, seed: int = 17) -> int:
    """Rewrite about `share` of the quotes as copies of earlier ones; returns how many."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    with conn:
        (top,) = conn.execute("SELECT max(id) FROM quotes").fetchone()
        changed: dict[int, str] = {}  # a repeat of a repeat copies the copy
        for qid in range(2, (top or 0) + 1):
            if rng.random() >= share:
                continue
            source = rng.randint(max(1, qid - REACH), qid - 1)
            text = changed.get(source)
            if text is None:
                (text,) = conn.execute("SELECT text FROM quotes WHERE id = ?", (source,)).fetchone()
            changed[qid] = variant(text, rng)
        conn.executemany(
            "UPDATE quotes SET text = ? WHERE id = ?", [(t, q) for q, t in changed.items()]
        )
    conn.close()
    return len(changed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--quotes", type=int, default=100_000)
    ap.add_argument("--share", type=float, default=0.3)
    args = ap.parse_args(argv)
    started = time.perf_counter()
    build(args.out, Shape.for_quotes(args.quotes))
    repeats = add_repeats(args.out, args.share)
    print(
        f"{args.out}: {args.quotes:,} quotes, {repeats:,} of them repeats, "
        f"in {time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
