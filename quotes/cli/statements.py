"""`quotes statements …`: one statement, many outlets, from the shell.

Listing shows each statement with where it ran first, the outlets carrying it and the
speakers they give it; the verify-once commands act on every copy through the service
layer (one undoable audit group), and say how many copies they changed and skipped.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quotes.cli.common import (
    CuratorOption,
    DbOption,
    curation_errors,
    database_errors,
    err,
    fail,
    open_db,
    out,
    service,
)
from quotes.cli.output import CsvFlag, JsonFlag, RawFlag, emit, pick_format

# The statement modules load SQLAlchemy: imported by the commands that run (start-up).
if TYPE_CHECKING:
    from quotes.curation.statement_copies import StatementApplied
    from quotes.statements.export import StatementFormat
    from quotes.statements.reads import StatementInfo

statements_app = typer.Typer(
    help="The same quote across articles: list, inspect, verify once, regroup.",
    no_args_is_help=True,
)

StatementArg = Annotated[int, typer.Argument(help="A statement id (see `statements list`).")]
COLUMNS = [
    "statement_id",
    "copies",
    "articles",
    "first_seen",
    "first_outlet",
    "first_source",
    "outlets",
    "speakers",
    "conflict",
    "text",
]
COPY_COLUMNS = ["quote_id", "outlet", "published", "speaker", "status", "how", "score", "text"]


def statement_row(s: StatementInfo) -> dict[str, object]:
    first = s.first
    return {
        "statement_id": s.id,
        "copies": len(s.copies),
        "articles": s.articles,
        "first_seen": first.published,
        "first_outlet": first.outlet,
        "first_source": first.source,
        "outlets": "; ".join(s.outlets),
        "speakers": "; ".join(s.speakers),
        "conflict": s.conflict,
        "text": s.text,
    }


@statements_app.command("list")
def list_statements(
    conflicts: Annotated[
        bool,
        typer.Option("--conflicts", help="Only statements whose copies name different speakers."),
    ] = False,
    single: Annotated[
        bool, typer.Option("--all", help="Also statements with a single copy.")
    ] = False,
    limit: Annotated[int, typer.Option(help="At most this many, oldest first.")] = 200,
    db: DbOption = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
    raw: RawFlag = False,
) -> None:
    """Statements carried by more than one copy, with first source, outlets and speakers."""
    fmt = pick_format(as_json, as_csv)
    with curation_errors():
        svc = service(db)
        rows = svc.statements(
            conflicts_only=conflicts, min_copies=1 if single else 2, limit=max(1, limit)
        )
    emit((statement_row(s) for s in rows), COLUMNS, fmt, title="statements", guard=not raw)
    _warn_ungrouped(db)


@statements_app.command("show")
def show(
    statement: StatementArg,
    quote: Annotated[
        bool, typer.Option("--quote", help="The argument is a quote id: show its statement.")
    ] = False,
    db: DbOption = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
    raw: RawFlag = False,
) -> None:
    """One statement and every copy of it: outlet, date, speaker, status, how it matched."""
    fmt = pick_format(as_json, as_csv)
    with curation_errors():
        svc = service(db)
        info = svc.statement_of(statement) if quote else svc.statement(statement)
    if info is None:
        err.print(f"quote {statement} is in no statement; run `quotes statements rebuild`")
        raise typer.Exit(1)
    if fmt == "table":
        emit([statement_row(info)], COLUMNS, fmt, title=f"statement {info.id}")
    copies = (
        {
            "quote_id": c.quote_id,
            "outlet": c.outlet,
            "published": c.published,
            "speaker": c.speaker,
            "status": c.status,
            "how": c.how,
            "score": round(c.score, 3),
            "text": c.text,
        }
        for c in info.copies
    )
    emit(copies, COPY_COLUMNS, fmt, title="copies", guard=not raw)


def _report(done: StatementApplied) -> None:
    out.print(
        f"statement {done.statement_id}: {done.changed} of {done.copies} copies changed, "
        f"{done.unchanged} already so, {done.skipped_decided} decided by another curator "
        f"and {done.skipped_held} under review by another curator left alone"
    )


@statements_app.command("verify")
def verify(statement: StatementArg, db: DbOption = None, curator: CuratorOption = None) -> None:
    """Verify every copy at once (one undo step); others' decisions are left alone."""
    with curation_errors():
        _report(service(db, curator).apply_to_statement(statement, decision="verified"))


@statements_app.command("reject")
def reject(statement: StatementArg, db: DbOption = None, curator: CuratorOption = None) -> None:
    """Reject every copy at once (one undo step); others' decisions are left alone."""
    with curation_errors():
        _report(service(db, curator).apply_to_statement(statement, decision="rejected"))


@statements_app.command("reassign")
def reassign(
    statement: StatementArg,
    speaker: Annotated[str, typer.Argument(help="The right speaker: id, name or alias.")],
    db: DbOption = None,
    curator: CuratorOption = None,
) -> None:
    """Attribute every copy to one speaker: settles a conflicting attribution."""
    with curation_errors():
        svc = service(db, curator)
        target = svc.find_speaker(speaker)
        _report(svc.apply_to_statement(statement, speaker_id=target.id))


@statements_app.command("tag")
def tag(
    statement: StatementArg,
    topic: Annotated[str, typer.Argument(help="Topic name (created if new).")],
    db: DbOption = None,
    curator: CuratorOption = None,
) -> None:
    """Tag every copy with a topic (a copy where it was dismissed keeps the dismissal)."""
    with curation_errors():
        _report(service(db, curator).apply_to_statement(statement, topic=topic))


@statements_app.command("rebuild")
def rebuild(db: DbOption = None) -> None:
    """Regroup every quote from scratch (after an extractor change, or on a database
    stored before grouping existed).

    One transaction, a chunk of quotes at a time: readers see the old groups until it
    ends. Statement ids change; quotes, decisions, speakers and topics are not touched.
    """
    # Grouping loads rapidfuzz and the extractor's types: only for this command (start-up).
    from quotes.statements.maintenance import rebuild_database

    database = open_db(db)
    with database_errors(database.label):
        summary = rebuild_database(database)
    err.print(
        f"grouped {summary.quotes} quotes into {summary.statements_new} statements "
        f"({summary.joined} copies of an earlier quote)"
    )


def _warn_ungrouped(db: str | None) -> None:
    from quotes.statements.maintenance import ungrouped

    database = open_db(db)
    with database_errors(database.label):
        left = ungrouped(database)
    if left:
        err.print(
            f"note: {left} quotes are in no statement yet (stored before grouping existed, "
            "or restored by an undo); `quotes statements rebuild` groups them"
        )


def export_statements(
    db: str | None, out: Path | None, fmt: StatementFormat, *, guard: bool, bom: bool
) -> None:
    """`quotes export --statements`: to `out` (atomically) or stdout, counted on stderr."""
    from quotes.statements.export import export_statements_to_path, write_statements

    database = open_db(db)
    with database_errors(database.label):
        if out is None:
            count = write_statements(database, sys.stdout, fmt, guard=guard, bom=bom)
        else:
            try:
                count = export_statements_to_path(database, out, fmt, guard=guard, bom=bom)
            except OSError as exc:
                fail(f"cannot write {out}: {exc.strerror or exc}")
    err.print(f"exported {count} statement{'s' * (count != 1)}")
