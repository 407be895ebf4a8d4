"""A quote's statuses are defined once (the store models); every other list derives from it."""

from __future__ import annotations

from typing import get_args

import pytest
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from quotes.curation import STATUS_FILTERS, CurationService, QueueFilter
from quotes.store.database import Database
from quotes.store.models import QUOTE_STATUSES, Quote, QuoteStatus
from tests.factories import seed


def test_every_status_list_is_the_models_one() -> None:
    from quotes.cli.export import Status
    from quotes.export import STATUSES
    from quotes.tui.queue import STATUS_CYCLE

    assert QUOTE_STATUSES == get_args(QuoteStatus) == ("unverified", "verified", "rejected")
    assert (*QUOTE_STATUSES, "any") == STATUS_FILTERS
    assert STATUS_CYCLE == STATUS_FILTERS
    assert set(STATUSES) == set(STATUS_FILTERS)
    assert {s.value for s in Status} == set(STATUS_FILTERS)  # `quotes export --status`


def test_the_database_takes_exactly_those_statuses(database: Database) -> None:
    """The migration's CHECK constraint agrees with the models' definition."""
    qid = seed(database).quotes[0]
    for status in QUOTE_STATUSES:
        with database.sessions.begin() as s:
            s.execute(update(Quote).where(Quote.id == qid).values(status=status))
    with pytest.raises(IntegrityError), database.sessions.begin() as s:
        s.execute(update(Quote).where(Quote.id == qid).values(status="pending"))


def test_the_queue_filters_by_every_status(database: Database) -> None:
    data = seed(database)
    svc = CurationService(database, "alice")
    svc.verify(data.quotes[0])
    svc.reject(data.quotes[1])
    assert {s: len(svc.queue_page(QueueFilter(status=s)).rows) for s in STATUS_FILTERS} == {
        "unverified": 2,
        "verified": 1,
        "rejected": 1,
        "any": 4,
    }
