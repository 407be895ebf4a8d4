"""What the team workbench costs per key, next to the plain SQL each step runs (issue 15).

    .venv/bin/python bench/workbench_team.py                          # 1,000,000 quotes, temp
    .venv/bin/python bench/workbench_team.py --db /tmp/w15e/1m.db     # build once, then reuse
    .venv/bin/python bench/workbench_team.py --quotes 20000 --rounds 3

Times, through `CurationService` (the calls the workbench's worker makes):

- picker keystroke-to-results: `search_speakers` (the speaker picker, `r`) and `topics` (the
  topic picker, `t`) for a few typed texts, next to a plain name-prefix lookup, and the
  speaker picker also next to its tiers (exact, prefix, word prefix) ranked in one SQL query;
- picker Enter: `reassign` and `tag`, next to the plain UPDATE / INSERT they amount to;
- help (`?`): the cached help screen in the real app, next to building it per open
  (`bench/tui_latency.py`'s measure, reused);
- claim of the next slice while eight curators hold slices, next to the plain SQL.

Ours and the baseline run in pairs, interleaved (alternating which goes first), and the
ratio is the median of the pairs' ratios: on a shared machine a burst of load hits both
sides of a pair, so the ratio holds where absolute times do not. The database (`--db`) is
built by `bench/synth.py` when missing and kept; the measures run on a copy, so it stays
as built. A benchmark: nothing here fails on a time.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench.claims_speed import FREE_SQL, INSERT_SQL  # noqa: E402
from bench.tui_latency import help_pairs  # noqa: E402

SPEAKER_TYPED = ("s", "serg", "petrov", "sergei petrov")
TOPIC_TYPED = ("s", "sanc", "nato-russia")
SLICE = 25
OTHER_CURATORS = 8

# A name prefix as an index range, so the floor is the index lookup it can be (LIKE would
# scan: SQLite uses an index for LIKE only with case_sensitive_like).
SPEAKER_PREFIX_SQL = """SELECT id, name FROM speakers WHERE merged_into_id IS NULL
AND normalized_name >= :p AND normalized_name < :p || char(1114111)
ORDER BY normalized_name LIMIT 15"""
# The picker's tiers short of fuzzy (exact, prefix, word prefix; names and aliases) ranked
# in SQL: what the same answer costs without loading every speaker into Python.
SPEAKER_TIERS_TYPED = ("s", "petrov")
SPEAKER_TIERS_SQL = """SELECT id, name, min(tier) AS t FROM (
SELECT s.id, s.name, CASE WHEN s.normalized_name = :p THEN 0
  WHEN s.normalized_name LIKE :p || '%' THEN 1 ELSE 2 END AS tier
FROM speakers s WHERE s.merged_into_id IS NULL
AND (s.normalized_name LIKE :p || '%' OR s.normalized_name LIKE '% ' || :p || '%')
UNION ALL
SELECT s.id, s.name, CASE WHEN a.normalized = :p THEN 0
  WHEN a.normalized LIKE :p || '%' THEN 1 ELSE 2 END
FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id WHERE s.merged_into_id IS NULL
AND (a.normalized LIKE :p || '%' OR a.normalized LIKE '% ' || :p || '%')
) GROUP BY id ORDER BY t, name LIMIT 15"""
TOPIC_PREFIX_SQL = "SELECT id, name FROM topics WHERE name LIKE :p || '%' ORDER BY name"
REASSIGN_SQL = """UPDATE quotes SET speaker_id = ?, version = version + 1, updated_at = ?
WHERE id = ? AND version = ?"""
TAG_SQL = """INSERT INTO quote_topics (quote_id, topic_id, origin, score, created_at)
VALUES (?, ?, 'curator', NULL, ?) ON CONFLICT (quote_id, topic_id)
DO UPDATE SET origin = 'curator'"""
RENEW_SQL = "UPDATE claims SET expires_at = ? WHERE curator = 'sql'"


@dataclass(frozen=True)
class Row:
    """One line of the table: medians of the paired rounds, in seconds."""

    operation: str
    ours: float
    baseline: float
    ratio: float
    baseline_name: str


def paired(
    ours: Callable[[int], object], plain: Callable[[int], object], rounds: int
) -> tuple[float, float, float]:
    """Median ours, median plain and median per-pair ratio of `rounds` interleaved pairs;
    each callable gets the round number (so a write can use a fresh row each time)."""
    pairs: list[tuple[float, float]] = []
    for i in range(rounds):
        order = (ours, plain) if i % 2 == 0 else (plain, ours)
        took: list[float] = []
        for fn in order:
            started = time.perf_counter()
            fn(i)
            took.append(time.perf_counter() - started)
        pairs.append((took[0], took[1]) if i % 2 == 0 else (took[1], took[0]))
    return (
        statistics.median(o for o, _ in pairs),
        statistics.median(p for _, p in pairs),
        statistics.median(o / p for o, p in pairs if p > 0),
    )


def _same_work(what: str, got: int, want: int) -> None:
    """A side that did less than the other (a refused change, an empty slice) would make
    its time meaningless: stop rather than print it."""
    if got != want:
        raise RuntimeError(f"{what} touched {got} rows, not {want}: the pair is not comparable")


def build_if_missing(path: Path, quotes: int) -> None:
    from bench.synth import Shape, build

    if path.exists():
        return
    started = time.perf_counter()
    build(path, Shape.for_quotes(quotes))
    print(f"built {path} in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def _keystroke(
    service: Callable[[str], object], raw: sqlite3.Connection, sql: str, typed: str
) -> tuple[Callable[[int], object], Callable[[int], object]]:
    """The picker's call for `typed`, and the plain prefix lookup, as a pair for `paired`."""
    return (lambda _i: service(typed), lambda _i: raw.execute(sql, {"p": typed}).fetchall())


