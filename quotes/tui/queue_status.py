"""The queue's two status lines: the filter in words, and the progress under the table.

The wording is pure functions of what the screen knows (one place, testable alone); the
two widgets only show it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Static

from quotes.curation import QueueFilter
from quotes.curation.views import Progress
from quotes.tui.quote_card import STATUS_STYLE
from quotes.tui.text import literal


def describe_filter(f: QueueFilter, labels: dict[str, str]) -> Text:
    """The filter as the curator set it; names come from `labels` when only an id is known."""
    line = Text()
    line.append(f.status, style=STATUS_STYLE.get(f.status, "bold"))
    parts = []
    if f.speaker_id is not None:
        parts.append(f"speaker {labels.get('speaker', f.speaker_id)}")
    elif f.speaker:
        parts.append(f"speaker {f.speaker}")
    if f.topic:
        parts.append(f"topic {f.topic}")
    if f.outlet:
        parts.append(f"outlet {f.outlet}")
    if f.article_id is not None:
        parts.append(f"article {labels.get('article', f.article_id)}")
    elif f.article_source:
        parts.append(f"article {f.article_source}")
    if f.min_confidence is not None or f.max_confidence is not None:
        high = 1.0 if f.max_confidence is None else f.max_confidence
        parts.append(f"confidence {f.min_confidence or 0.0:g}–{high:g}")
    if f.since is not None or f.until is not None:
        parts.append(f"published {f.since or '…'} – {f.until or '…'}")
    if f.search:
        parts.append(f"search “{f.search}”")
    if f.conflicts:
        parts.append("conflicts only")
    for p in parts:
        line.append(" · ")
        line.append_text(literal(p, style="bold"))
    return line


@dataclass(frozen=True, slots=True)
class QueueState:
    """What the progress line reports besides the counts."""

    loaded: int
    more: bool
    selected: int
    saving: int
    fetching: bool


def progress_line(progress: Progress | None, state: QueueState) -> Text:
    line = Text()
    p = progress
    if p is not None and p.matching is not None:
        # Counting stopped at a cap (a common word): say so rather than read every match.
        line.append(f"{p.matching} matching", style="yellow")
        if p.matching.capped:
            line.append("   (F5 counts them all)", style="dim")
    elif p is not None:
        line.append(f"✔ {p.verified:,} verified", style="green")
        line.append("   ")
        line.append(f"✘ {p.rejected:,} rejected", style="red")
        line.append("   ")
        line.append(f"○ {p.unverified:,} remaining", style="yellow")
        line.append(f"   of {p.total:,}", style="dim")
    shown = f"   ·   {state.loaded:,} loaded"
    if state.more:
        shown += "+"
    line.append(shown, style="dim")
    if state.selected:
        line.append(f"   ·   {state.selected} selected", style="bold magenta")
    if state.saving:
        line.append(f"   ·   saving {state.saving}…", style="italic")
    if state.fetching:
        line.append("   ·   loading…", style="italic")
    return line


def empty_hint(f: QueueFilter, progress: Progress | None) -> str:
    """An empty database and an empty filter need different advice."""
    if f == QueueFilter() and progress is not None and not progress.total:
        return (
            "No quotes in this database yet.\n\n"
            "Extract some first:  quotes extract seeds --db <this database>"
        )
    return "No quotes match this filter.\n\nf cycles the status, c clears every filter."


def moved_between_counts(progress: Progress | None, old: str, new: str) -> Progress | None:
    """One quote moved between the progress counts now; the real count follows later."""
    p = progress
    if p is None or old == new or p.matching is not None:
        return p
    counts = {"verified": p.verified, "rejected": p.rejected, "unverified": p.unverified}
    if counts.get(old, 0) > 0 and new in counts:
        counts[old] -= 1
        counts[new] += 1
        return Progress(
            verified=counts["verified"],
            rejected=counts["rejected"],
            unverified=counts["unverified"],
        )
    return p


class FilterSummary(Static):
    """The line above the table: the filter in words."""

    def show(self, f: QueueFilter, labels: dict[str, str]) -> None:
        self.update(describe_filter(f, labels))


class QueueProgress(Static):
    """The line under the table: counts, what is loaded, selected and being saved."""

    def show(self, progress: Progress | None, state: QueueState) -> None:
        self.update(progress_line(progress, state))
