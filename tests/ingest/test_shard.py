"""`quotes extract --shard K/N`: N workers split one corpus into one database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.ingest.types import Shard, content_hash
from tests.conftest import SEEDS

runner = CliRunner()


def test_shards_partition_any_set_of_hashes() -> None:
    digests = [content_hash(f"article {n}") for n in range(300)]
    owners = [[Shard(k, 3).owns(d) for k in (1, 2, 3)] for d in digests]
    assert all(sum(o) == 1 for o in owners)
    assert all(sum(o[k] for o in owners) > 60 for k in range(3))  # roughly even


@pytest.mark.parametrize("bad", ["0/2", "3/2", "1", "a/b", "1/0"])
def test_bad_shard_is_a_usage_error(bad: str, db_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(SEEDS), "--shard", bad, "--db", str(db_path)])
    assert result.exit_code == 2
    assert "--shard" in result.output


def test_two_shards_together_equal_one_run(db_url: str, tmp_path: Path) -> None:
    def run(*extra: str, db: str) -> dict:
        result = runner.invoke(app, ["extract", str(SEEDS), "--db", db, "--json", *extra])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout[result.stdout.index("{") :])

    first = run("--shard", "1/2", db=db_url)
    second = run("--shard", "2/2", db=db_url)
    assert first["articles"]["new"] + second["articles"]["new"] == 5
    assert first["articles"]["other_shards"] == second["articles"]["new"]
    assert run("--shard", "1/2", db=db_url)["articles"]["new"] == 0  # re-running is a no-op
    whole = run(db=str(tmp_path / "whole.db"))
    assert whole["quotes"]["added"] == first["quotes"]["added"] + second["quotes"]["added"]
