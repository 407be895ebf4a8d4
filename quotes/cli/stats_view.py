"""How `quotes stats` prints its counts: one function for the command and its fast path,
so the two cannot print differently."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from quotes.cli.console import out, safe_text

if TYPE_CHECKING:
    from quotes.store.stats import LabelledStats


def print_stats(found: LabelledStats, *, as_json: bool) -> None:
    s = found.stats
    if as_json:
        out.print_json(json.dumps(s.__dict__))
        return
    from rich.table import Table

    table = Table(
        title=f"quotes in {safe_text(found.label)}", show_header=False, title_justify="left"
    )
    table.add_column("what", style="bold")
    table.add_column("count", justify="right")
    table.add_row("articles", str(s.articles))
    table.add_row("quotes", str(s.quotes))
    for status, n in s.quotes_by_status.items():
        table.add_row(f"  {status}", str(n))
    for qtype, n in sorted(s.quotes_by_type.items()):
        table.add_row(f"  {qtype}", str(n))
    table.add_row("speakers", f"{s.speakers} ({s.verified_speakers} verified)")
    table.add_row("topics", str(s.topics))
    table.add_row("  tagged by curators", str(s.curator_topics))
    table.add_row("  suggestions pending", str(s.suggested_topics))
    table.add_row("curator edits", str(s.edits))
    table.add_row("statements with copies", str(s.shared_statements))
    table.add_row("  conflicting attributions", str(s.statement_conflicts))
    out.print(table)
