"""The app's one error handler tells database failures by their class, not their module."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from quotes.curation import Conflict, InvalidEdit
from quotes.store.database import Database
from quotes.tui.app import WorkbenchApp
from tests.tui.conftest import make_app


class Recorder:
    def __init__(self) -> None:
        self.toasts: list[tuple[str, str, str]] = []

    def __call__(self, message: str, *, title: str = "", severity: str = "", **_: Any) -> None:
        self.toasts.append((title, severity, message))


@pytest.fixture
def app(database: Database) -> tuple[WorkbenchApp, Recorder]:
    workbench = make_app(database)
    recorder = Recorder()
    workbench.notify = recorder  # type: ignore[method-assign]
    return workbench, recorder


@pytest.mark.parametrize(
    ("error", "title", "severity", "says"),
    [
        (
            OperationalError("UPDATE quotes", {}, sqlite3.OperationalError("database is full")),
            "Database error",
            "error",
            "OperationalError: database is full",
        ),
        (
            IntegrityError("INSERT", {}, sqlite3.IntegrityError("CHECK constraint failed")),
            "Database error",
            "error",
            "IntegrityError: CHECK constraint failed",
        ),
        (Conflict("quote 3 changed"), "Changed by someone else", "warning", "quote 3 changed"),
        (InvalidEdit("a topic needs a name"), "Not done", "warning", "a topic needs a name"),
        (RuntimeError("boom"), "Error", "error", "RuntimeError: boom"),
    ],
)
def test_each_failure_is_told_in_its_own_words(
    app: tuple[WorkbenchApp, Recorder], error: Exception, title: str, severity: str, says: str
) -> None:
    workbench, recorder = app
    workbench.report_error(error)
    [(got_title, got_severity, message)] = recorder.toasts
    assert (got_title, got_severity) == (title, severity)
    assert says in message
