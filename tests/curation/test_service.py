"""The service layer on real migrated SQLite files: each action, its audit row, undo/redo."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from quotes.curation import (
    Conflict,
    CurationService,
    InvalidEdit,
    NothingToUndo,
    QueueFilter,
)
from quotes.store.database import Database
from quotes.store.models import Edit, Quote, QuoteTopic, Speaker
from tests.factories import seed


@pytest.fixture
def svc(database: Database) -> CurationService:
    return CurationService(database, "alice")


def edits(database: Database) -> list[Edit]:
    with database.sessions() as s:
        return list(s.scalars(select(Edit).order_by(Edit.id)))


def test_verify_writes_status_and_edit_row(database: Database, svc: CurationService) -> None:
    data = seed(database)
    row = svc.verify(data.quotes[0], expected_version=1)
    assert row.status == "verified"
    card = svc.quote_card(data.quotes[0])
    assert card.verified_by == "alice" and card.verified_at is not None
    [edit] = edits(database)
    assert (edit.entity, edit.entity_id, edit.action, edit.curator) == (
        "quote",
        data.quotes[0],
        "verified",
        "alice",
    )
    assert edit.before["status"] == "unverified" and edit.after["status"] == "verified"
    assert [h.action for h in card.history] == ["verified"]


def test_stale_version_is_refused_and_nothing_overwritten(database: Database) -> None:
    data = seed(database)
    alice, bob = CurationService(database, "alice"), CurationService(database, "bob")
    seen = alice.queue_rows([data.quotes[1]])[0]
    bob.reject(data.quotes[1], expected_version=seen.version)
    with pytest.raises(Conflict, match="rejected by bob"):
        alice.verify(data.quotes[1], expected_version=seen.version)
    assert alice.quote_card(data.quotes[1]).status == "rejected"
    assert len(edits(database)) == 1


def test_queue_order_filters_and_keyset_paging(database: Database, svc: CurationService) -> None:
    data = seed(database)
    page = svc.queue_page(QueueFilter(), limit=2)
    assert [r.confidence for r in page.rows] == [0.5, 0.7]
    rest = svc.queue_page(QueueFilter(), after=page.next_key, limit=2)
    assert [r.confidence for r in rest.rows] == [0.8, 0.9] and rest.next_key is None
    svc.verify(data.quotes[2])
    assert 0.5 not in [r.confidence for r in svc.queue_page(QueueFilter()).rows]
    assert [r.id for r in svc.queue_page(QueueFilter(status="verified")).rows] == [data.quotes[2]]
    assert len(svc.queue_page(QueueFilter(speaker="sergey lavrov")).rows) == 1
    assert len(svc.queue_page(QueueFilter(search="weak")).rows) == 0  # verified now
    assert len(svc.queue_page(QueueFilter(status="any", search="weak")).rows) == 1
    assert len(svc.queue_page(QueueFilter(status="any", search='"stand) (')).rows) == 1
    by_article = svc.queue_page(QueueFilter(status="any", sort="article"), limit=3)
    more = svc.queue_page(QueueFilter(status="any", sort="article"), after=by_article.next_key)
    assert [r.id for r in by_article.rows + more.rows] == data.quotes
    p = svc.progress(QueueFilter())
    assert (p.verified, p.rejected, p.unverified) == (1, 0, 3)


def test_reassign_to_new_speaker_and_undo(database: Database, svc: CurationService) -> None:
    data = seed(database)
    new = svc.create_speaker("Mircea Geoana", title="deputy secretary-general", organization="NATO")
    svc.reassign(data.quotes[3], new.id)
    assert svc.quote_card(data.quotes[3]).speaker.name == "Mircea Geoana"
    result = svc.undo()
    assert result.action == "reassign"
    assert svc.quote_card(data.quotes[3]).speaker.name == "Sergey Lavrov"
    svc.redo()
    assert svc.quote_card(data.quotes[3]).speaker.name == "Mircea Geoana"


def test_undo_survives_restart_and_is_per_curator(database: Database, db_url: str) -> None:
    data = seed(database)
    CurationService(database, "alice").verify(data.quotes[0])
    CurationService(database, "bob").reject(data.quotes[1])
    from quotes.store.database import open_database

    again = CurationService(open_database(db_url), "alice")
    again.undo()
    assert again.quote_card(data.quotes[0]).status == "unverified"
    assert again.quote_card(data.quotes[1]).status == "rejected"
    with pytest.raises(NothingToUndo):
        again.undo()


def test_undo_refuses_when_row_changed_since(database: Database) -> None:
    data = seed(database)
    alice, bob = CurationService(database, "alice"), CurationService(database, "bob")
    alice.verify(data.quotes[0])
    bob.reject(data.quotes[0])
    with pytest.raises(NothingToUndo, match="changed since by bob"):
        alice.undo()
    assert alice.quote_card(data.quotes[0]).status == "rejected"


def test_new_action_clears_redo(database: Database, svc: CurationService) -> None:
    data = seed(database)
    svc.verify(data.quotes[0])
    svc.undo()
    svc.reject(data.quotes[1])
    with pytest.raises(NothingToUndo):
        svc.redo()


def test_bulk_verify_is_one_undo_step(database: Database, svc: CurationService) -> None:
    data = seed(database)
    assert svc.bulk_decide(data.quotes, "verified") == 4
    assert svc.progress(QueueFilter()).verified == 4
    svc.undo()
    assert svc.progress(QueueFilter()).unverified == 4


def test_merge_speakers_moves_quotes_aliases_and_undoes(
    database: Database, svc: CurationService
) -> None:
    data = seed(database)
    dup = svc.create_speaker("J. Stoltenberg")
    svc.reassign(data.quotes[0], dup.id)
    merged = svc.merge_speakers(dup.id, data.stoltenberg)
    assert merged.quote_count == 3
    assert "J. Stoltenberg" in merged.aliases
    with database.sessions() as s:
        assert s.get(Speaker, dup.id).merged_into_id == data.stoltenberg
    assert svc.find_speaker("J. Stoltenberg").id == data.stoltenberg
    assert svc.find_speaker(str(dup.id)).id == data.stoltenberg
    assert [sp.name for sp in svc.speakers()] == ["Jens Stoltenberg", "Sergey Lavrov"]
    svc.undo()
    with database.sessions() as s:
        assert s.get(Speaker, dup.id).merged_into_id is None
        assert s.get(Quote, data.quotes[0]).speaker_id == dup.id
    assert "J. Stoltenberg" in svc.speaker(dup.id).aliases


def test_tags_suggestions_and_topic_merge(database: Database, svc: CurationService) -> None:
    data = seed(database)
    svc.tag(data.quotes[0], "NATO-Russia dialogue")
    svc.tag([data.quotes[1], data.quotes[2]], "dialogue")
    with database.sessions.begin() as s:
        s.add(QuoteTopic(quote_id=data.quotes[3], topic_id=1, origin="suggested", score=0.6))
    svc.dismiss_suggestion(data.quotes[3], "NATO-Russia dialogue")
    assert [t.origin for t in svc.quote_card(data.quotes[3]).topics] == ["dismissed"]
    info = svc.merge_topics("dialogue", "NATO-Russia dialogue")
    assert info.name == "NATO-Russia dialogue"
    assert [t.name for t in svc.topics()] == ["NATO-Russia dialogue"]
    assert svc.topics()[0].quote_count == 3
    svc.untag(data.quotes[0], "NATO-Russia dialogue")
    svc.undo()
    assert [t.name for t in svc.quote_card(data.quotes[0]).topics] == ["NATO-Russia dialogue"]
    svc.rename_topic("NATO-Russia dialogue", "Dialogue")
    with pytest.raises(InvalidEdit):
        svc.create_topic("dialogue")


def test_edit_span_split_and_merge_quotes(database: Database, svc: CurationService) -> None:
    data = seed(database)
    card = svc.quote_card(data.quotes[2])
    shorter = svc.edit_span(card.id, card.start, card.end - len(" of weakness."))
    assert shorter.text == "Dialogue is not a sign"
    with pytest.raises(InvalidEdit):
        svc.edit_span(card.id, -1, 5)
    new_id = svc.split_quote(card.id, card.start + len("Dialogue is"))
    assert svc.quote_card(card.id).text == "Dialogue is"
    assert svc.quote_card(new_id).text == "not a sign"
    svc.merge_quotes(card.id, new_id)
    assert svc.quote_card(card.id).text == "Dialogue is not a sign"
    svc.undo()
    assert svc.quote_card(new_id).text == "not a sign"


def test_speaker_search_is_fuzzy(database: Database, svc: CurationService) -> None:
    seed(database)
    assert svc.search_speakers("stolt")[0].name == "Jens Stoltenberg"
    assert svc.search_speakers("slav")[0].name == "Sergey Lavrov"
    assert svc.search_speakers("zzz") == []


def test_suggestions_resolve_in_one_step_and_show_in_history(
    database: Database, svc: CurationService
) -> None:
    data = seed(database)
    svc.create_topic("A")
    svc.create_topic("B")
    with database.sessions.begin() as s:
        for topic_id in (1, 2):
            s.add(QuoteTopic(quote_id=data.quotes[0], topic_id=topic_id, origin="suggested"))
    assert svc.resolve_suggestions(data.quotes[0], accept=True) == 2
    card = svc.quote_card(data.quotes[0])
    assert {t.origin for t in card.topics} == {"curator"}
    assert [h.action for h in card.history] == ["accept_suggestions", "accept_suggestions"]
    svc.undo()
    assert {t.origin for t in svc.quote_card(data.quotes[0]).topics} == {"suggested"}
    assert svc.resolve_suggestions(data.quotes[0], accept=False) == 2
    assert {t.origin for t in svc.quote_card(data.quotes[0]).topics} == {"dismissed"}
