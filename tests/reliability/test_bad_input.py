"""The bad-input table, end to end through `quotes extract`: each bad input gets one line
naming it, the good ones in the same batch are stored, and the exit status says it failed."""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from quotes.cli import app
from quotes.store.database import open_database
from quotes.store.models import Article

runner = CliRunner()
GOOD = 'The minister said the talks would resume. "We are ready," she said.\n'


def sparse_50_mb(path: Path) -> None:
    with path.open("wb") as fh:
        os.truncate(fh.fileno(), 50 * 2**20)


def test_bad_input_table(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    bad = {
        "binary.txt": lambda p: p.write_bytes(bytes(range(256)) * 4),
        "empty.txt": lambda p: p.write_bytes(b""),
        "whitespace.txt": lambda p: p.write_text(" \n\t\n"),
        "huge.txt": sparse_50_mb,
        "feed.jsonl": lambda p: p.write_text(json.dumps({"text": GOOD}) + "\n{not json\n"),
    }
    good = {
        # Distinct text: the JSONL line above holds GOOD itself, and equal texts are one article.
        "utf16.txt": lambda p: p.write_bytes(("\ufeffIn UTF-16: " + GOOD).encode("utf-16-le")),
        "latin1.txt": lambda p: p.write_bytes(("Caf\u00e9 owners: " + GOOD).encode("latin-1")),
        "page.html": lambda p: p.write_text(
            "<html><head><script>alert('x')</script><title>Talks</title></head><body>"
            f"<article><p>{GOOD * 3}</p></article><script>var x = 1;</script></body></html>"
        ),
        "plain.txt": lambda p: p.write_text(GOOD + "The end.\n"),
    }
    for name, make in {**bad, **good}.items():
        make(corpus / name)
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)
    missing = tmp_path / "nowhere" / "gone.txt"
    db = tmp_path / "q.db"

    result = runner.invoke(app, ["extract", str(corpus), str(missing), "--db", str(db), "--json"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    for name in ("binary.txt", "empty.txt", "whitespace.txt", "huge.txt"):
        assert sum(name in line for line in errors) == 1, (name, errors)
    assert sum("feed.jsonl:2" in line for line in errors) == 1
    assert sum("gone.txt" in line for line in errors) == 1
    assert sum("loop" in line for line in errors) == 1
    assert len(errors) == 7, errors

    with open_database(str(db)).readers() as s:
        stored = {Path(a.source).name.split(":")[0]: a.text for a in s.scalars(select(Article))}
    assert set(stored) == {"feed.jsonl", "utf16.txt", "latin1.txt", "page.html", "plain.txt"}
    assert stored["latin1.txt"].startswith("Caf\u00e9")
    assert "alert" not in stored["page.html"] and "var x" not in stored["page.html"]
