"""`python scripts/screenshot.py docs/workbench.svg [--db quotes.db]`: the README's picture.

A developer tool, so it lives outside the installed package; `make screenshot` runs it.
Renders the review queue headless (no terminal needed, so it runs in CI) and writes it as
SVG. A database without quotes would make a dull picture, so when there are none and ./seeds
exists, the seeds are extracted into a temporary database first; without the spaCy model the
empty queue (which explains how to get quotes) is shot instead.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from quotes.curation import CurationService, QueueFilter
from quotes.store.database import Database, open_database


def _has_quotes(database: Database) -> bool:
    return CurationService(database, "screenshot").progress(QueueFilter(status="any")).total > 0


def _from_seeds(seeds: Path, workdir: Path) -> Database | None:
    """The seeds extracted into a fresh database, or None when the extractor is unavailable."""
    try:
        from quotes.ingest.pipeline import ingest_paths, load_nlp

        nlp = load_nlp(None)
    except Exception as exc:  # no spaCy model: fall back to the empty queue
        print(f"screenshot: not extracting {seeds}: {exc}", file=sys.stderr)
        return None
    database = open_database(str(workdir / "seeds.db"))
    ingest_paths(database, [str(seeds)], nlp=nlp)
    try:  # topic suggestions make the card show what it can do; optional
        from quotes.topics.apply import suggest_topics
        from quotes.topics.io import import_taxonomy
        from quotes.topics.taxonomy import load_taxonomy

        taxonomy = seeds / "topics.toml"
        if taxonomy.exists():
            import_taxonomy(CurationService(database, "screenshot"), load_taxonomy(taxonomy))
            suggest_topics(database, nlp)
    except Exception as exc:
        print(f"screenshot: no topic suggestions: {exc}", file=sys.stderr)
    return database


async def shoot(database: Database, output: Path, size: tuple[int, int]) -> None:
    from quotes.tui.app import WorkbenchApp
    from quotes.tui.queue import QueueScreen

    app = WorkbenchApp(database, "curator", blink=False)
    async with app.run_test(size=size) as pilot:
        for _ in range(500):
            screen = app.screen
            if (
                isinstance(screen, QueueScreen)
                and screen.loaded_generation == screen.generation
                and screen.progress is not None
                and (screen.card is not None or not screen.order)
            ):
                break
            await pilot.pause(0.02)
        await pilot.pause(0.1)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(app.export_screenshot(title="quotes workbench"), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/screenshot.py", description=__doc__)
    parser.add_argument("output", type=Path, help="SVG file to write")
    parser.add_argument("--db", help="database (default: $QUOTES_DB, else ./quotes.db)")
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="used if db is empty")
    parser.add_argument("--width", type=int, default=140)
    parser.add_argument("--height", type=int, default=40)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or os.environ.get("QUOTES_DB")
        if db is None and not Path("quotes.db").exists():
            db = str(Path(tmp) / "empty.db")  # never leave a new ./quotes.db behind
        database = open_database(db)
        if not _has_quotes(database) and args.seeds.is_dir():
            database = _from_seeds(args.seeds, Path(tmp)) or database
        asyncio.run(shoot(database, args.output, (args.width, args.height)))
        database.engine.dispose()
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
