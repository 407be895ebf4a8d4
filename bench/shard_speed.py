"""One extraction worker against two `--shard` workers on the same corpus and database.

    python bench/shard_speed.py [--copies 8] [--db-url URL]

Both runs extract the same distinct articles (seed variants) into a fresh database; the
two-worker run starts `quotes extract --shard 1/2` and `--shard 2/2` at once, as two
machines would. Prints both wall times and the speed-up (at most 2 on this 2-core machine).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUOTES = [sys.executable, "-m", "quotes"]


def make_corpus(folder: Path, copies: int) -> int:
    """Distinct articles from the seeds (a numbered editor's line makes each text new)."""
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for copy in range(copies):
        for seed in sorted((ROOT / "seeds").glob("*.txt")):
            text = seed.read_text(encoding="utf-8") + f"\nEditor's note: variant {copy}.\n"
            (folder / f"{copy:03d}_{seed.name}").write_text(text, encoding="utf-8")
            n += 1
    return n


def timed(commands: list[list[str]]) -> float:
    start = time.perf_counter()
    procs = [
        subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for cmd in commands
    ]
    for proc in procs:
        if proc.wait() != 0:
            raise SystemExit(f"{' '.join(proc.args)} failed")  # type: ignore[arg-type]
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--copies", type=int, default=8, help="rounds of the five seeds")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        articles = make_corpus(corpus, args.copies)
        one_db, two_db = Path(tmp) / "one.db", Path(tmp) / "two.db"
        for db in (one_db, two_db):
            subprocess.run([*QUOTES, "init", "--db", str(db)], check=True, capture_output=True)
        one = timed([[*QUOTES, "extract", str(corpus), "--db", str(one_db)]])
        two = timed(
            [
                [*QUOTES, "extract", str(corpus), "--db", str(two_db), "--shard", f"{k}/2"]
                for k in (1, 2)
            ]
        )
    print("| workers | articles | seconds | speed-up |\n|---|---|---|---|")
    print(f"| 1 | {articles} | {one:.1f} | 1.00 |")
    print(f"| 2 (--shard 1/2, 2/2) | {articles} | {two:.1f} | {one / two:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
