"""The gold scorer's prediction format (`../shared/eval/score.py`), made from our outputs.

The scorer reads `source` (its last path component is the gold's `doc`), `start`, `end` and
`speaker`, and ignores other fields. That is the scorer's format, not the product's: it lives
here, and `quotes export --format jsonl` keeps its own columns. Both the extractor's quotes
(`from_quote`) and an export file (`from_export_row`, or run this file) map into it.

    python bench/scorer_format.py EXPORT.jsonl PRED.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quotes.extract.types import ExtractedQuote

# What score.py reads; `type` and `text` ride along so its error listing is readable.
SCORER_FIELDS = ("source", "start", "end", "speaker")


def from_quote(source: str, quote: ExtractedQuote) -> dict[str, Any]:
    """One extracted quote (an item of `doc._.quotes`) of the article `source`."""
    return {
        "source": source,
        "start": quote.start,
        "end": quote.end,
        "speaker": quote.speaker.name if quote.speaker else None,
        "type": quote.type,
        "text": quote.text,
    }


def from_export_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """One row of `quotes export --format jsonl` (or `iter_export_rows`)."""
    return {
        "source": row["source"],
        "start": row["start"],
        "end": row["end"],
        "speaker": row["speaker"],
        "type": row["type"],
        "text": row["quote"],
    }


def write_rows(rows: Iterable[Mapping[str, Any]], fh: IO[str]) -> int:
    """Scorer rows as JSON lines; returns how many."""
    count = 0
    for row in rows:
        fh.write(json.dumps(dict(row), ensure_ascii=False) + "\n")
        count += 1
    return count


def convert(export_lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Scorer rows from the lines of an export JSONL file (blank lines skipped)."""
    for line in export_lines:
        if line.strip():
            yield from_export_row(json.loads(line))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("export", type=Path, help="a `quotes export --format jsonl` file")
    ap.add_argument("pred", type=Path, help="the scorer's prediction file to write")
    args = ap.parse_args(argv)
    with (
        args.export.open(encoding="utf-8") as src,
        args.pred.open("w", encoding="utf-8") as out,
    ):
        n = write_rows(convert(src), out)
    print(f"{n} quotes -> {args.pred}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
