"""Topics mean what curators set (issue 15, failure 4): a suggestion is not a topic until a
curator accepts it. The `verified_quotes` view, the export and the stats keep the two apart;
the 0003 migration changes the view and its downgrade restores 0002's."""

from __future__ import annotations

from sqlalchemy import inspect, text

from quotes.curation import CurationService
from quotes.export import iter_export_rows
from quotes.store import migrate
from quotes.store.database import Database
from quotes.store.models import QuoteTopic, Topic
from quotes.store.stats import collect_stats
from tests.factories import seed


def tagged_and_suggested(database: Database) -> int:
    """One verified quote: tagged "Talks" by a curator, "Sanctions" and "Arms" suggested,
    "Weather" dismissed. Returns its id."""
    data = seed(database)
    qid = data.quotes[0]
    svc = CurationService(database, "alice")
    svc.tag(qid, "Talks")
    with database.sessions.begin() as s:
        for name, origin in (("Sanctions", "suggested"), ("Arms", "suggested"), ("Weather", "")):
            topic = Topic(name=name)
            s.add(topic)
            s.flush()
            s.add(QuoteTopic(quote_id=qid, topic_id=topic.id, origin=origin or "dismissed"))
    svc.verify(qid)
    return qid


def view_row(database: Database, quote_id: int) -> dict[str, object]:
    with database.engine.connect() as conn:
        row = conn.execute(
            text("SELECT * FROM verified_quotes WHERE quote_id = :q"), {"q": quote_id}
        ).one()
    return dict(row._mapping)


def test_view_export_and_stats_carry_curator_topics_and_suggestions_apart(
    database: Database,
) -> None:
    qid = tagged_and_suggested(database)
    row = view_row(database, qid)
    assert (row["topics"], row["suggested_topics"]) == ("Talks", "Arms;Sanctions")
    [exported] = [r for r in iter_export_rows(database.engine) if r["quote_id"] == qid]
    assert (exported["topics"], exported["suggested_topics"]) == ("Talks", "Arms;Sanctions")
    with database.readers() as s:
        stats = collect_stats(s)
    assert (stats.curator_topics, stats.suggested_topics) == (1, 2)


def test_accepting_a_suggestion_makes_it_a_topic(database: Database) -> None:
    qid = tagged_and_suggested(database)
    svc = CurationService(database, "alice")
    [sanctions] = [t for t in svc.quote_card(qid).topics if t.name == "Sanctions"]
    assert svc.toggle_topic(qid, sanctions.topic_id, expected_origin="suggested") == "curator"
    row = view_row(database, qid)
    assert (row["topics"], row["suggested_topics"]) == ("Sanctions;Talks", "Arms")
    assert svc.toggle_topic(qid, "Sanctions") == "dismissed"  # taken back
    assert view_row(database, qid)["topics"] == "Talks"
    svc.undo()
    assert view_row(database, qid)["topics"] == "Sanctions;Talks"


def test_toggling_what_someone_changed_since_is_refused(database: Database) -> None:
    import pytest

    from quotes.curation import Conflict

    qid = tagged_and_suggested(database)
    alice, bob = CurationService(database, "alice"), CurationService(database, "bob")
    bob.resolve_suggestions(qid, accept=True)
    with pytest.raises(Conflict, match="changed since you loaded it"):
        alice.toggle_topic(qid, "Arms", expected_origin="suggested")  # would take it back
    assert view_row(database, qid)["topics"] == "Arms;Sanctions;Talks"


def test_downgrade_restores_the_0002_view_and_upgrade_brings_it_back(
    database: Database,
) -> None:
    qid = tagged_and_suggested(database)
    engine = database.engine
    migrate.downgrade(engine, "0002")
    assert "claims" not in inspect(engine).get_table_names()
    columns = [c["name"] for c in inspect(engine).get_columns("verified_quotes")]
    assert "suggested_topics" not in columns
    # 0002's meaning (and its SQLite order, which was the links' order, not the names').
    old_topics = str(view_row(database, qid)["topics"])
    assert sorted(old_topics.split(";")) == ["Arms", "Sanctions", "Talks"]
    migrate.upgrade(engine)
    assert "claims" in inspect(engine).get_table_names()
    row = view_row(database, qid)
    assert (row["topics"], row["suggested_topics"]) == ("Talks", "Arms;Sanctions")