def measure(path: Path, rounds: int) -> list[Row]:
    """Every service measure on `path` (changed: use a copy)."""
    from quotes.curation import CurationService, QueueFilter
    from quotes.store.database import open_database
    from quotes.store.models import utcnow

    db = open_database(str(path))
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA synchronous=NORMAL")  # as the product's connections have it
    rows: list[Row] = []
    try:
        me = CurationService(db, "bench")
        me.search_speakers("warm")  # imports and the first connection, in neither side
        me.topics("warm")
        speaker_search = functools.partial(me.search_speakers, limit=15)
        for typed in SPEAKER_TYPED:
            o, p, r = paired(*_keystroke(speaker_search, raw, SPEAKER_PREFIX_SQL, typed), rounds)
            rows.append(Row(f'speaker picker, typed "{typed}"', o, p, r, "name-prefix SELECT"))
        for typed in SPEAKER_TIERS_TYPED:
            o, p, r = paired(*_keystroke(speaker_search, raw, SPEAKER_TIERS_SQL, typed), rounds)
            what = f'speaker picker, typed "{typed}", vs tiers in SQL'
            rows.append(Row(what, o, p, r, "ranked name/alias SELECT"))
        for typed in TOPIC_TYPED:
            o, p, r = paired(*_keystroke(me.topics, raw, TOPIC_PREFIX_SQL, typed), rounds)
            rows.append(Row(f'topic picker, typed "{typed}"', o, p, r, "name-prefix SELECT"))

        # Enter: a fresh unverified quote each round, from the far end of the queue (the
        # claims below take the front), half for the service and half for the plain SQL.
        ids = [
            qid
            for (qid,) in raw.execute(
                "SELECT id FROM quotes WHERE status = 'unverified' ORDER BY id DESC LIMIT ?",
                (4 * rounds,),
            )
        ]
        speakers = [sid for (sid,) in raw.execute("SELECT id FROM speakers ORDER BY id LIMIT 2")]
        topic_id, topic = raw.execute("SELECT id, name FROM topics ORDER BY id").fetchone()
        versions = dict(
            raw.execute(
                f"SELECT id, version FROM quotes WHERE id IN ({','.join('?' * len(ids))})", ids
            ).fetchall()
        )

        def plain_reassign(i: int) -> None:
            qid = ids[2 * i + 1]
            changed = raw.execute(
                REASSIGN_SQL, (speakers[i % 2], utcnow().isoformat(sep=" "), qid, versions[qid])
            ).rowcount
            raw.commit()
            _same_work("plain reassign", changed, 1)

        o, p, r = paired(
            lambda i: me.reassign(
                ids[2 * i], speakers[i % 2], expected_version=versions[ids[2 * i]]
            ),
            plain_reassign,
            rounds,
        )
        rows.append(Row("Enter in the speaker picker (reassign)", o, p, r, "UPDATE quotes"))

        tag_ids = ids[2 * rounds :]

        def plain_tag(i: int) -> None:
            stamp = utcnow().isoformat(sep=" ")
            changed = raw.execute(TAG_SQL, (tag_ids[2 * i + 1], topic_id, stamp)).rowcount
            raw.commit()
            _same_work("plain tag", changed, 1)

        def our_tag(i: int) -> None:
            _same_work("tag", me.tag(tag_ids[2 * i], topic), 1)

        o, p, r = paired(our_tag, plain_tag, rounds)
        rows.append(Row("Enter in the topic picker (tag)", o, p, r, "INSERT quote_topics"))

        for n in range(OTHER_CURATORS):  # a team already at work
            CurationService(db, f"curator{n}").claim_next(QueueFilter(), SLICE)

        def plain_claim(_i: int) -> None:
            now = utcnow()
            expires = (now + me.lease).isoformat(sep=" ")
            stamp = now.isoformat(sep=" ")
            raw.execute(RENEW_SQL, (expires,))
            free = [q for (q,) in raw.execute(FREE_SQL, {"now": stamp})]
            raw.executemany(INSERT_SQL, [(q, stamp, expires) for q in free])
            raw.commit()
            _same_work("plain claim", len(free), SLICE)

        def our_claim(_i: int) -> None:
            _same_work("claim_next", len(me.claim_next(QueueFilter(), SLICE).quote_ids), SLICE)

        o, p, r = paired(our_claim, plain_claim, rounds)
        rows.append(Row(f"claim the next slice ({SLICE} quotes)", o, p, r, "SELECT + upsert"))
    finally:
        raw.close()
        db.engine.dispose()
    return rows


