"""What a screen may ask of the review queue when it hands the curator back to it.

The article and speakers screens talk to the queue through this protocol rather than by
importing it, so the screen modules never import one another (no import circle).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class QuoteBrowser(Protocol):
    def open_quote(self, article_id: int, quote_id: int, title: str | None) -> None:
        """Review one article's quotes, the cursor on `quote_id`."""

    def show_speaker(self, speaker_id: int, name: str) -> None:
        """Review every quote of one speaker."""
