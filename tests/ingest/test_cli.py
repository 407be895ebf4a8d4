"""`quotes extract` end to end on real files, the real model and real database files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from quotes.cli import app
from quotes.extract import INSTALL_LINE, ModelNotInstalled
from quotes.ingest import pipeline as pipeline_module
from tests.conftest import SEEDS
from tests.ingest.helpers import ARTICLE_1, ARTICLE_2

runner = CliRunner()


@pytest.fixture
def shared_nlp(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> Language:
    """The session's pipeline instead of loading the model again for every command."""
    monkeypatch.setattr(pipeline_module, "load_nlp", lambda model=None: nlp)
    return nlp


def run(*args: str, input: str | None = None) -> tuple[int, dict, str]:
    result = runner.invoke(app, ["extract", *args, "--json"], input=input)
    assert "Traceback" not in result.output, result.output
    summary = json.loads(result.stdout) if result.stdout.strip() else {}
    return result.exit_code, summary, result.stderr


def test_seeds_with_the_real_model_then_rerun(db_path: Path) -> None:
    code, summary, stderr = run(str(SEEDS), "--db", str(db_path))
    assert code == 0, stderr
    assert summary["articles"] == {
        "new": 5,
        "unchanged": 0,
        "failed": 0,
        "reextracted": 0,
        "other_shards": 0,
    }
    assert summary["quotes"]["added"] > 0
    assert summary["speakers_created"] > 0
    assert "articles: 5 new" in stderr

    stats = runner.invoke(app, ["stats", "--db", str(db_path), "--json"])
    assert json.loads(stats.stdout)["quotes"] == summary["quotes"]["added"]

    code, again, _ = run(str(SEEDS), "--db", str(db_path))
    assert code == 0
    assert again["articles"]["unchanged"] == 5
    assert again["articles"]["new"] == 0
    assert again["quotes"]["added"] == 0


def test_a_bad_file_fails_the_run_but_not_the_batch(
    db_path: Path, tmp_path: Path, shared_nlp: Language
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE_1)
    (corpus / "b.bin.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00")
    (corpus / "c.txt").write_text(ARTICLE_2)
    (corpus / "d.jsonl").write_text('{"text": "Fine line, NATO said."}\n{broken\n')
    code, summary, stderr = run(str(corpus), str(tmp_path / "missing.txt"), "--db", str(db_path))
    assert code == 1
    assert summary["articles"]["new"] == 3
    assert summary["articles"]["failed"] == 3
    lines = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 3
    assert any(str(corpus / "b.bin.txt") in line and "binary" in line for line in lines)
    assert any(f"{corpus / 'd.jsonl'}:2:" in line for line in lines)
    assert any("missing.txt" in line for line in lines)

    # The good articles are stored: a rerun of them alone is all unchanged.
    code, again, _ = run(str(corpus / "a.txt"), str(corpus / "c.txt"), "--db", str(db_path))
    assert code == 0
    assert again["articles"]["unchanged"] == 2


def test_stdin_and_max_bytes(db_path: Path, shared_nlp: Language) -> None:
    code, summary, _ = run("-", "--db", str(db_path), input=ARTICLE_1)
    assert code == 0
    assert summary["articles"]["new"] == 1
    code, summary, stderr = run("-", "--db", str(db_path), "--max-bytes", "10", input=ARTICLE_2)
    assert code == 1
    assert "<stdin>: file too large" in stderr


def test_reextract_force(db_path: Path, shared_nlp: Language, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE_1)
    code, first, _ = run(str(article), "--db", str(db_path))
    assert code == 0
    code, summary, stderr = run("--reextract", "--db", str(db_path))
    assert code == 0
    assert summary["articles"]["reextracted"] == 0  # already current
    assert summary["articles"]["unchanged"] == 1
    code, summary, stderr = run("--reextract", "--force", "--db", str(db_path))
    assert code == 0, stderr
    assert summary["articles"]["reextracted"] == 1
    assert summary["quotes"]["added"] == first["quotes"]["added"]
    assert "re-extracted" in stderr


def test_no_model_is_one_error_with_the_install_line(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(model: str | None = None) -> Language:
        raise ModelNotInstalled()

    monkeypatch.setattr(pipeline_module, "load_nlp", missing)
    result = runner.invoke(app, ["extract", str(SEEDS), "--db", str(db_path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert INSTALL_LINE.splitlines()[-1] in result.stderr
    assert result.stderr.count("error:") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [([], "nothing to do"), (["x.txt", "--force"], "--force only applies with --reextract")],
)
def test_usage_errors(db_path: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["extract", *args, "--db", str(db_path)])
    assert result.exit_code == 2
    assert message in result.stderr