def help_row(path: Path, rounds: int) -> Row:
    """The cached help against building it per open: the pairs `tui_latency` takes."""
    pairs = asyncio.run(help_pairs(path, rounds))
    return Row(
        "help (`?`) until the keys are on screen",
        statistics.median(w for _, w in pairs),
        statistics.median(c for c, _ in pairs),
        statistics.median(w / c for c, w in pairs if c > 0),
        "help built per open",
    )


def quote_count(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT count(*) FROM quotes").fetchone()[0])
    finally:
        con.close()


def report(rows: list[Row], quotes: int, load: tuple[float, float]) -> str:
    lines = [
        "| operation | ours | baseline | plain SQL baseline | ratio | database |",
        "|---|---:|---:|---|---:|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.operation} | {row.ours * 1000:.2f} ms | {row.baseline * 1000:.2f} ms "
            f"| {row.baseline_name} | {row.ratio:.1f}x | {quotes:,} quotes |"
        )
    lines += [
        "",
        f"Machine load (1-minute average): {load[0]:.2f} before, {load[1]:.2f} after, on "
        f"{os.cpu_count()} cores. Medians of paired, interleaved rounds; the ratio is the "
        "median of each pair's ours/baseline (for help, below 1 means the cache is faster).",
    ]
    return "\n".join(lines)


def run(source: Path, rounds: int, help_rounds: int) -> str:
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="workbench-team-", dir=source.parent) as tmp:
        copy = Path(tmp) / "copy.db"
        shutil.copy(source, copy)
        rows = measure(copy, rounds)
        if help_rounds:
            rows.append(help_row(copy, help_rounds))
        quotes = quote_count(copy)
    return report(rows, quotes, (load_before, os.getloadavg()[0]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quotes", type=int, default=1_000_000, help="size when building")
    parser.add_argument("--db", type=Path, help="a bench/synth.py database, built if missing")
    parser.add_argument("--rounds", type=int, default=9, help="paired rounds per measure")
    parser.add_argument("--help-rounds", type=int, default=5, help="help pairs (0: skip)")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if args.db is not None:
        args.db.parent.mkdir(parents=True, exist_ok=True)
        build_if_missing(args.db, args.quotes)
        print(run(args.db, args.rounds, args.help_rounds))
        return 0
    with tempfile.TemporaryDirectory(prefix="workbench-team-db-") as tmp:
        path = Path(tmp) / "synth.db"
        build_if_missing(path, args.quotes)
        print(run(path, args.rounds, args.help_rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
