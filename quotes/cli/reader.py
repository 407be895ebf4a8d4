"""`quotes db reader ROLE`: the PostgreSQL role to give `quotes sql` (which refuses superusers)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from quotes.cli.common import DbOption, err, fail, safe_text


def reader(
    role: Annotated[str, typer.Argument(help="Name of the role, e.g. quotes_reader.")],
    password: Annotated[
        str | None,
        typer.Option(
            "--password",
            help="Let the role log in with this password; '-' reads it from stdin (keeps it "
            "out of the process list and shell history).",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Create a PostgreSQL role that can only SELECT from the documented tables and views.

    Run it as a role that may create roles and owns the tables; then give the team
    postgresql+psycopg://ROLE:PASSWORD@host/db for `quotes sql`. Running it again re-applies
    the grants (and sets the password, if given).
    """
    from quotes.store.engine import resolve_url  # SQLAlchemy: only when run (start-up)
    from quotes.store.readonly import ReadOnlyQueryError, create_reader_role

    if password == "-":
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            fail("no password on stdin")
    try:
        made = create_reader_role(resolve_url(db), role, password)
    except ReadOnlyQueryError as exc:
        fail(str(exc))
    verb = "created" if made.created else "updated"
    err.print(
        f"[green]{verb}:[/] role {safe_text(made.name)} may read {len(made.granted)} tables "
        f"and views in {safe_text(made.database)}.{safe_text(made.schema)}: "
        f"{safe_text(', '.join(made.granted))}"
    )
