"""A 1,000,000-character article used to take 3.2 GB and a minute. Now the run's memory is
bounded: the article is refused before any parsing, with one line saying how to raise the
limit, and the rest of the batch is stored. Measured on the process itself (its peak RSS,
as the kernel reports it to the parent), not on time."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from quotes.store.database import open_database
from quotes.store.models import Article
from tests.reliability.corpus import seed_variants
from tests.reliability.processes import QUOTES, REPO

# The model and the libraries take about 0.4 GB; parsing the article would take 3.2 GB.
BOUND_KB = 1_200_000


def test_a_million_character_article_stays_within_a_fixed_memory_bound(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    seed_variants(corpus, copies=1)
    sentence = '"We will not back down," the minister said at the summit in Brussels. '
    (corpus / "huge.txt").write_text((sentence * (1_000_000 // len(sentence) + 1))[:1_000_000])
    db = tmp_path / "q.db"
    log = tmp_path / "stderr.txt"

    with log.open("wb") as err:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        env.pop("QUOTES_MAX_CHARS", None)
        run = subprocess.Popen(
            [*QUOTES, "extract", str(corpus), "--db", str(db)],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=env,
        )
        _, status, usage = os.wait4(run.pid, 0)
        run.returncode = os.waitstatus_to_exitcode(status)

    assert run.returncode == 1
    errors = [line for line in log.read_text().splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "huge.txt" in errors[0], errors
    assert "1,000,000 characters" in errors[0] and "--max-chars" in errors[0]
    assert usage.ru_maxrss < BOUND_KB, f"peak RSS {usage.ru_maxrss:,} kB"
    with open_database(str(db)).readers() as s:
        assert len(s.query(Article).all()) == 5  # the rest of the batch is stored
