"""Where the command line writes, and the one filter every diagnostic passes through.

Without Typer, so the fast path of `quotes stats` (`quotes.cli.fast_stats`) prints exactly
as the command does; `quotes.cli.common` re-exports all of it for the commands.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from quotes.store.redact import mask_url
from quotes.text_safety import visible

err = Console(stderr=True, highlight=False)
out = Console(highlight=False)


def safe_text(message: str) -> str:
    """What every diagnostic passes through: passwords masked, markup shown as text, control
    characters made visible. A message's own line breaks are kept, but an indented line (a
    driver's hint under its error) joins the line before it."""
    lines: list[str] = []
    for line in mask_url(message).split("\n"):
        if lines and line[:1].isspace():
            lines[-1] = f"{lines[-1]} {line.strip()}"
        else:
            lines.append(line)
    return "\n".join(escape(visible(line)) for line in lines)
