"""JSON columns are stored compact, and read back the same, on every backend."""

from __future__ import annotations

import json

from sqlalchemy import text

from quotes.store.database import Database
from quotes.store.models import QuoteFeatures
from tests.factories import seed


def test_features_are_stored_without_separator_spaces(database: Database) -> None:
    seeded = seed(database)
    features = {"resolution": "name", "words": 1.5, "mark": "“curly”", "note": "a, b: c"}
    with database.sessions.begin() as s:
        s.add(QuoteFeatures(quote_id=seeded.quotes[0], features=features, drivers=["x: 1"]))
    with database.sessions() as s:
        raw = s.execute(
            text("SELECT CAST(features AS TEXT) FROM quote_features WHERE quote_id = :q"),
            {"q": seeded.quotes[0]},
        ).scalar_one()
        row = s.get(QuoteFeatures, seeded.quotes[0])
        assert row is not None
        assert row.features == features
    # SQLite and PostgreSQL's json (not jsonb) both keep the text as it was sent.
    assert raw == json.dumps(features, separators=(",", ":"))
