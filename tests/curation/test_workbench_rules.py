"""Rules the workbench used to hold itself, now the service's: merge with the next quote of
the same speaker, and export what the queue shows. Real migrated databases, no mocks."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import func, select

from quotes.curation import Conflict, CurationService, InvalidEdit, QueueFilter
from quotes.store.database import Database
from quotes.store.models import Edit, Quote
from tests.factories import seed


@pytest.fixture
def svc(database: Database) -> CurationService:
    return CurationService(database, "alice")


def edit_count(database: Database) -> int:
    with database.sessions() as s:
        return s.scalar(select(func.count()).select_from(Edit)) or 0


def quote_ids(database: Database) -> list[int]:
    with database.sessions() as s:
        return list(s.scalars(select(Quote.id).order_by(Quote.id)))


# -- merge with the next quote of the same speaker ---------------------------------------------


def test_next_of_same_speaker_follows_reading_order(
    database: Database, svc: CurationService
) -> None:
    q = seed(database).quotes  # Stoltenberg, Stoltenberg, Stoltenberg, Lavrov, in text order
    assert [svc.next_of_same_speaker(i) for i in q] == [q[1], q[2], None, None]


def test_next_of_same_speaker_skips_other_speakers(
    database: Database, svc: CurationService
) -> None:
    data = seed(database)
    q = data.quotes
    svc.reassign(q[1], data.lavrov)
    assert svc.next_of_same_speaker(q[0]) == q[2]
    assert svc.next_of_same_speaker(q[1]) == q[3]


def test_unattributed_quotes_merge_only_with_unattributed(
    database: Database, svc: CurationService
) -> None:
    q = seed(database).quotes
    svc.reassign(q[0], None)
    assert svc.next_of_same_speaker(q[0]) is None
    svc.reassign(q[2], None)
    assert svc.next_of_same_speaker(q[0]) == q[2]


def test_merge_with_next_joins_the_span_and_undoes_in_one_step(
    database: Database, svc: CurationService
) -> None:
    q = seed(database).quotes
    first, second = svc.quote_card(q[1]), svc.quote_card(q[2])
    assert svc.merge_with_next(q[1]) == q[2]
    merged = svc.quote_card(q[1])
    assert (merged.start, merged.end) == (first.start, second.end)
    assert merged.text.startswith("We stand ready,") and merged.text.endswith("weakness.")
    assert q[2] not in quote_ids(database)
    svc.undo()
    assert quote_ids(database) == q
    assert svc.quote_card(q[1]).text == "We stand ready,"
    assert svc.quote_card(q[2]).text == "Dialogue is not a sign of weakness."


def test_merge_with_next_refuses_without_a_partner_and_changes_nothing(
    database: Database, svc: CurationService
) -> None:
    q = seed(database).quotes
    with pytest.raises(InvalidEdit, match="no later quote of the same speaker"):
        svc.merge_with_next(q[3])
    assert quote_ids(database) == q and edit_count(database) == 0


def test_merge_with_next_checks_the_version_the_curator_saw(
    database: Database, svc: CurationService
) -> None:
    q = seed(database).quotes
    seen = svc.queue_rows([q[1]])[0].version
    CurationService(database, "bob").set_type(q[1], "mixed")
    with pytest.raises(Conflict):
        svc.merge_with_next(q[1], expected_version=seen)
    assert quote_ids(database) == q


def test_a_quote_is_never_merged_with_itself(database: Database, svc: CurationService) -> None:
    q = seed(database).quotes
    with pytest.raises(InvalidEdit):
        svc.merge_quotes(q[0], q[0])
    assert quote_ids(database) == q


# -- export what the queue shows ----------------------------------------------------------------


def exported_ids(path: Path) -> list[int]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [int(row["quote_id"]) for row in csv.DictReader(fh)]


def test_export_of_the_queue_filter_by_speaker_id(
    database: Database, svc: CurationService, tmp_path: Path
) -> None:
    data = seed(database)
    target = tmp_path / "out" / "stoltenberg.csv"
    f = QueueFilter(status="any", speaker_id=data.stoltenberg)
    done = svc.export_quotes(f, str(target))
    assert done.count == 3 and Path(done.path) == target.resolve()
    assert exported_ids(target) == data.quotes[:3]


def test_export_of_a_selection_ignores_the_status_filter(
    database: Database, svc: CurationService, tmp_path: Path
) -> None:
    q = seed(database).quotes
    svc.verify(q[3])
    target = tmp_path / "selected.csv"
    # The queue shows unverified quotes, but a selected row is exported whatever its status.
    done = svc.export_quotes(QueueFilter(status="unverified"), target, [q[3], q[0]])
    assert done.count == 2 and exported_ids(target) == [q[0], q[3]]


def test_export_of_the_status_filter(
    database: Database, svc: CurationService, tmp_path: Path
) -> None:
    q = seed(database).quotes
    svc.reject(q[1])
    target = tmp_path / "rejected.csv"
    assert svc.export_quotes(QueueFilter(status="rejected"), target).count == 1
    assert exported_ids(target) == [q[1]]
