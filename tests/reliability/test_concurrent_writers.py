"""The workbench's writes and `quotes extract` on one SQLite file at the same time.

WAL, the busy timeout and BEGIN IMMEDIATE must keep "database is locked" from ever reaching
a curator, and neither side may lose a write.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from sqlalchemy import select

from quotes.curation import CurationService
from quotes.store.database import open_database
from quotes.store.models import Article, Edit
from tests.factories import seed
from tests.reliability.corpus import seed_variants
from tests.reliability.processes import QUOTES


def test_curating_while_extracting(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    database = open_database(str(db))
    data = seed(database)
    folder = seed_variants(tmp_path / "corpus", copies=6)[0].parent
    extractor = subprocess.Popen(
        # --batch-size 4: eight write transactions to interleave with.
        [*QUOTES, "extract", str(folder), "--db", str(db), "--batch-size", "4"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    svc = CurationService(database, "alice")
    decisions = rounds = 0
    # Until the extractor is done, and at least a few rounds whatever the machine's speed:
    # the assertions below hold for any interleaving, so none depends on timing.
    while extractor.poll() is None or rounds < 5:
        rounds += 1
        for qid in data.quotes:
            svc.verify(qid)
            svc.reject(qid)
            decisions += 2
        svc.undo()
        decisions += 1
        time.sleep(0.01)  # pacing only, so the extractor's writes get the lock between rounds
    assert extractor.returncode == 0, extractor.stderr.read() if extractor.stderr else ""
    with database.readers() as s:
        assert len(s.scalars(select(Edit)).all()) == decisions
        assert len(s.scalars(select(Article)).all()) == 1 + 30
