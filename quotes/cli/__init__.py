"""The `quotes` command line: thin commands over the store and the service layer.

The commands live in `quotes.cli.typer_app`, imported only when a command needs Typer: this
package's import is what every run of the console script pays first, so it holds only the
entry point, which answers `quotes stats` on a SQLite file before Typer, rich's help and 36
commands' modules load (`quotes.cli.fast_stats`, issue 19: start-up).
"""

from __future__ import annotations

import sys
import traceback
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer

    app: typer.Typer


def __getattr__(name: str) -> Any:
    """`from quotes.cli import app` (tests, embedding) loads the Typer app on first use."""
    if name == "app":
        from quotes.cli.typer_app import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """The console script: the app, with a last guard so nothing escapes unmasked.

    Commands turn the errors they expect into one line (`common.fail`). Anything else is a
    bug: its traceback is still shown for the report, but with passwords masked and control
    characters made visible, since it may quote a `--db` URL or a hostile file name.
    """
    try:
        from quotes.cli.fast_stats import answer_stats

        if answer_stats(sys.argv[1:]):
            return
        from quotes.cli.typer_app import app

        app(prog_name="quotes")
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except Exception as exc:
        from quotes.store.redact import mask_url
        from quotes.text_safety import visible

        trace = traceback.format_exception(exc)
        for line in "".join(trace).splitlines():
            sys.stderr.write(visible(mask_url(line)) + "\n")
        summary = visible(mask_url(f"{exc.__class__.__name__}: {exc}"))
        sys.stderr.write(f"error: internal error (a bug; please report it): {summary}\n")
        sys.exit(70)
