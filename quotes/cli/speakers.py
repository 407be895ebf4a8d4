"""`quotes speakers …`: what the workbench's Speakers screen does, from the shell.

Every change goes through the service layer, so it writes the same `edits` rows as the
workbench and can be undone there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from quotes.cli.common import CuratorOption, DbOption, curation_errors, out, service
from quotes.cli.output import CsvFlag, JsonFlag, RawFlag, emit, pick_format

if TYPE_CHECKING:  # the views module loads when a command runs (issue 19: start-up)
    from quotes.curation.views import SpeakerInfo

speakers_app = typer.Typer(
    help="List, inspect, verify, alias and merge speakers.", no_args_is_help=True
)

SpeakerArg = Annotated[str, typer.Argument(help="A speaker id, name or alias.")]
COLUMNS = ["id", "name", "kind", "title", "organization", "verified", "quotes", "aliases"]


def _row(s: SpeakerInfo) -> dict[str, object]:
    return {
        "id": s.id,
        "name": s.name,
        "kind": s.kind,
        "title": s.title,
        "organization": s.organization,
        "verified": s.verified,
        "quotes": s.quote_count,
        "aliases": "; ".join(a for a in s.aliases if a != s.name),
    }


def _show(s: SpeakerInfo) -> None:
    emit([_row(s)], COLUMNS, title=f"speaker {s.id}")


@speakers_app.command("list")
def list_speakers(
    query: Annotated[
        str | None, typer.Argument(help="Only names or aliases containing this.")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many, most quoted first.")] = 200,
    include_merged: Annotated[
        bool, typer.Option("--merged", help="Include speakers merged into others.")
    ] = False,
    db: DbOption = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
    raw: RawFlag = False,
) -> None:
    """Speakers with their quote counts, most quoted first."""
    fmt = pick_format(as_json, as_csv)
    with curation_errors():
        rows = service(db).speakers(query, limit=limit, include_merged=include_merged)
    emit((_row(s) for s in rows), COLUMNS, fmt, title="speakers", guard=not raw)


@speakers_app.command("show")
def show(
    speaker: SpeakerArg,
    db: DbOption = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
    raw: RawFlag = False,
) -> None:
    """One speaker: name, title, organization, aliases, quote count and change history."""
    fmt = pick_format(as_json, as_csv)
    with curation_errors():
        svc = service(db)
        info = svc.find_speaker(speaker)
        history = svc.history("speaker", info.id)
    emit([_row(info)], COLUMNS, fmt, title=f"speaker {info.id}", guard=not raw)
    if fmt == "table" and history:
        out.print("history:")
        for h in history:
            out.print(
                f"  {h.at:%Y-%m-%d %H:%M}  {h.curator}  {h.action}"
                + (" (undone)" if h.undone else "")
            )


@speakers_app.command("verify")
def verify(
    speaker: SpeakerArg,
    unverify: Annotated[bool, typer.Option("--unverify", help="Mark as not verified.")] = False,
    db: DbOption = None,
    curator: CuratorOption = None,
) -> None:
    """Mark a speaker's identity as checked by a curator."""
    with curation_errors():
        svc = service(db, curator)
        _show(svc.verify_speaker(svc.find_speaker(speaker).id, not unverify))


@speakers_app.command("alias")
def alias(
    speaker: SpeakerArg,
    aliases: Annotated[list[str], typer.Argument(help="Other spellings of the speaker's name.")],
    db: DbOption = None,
    curator: CuratorOption = None,
) -> None:
    """Add aliases, so future extractions link those spellings to this speaker."""
    with curation_errors():
        svc = service(db, curator)
        target = svc.find_speaker(speaker)
        for name in aliases:
            info = svc.add_alias(target.id, name)
        _show(info)


@speakers_app.command("unalias")
def unalias(
    speaker: SpeakerArg,
    aliases: Annotated[list[str], typer.Argument(help="Spellings to take off the speaker.")],
    db: DbOption = None,
    curator: CuratorOption = None,
) -> None:
    """Remove aliases, so future extractions stop linking those spellings to this speaker
    (undoable, like every curator change)."""
    with curation_errors():
        svc = service(db, curator)
        target = svc.find_speaker(speaker)
        for name in aliases:
            info = svc.remove_alias(target.id, name)
        _show(info)


@speakers_app.command("edit")
def edit(
    speaker: SpeakerArg,
    name: Annotated[str | None, typer.Option(help="New display name.")] = None,
    title: Annotated[str | None, typer.Option(help="Title or role; '' clears it.")] = None,
    organization: Annotated[str | None, typer.Option(help="Organization; '' clears it.")] = None,
    kind: Annotated[str | None, typer.Option(help="person, organization or other.")] = None,
    db: DbOption = None,
    curator: CuratorOption = None,
) -> None:
    """Change a speaker's name, title, organization or kind."""
    with curation_errors():
        svc = service(db, curator)
        target = svc.find_speaker(speaker)
        _show(
            svc.update_speaker(
                target.id, name=name, title=title, organization=organization, kind=kind
            )
        )


@speakers_app.command("merge")
def merge(
    source: Annotated[str, typer.Argument(help="The duplicate (id, name or alias).")],
    target: Annotated[str, typer.Argument(help="The speaker that remains.")],
    db: DbOption = None,
    curator: CuratorOption = None,
) -> None:
    """Merge a duplicate into another speaker: its quotes and aliases move over."""
    with curation_errors():
        svc = service(db, curator)
        src = svc.find_speaker(source)
        dst = svc.find_speaker(target)
        _show(svc.merge_speakers(src.id, dst.id))
