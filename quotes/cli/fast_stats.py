"""`quotes stats` on a SQLite file, answered before Typer loads (issue 19: start-up).

With its counts kept by triggers, `quotes stats` reads a few rows; what a user waited for
was the interpreter importing Typer, rich's help machinery and every command's module
(about 80 ms of CPU, against the sqlite3 shell's 2 ms start-up). So the console script asks
this module first. It answers only the plain forms: `stats`, with `--json` and `--db PATH`
(or `--db=PATH`), each at most once, on a SQLite file at the code's schema. Anything else
(help, a misspelt or repeated option, a URL, a schema to upgrade, an unreadable file)
returns False and the Typer command runs as always, parses the arguments in its own words
and reports errors its own way. The printing is the command's own (`stats_view`).
"""

from __future__ import annotations

from collections.abc import Sequence


def stats_arguments(argv: Sequence[str]) -> tuple[str | None, bool] | None:
    """(db, as_json) for the plain forms of `quotes stats`; None for anything else."""
    if not argv or argv[0] != "stats":
        return None
    db: str | None = None
    seen_db = as_json = False
    rest = list(argv[1:])
    while rest:
        arg = rest.pop(0)
        if arg == "--json" and not as_json:
            as_json = True
        elif arg == "--db" and not seen_db and rest and rest[0][:1] not in ("", "-"):
            db, seen_db = rest.pop(0), True
        elif arg.startswith("--db=") and not seen_db and len(arg) > len("--db="):
            db, seen_db = arg[len("--db=") :], True
        else:
            return None
    return db, as_json


def answer_stats(argv: Sequence[str]) -> bool:
    """Print `quotes stats` for `argv` and return True, or False to let Typer run it."""
    parsed = stats_arguments(argv)
    if parsed is None:
        return False
    db, as_json = parsed
    from quotes.store.stats import read_sqlite_stats

    found = read_sqlite_stats(db)
    if found is None:
        return False
    from quotes.cli.stats_view import print_stats

    print_stats(found, as_json=as_json)
    return True
