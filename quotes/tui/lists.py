"""Keyboard movement shared by the pickers, whose focus stays in their search box."""

from __future__ import annotations

from textual.widgets import OptionList


def move_highlight(options: OptionList, delta: int) -> None:
    """Move the highlight by `delta`, clamped to the list (from nothing: to the first/last)."""
    if options.option_count:
        current = options.highlighted if options.highlighted is not None else -delta
        options.highlighted = max(0, min(options.option_count - 1, current + delta))
