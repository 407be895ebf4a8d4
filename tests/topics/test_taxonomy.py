"""Taxonomy files: parse, validate, round-trip, and import through the service layer."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from quotes.curation import CurationService
from quotes.store.database import Database
from quotes.store.models import Edit
from quotes.topics.io import export_taxonomy, import_taxonomy
from quotes.topics.taxonomy import TaxonomyError, dump_taxonomy, load_taxonomy

SAMPLE = """
[[topic]]
name = "Sanctions"
description = "Economic penalties, \\"hard\\" ones too"
keywords = ["sanction", "embargo"]

[[topic]]
name = "Arms control"
phrases = ["arms control"]
entities = ["New START"]
"""


def test_load_dump_round_trip(tmp_path: Path) -> None:
    src = tmp_path / "t.toml"
    src.write_text(SAMPLE, encoding="utf-8")
    taxonomy = load_taxonomy(src)
    assert [t.name for t in taxonomy.topics] == ["Sanctions", "Arms control"]
    assert taxonomy.topics[0].description == 'Economic penalties, "hard" ones too'
    again = tmp_path / "again.toml"
    again.write_text(dump_taxonomy(taxonomy), encoding="utf-8")
    assert load_taxonomy(again) == taxonomy


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[topic]]\ndescription = 'x'\n", "has no name"),
        ("[[topic]]\nname='A'\n[[topic]]\nname='a'\n", "appears twice"),
        ("[[topic]]\nname='A'\nkeywords='x'\n", "list of non-empty strings"),
        ("[[topic]]\nname='A'\ncolour='red'\n", "unknown keys"),
        ("name = [", "not valid TOML"),
    ],
)
def test_bad_taxonomy_names_the_file(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(TaxonomyError, match=message) as info:
        load_taxonomy(bad)
    assert "bad.toml" in str(info.value)


def test_seed_taxonomy_is_valid() -> None:
    taxonomy = load_taxonomy(Path(__file__).resolve().parents[2] / "seeds" / "topics.toml")
    assert len(taxonomy.topics) >= 7
    assert all(t.keywords or t.phrases for t in taxonomy.topics)


def test_import_creates_updates_and_audits(tmp_path: Path, database: Database) -> None:
    src = tmp_path / "t.toml"
    src.write_text(SAMPLE, encoding="utf-8")
    svc = CurationService(database, "alice")
    first = import_taxonomy(svc, load_taxonomy(src))
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    assert import_taxonomy(svc, load_taxonomy(src)).unchanged == 2
    src.write_text(SAMPLE.replace('"embargo"', '"embargo", "penalty"'), encoding="utf-8")
    assert import_taxonomy(svc, load_taxonomy(src)).updated == 1
    exported = export_taxonomy(svc)
    assert {t.name for t in exported.topics} == {"Sanctions", "Arms control"}
    assert "penalty" in next(t for t in exported.topics if t.name == "Sanctions").keywords
    with database.sessions() as s:
        actions = [e.action for e in s.scalars(select(Edit).order_by(Edit.id))]
    assert actions == ["create_topic", "create_topic", "update_topic"]
