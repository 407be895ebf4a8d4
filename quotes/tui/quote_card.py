"""The quote card: the quote inside its paragraph, who said it, topics and history.

Rendering is a pure function of the `QuoteCard` view, so the article screen, the queue and
the tests all show exactly the same card.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from quotes.curation.views import HistoryEntry, QuoteCard, SpeakerInfo

QUOTE_STYLE = "bold #1d1d1d on #e5c07b"
OTHER_QUOTE_STYLE = "#1d1d1d on #7f8c6f"
MENTION_STYLE = "bold underline #61afef"
CUE_STYLE = "italic #c678dd"
STATUS_STYLE = {"verified": "bold green", "rejected": "bold red", "unverified": "bold yellow"}
STATUS_ICON = {"verified": "✔", "rejected": "✘", "unverified": "○"}
_NOISE = {"version", "updated_at", "created_at", "verified_at"}


def speaker_line(speaker: SpeakerInfo | None) -> Text:
    if speaker is None:
        return Text("unattributed", style="bold red")
    line = Text(speaker.name, style="bold")
    if speaker.verified:
        line.append(" ✔", style="green")
    details = ", ".join(p for p in (speaker.title, speaker.organization) if p)
    if details:
        line.append(f" — {details}", style="dim")
    line.append(f"  [{speaker.kind}]", style="dim")
    return line


def paragraph_text(card: QuoteCard) -> Text:
    """The paragraph with the quote highlighted, and the mention and cue when inside it."""
    text = Text(card.paragraph)
    base = card.paragraph_start
    n = len(card.paragraph)
    if card.mention_start is not None and card.mention_end is not None:
        ms, me = card.mention_start - base, card.mention_end - base
        if 0 <= ms < me <= n:
            text.stylize(MENTION_STYLE, ms, me)
    if card.cue:
        for hit in _find_all(card.paragraph, card.cue):
            if not (card.start - base <= hit < card.end - base):
                text.stylize(CUE_STYLE, hit, hit + len(card.cue))
    qs, qe = max(card.start - base, 0), min(card.end - base, n)
    if qs < qe:
        text.stylize(QUOTE_STYLE, qs, qe)
    return text


def _find_all(haystack: str, needle: str) -> list[int]:
    hits, at = [], haystack.find(needle)
    while at != -1 and needle:
        hits.append(at)
        at = haystack.find(needle, at + 1)
    return hits


def _change(
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    topics: dict[int, str],
    speakers: dict[int, str],
) -> str:
    ref = after or before or {}
    if "topic_id" in ref:  # a tag: name the topic, say what happened to the link
        name = topics.get(ref["topic_id"], f"topic {ref['topic_id']}")
        if before is None or after is None:
            origin = (after or before or {}).get("origin", "")
            return f"{name} ({origin}) {'added' if before is None else 'removed'}"
        return f"{name}: {before.get('origin')} → {after.get('origin')}"
    if before is None:
        return "created"
    if after is None:
        return "deleted"
    keys = [k for k in after if k not in _NOISE and before.get(k) != after.get(k)]
    parts = []
    for k in keys[:3]:
        old, new = before.get(k), after.get(k)
        if k == "speaker_id":
            k = "speaker"
            old = speakers.get(old, old) if old is not None else "unattributed"  # type: ignore[arg-type]
            new = speakers.get(new, new) if new is not None else "unattributed"  # type: ignore[arg-type]
        parts.append(f"{k}: {old!s:.24} → {new!s:.24}")
    return ", ".join(parts)


def history_lines(
    history: tuple[HistoryEntry, ...],
    topics: dict[int, str] | None = None,
    speakers: dict[int, str] | None = None,
    limit: int = 8,
) -> list[Text]:
    lines = []
    for h in history[-limit:]:
        line = Text(f"{h.at:%Y-%m-%d %H:%M} ", style="dim")
        line.append(h.curator, style="bold")
        line.append(f" {h.action}")
        detail = _change(h.before, h.after, topics or {}, speakers or {})
        if detail:
            line.append(f"  {detail}", style="dim")
        if h.undone:
            line.stylize("strike dim")
            line.append(" (undone)", style="italic")
        lines.append(line)
    return lines


def render_card(card: QuoteCard, speakers: dict[int, str] | None = None) -> RenderableType:
    head = Text()
    head.append(f"{STATUS_ICON.get(card.status, '?')} {card.status}", STATUS_STYLE.get(card.status))
    head.append(f"  #{card.id} · {card.type} · confidence {card.confidence:.2f}", style="dim")
    if card.verified_by:
        head.append(f" · by {card.verified_by}", style="dim")

    who = Text("Speaker  ", style="dim") + speaker_line(card.speaker)
    said = Text("Mention  ", style="dim")
    said.append(repr(card.mention) if card.mention else "—", MENTION_STYLE if card.mention else "")
    said.append("   cue ", style="dim")
    said.append(card.cue or "—", CUE_STYLE if card.cue else "")

    source = Text("Article  ", style="dim")
    source.append(card.article_title or card.article_source, style="italic")
    extras = [p for p in (card.outlet, str(card.published) if card.published else None) if p]
    if extras:
        source.append(f" · {' · '.join(extras)}", style="dim")

    topics = Text("Topics   ", style="dim")
    shown = [t for t in card.topics if t.origin != "dismissed"]
    if not shown:
        topics.append("—", style="dim")
    for i, t in enumerate(shown):
        if i:
            topics.append("  ")
        if t.origin == "suggested":
            score = f" {t.score:.2f}" if t.score is not None else ""
            topics.append(f"{t.name}?{score}", style="italic #d19a66")
        else:
            topics.append(f"#{t.name}", style="bold #98c379")
    if any(t.origin == "suggested" for t in shown):
        topics.append("   (a accept · d dismiss)", style="dim")

    parts: list[RenderableType] = [head, Text(), paragraph_text(card), Text(), who, said, source]
    parts.append(topics)
    history = history_lines(card.history, {t.topic_id: t.name for t in card.topics}, speakers)
    parts.append(Text())
    parts.append(Text("History", style="dim"))
    parts.extend(history or [Text("  no changes yet", style="dim")])
    return Group(*parts)


class QuoteCardView(VerticalScroll):
    """The card beside the queue; shows a hint instead when there is nothing to show."""

    DEFAULT_CLASSES = "card"
    can_focus = False
    card: QuoteCard | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="card-body")

    def show(self, card: QuoteCard, speakers: dict[int, str] | None = None) -> None:
        self.card = card
        self.query_one("#card-body", Static).update(render_card(card, speakers))

    def hint(self, message: str) -> None:
        self.card = None
        self.query_one("#card-body", Static).update(Text(message, style="dim italic"))
