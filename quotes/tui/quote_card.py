"""The quote card: the quote inside its paragraph, who said it, topics and history.

Rendering is a pure function of the `QuoteCard` view, so the article screen, the queue and
the tests all show exactly the same card. Every string in a card comes from an article or a
curator, so each goes through `quotes.tui.text` (literal, escaped), never through markup.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from quotes.curation import topic_keys
from quotes.curation.views import HistoryEntry, QuoteCard, SpeakerInfo
from quotes.tui.text import cell, highlighted, literal, literal_block

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
    line = literal(speaker.name, style="bold")
    if speaker.verified:
        line.append(" ✔", style="green")
    details = ", ".join(p for p in (speaker.title, speaker.organization) if p)
    if details:
        line.append_text(literal(f" — {details}", style="dim"))
    line.append_text(literal(f"  [{speaker.kind}]", style="dim"))
    return line


def paragraph_text(card: QuoteCard) -> Text:
    """The paragraph with the quote highlighted, and the mention and cue when inside it.

    Offsets index the stored paragraph; `highlighted` maps them onto the escaped text.
    """
    base = card.paragraph_start
    n = len(card.paragraph)
    spans: list[tuple[int, int, str]] = []
    if card.mention_start is not None and card.mention_end is not None:
        ms, me = card.mention_start - base, card.mention_end - base
        if 0 <= ms < me <= n:
            spans.append((ms, me, MENTION_STYLE))
    if card.cue:
        for hit in _find_all(card.paragraph, card.cue):
            if not (card.start - base <= hit < card.end - base):
                spans.append((hit, hit + len(card.cue), CUE_STYLE))
    spans.append((max(card.start - base, 0), min(card.end - base, n), QUOTE_STYLE))
    return highlighted(card.paragraph, spans, lines=True)


def _find_all(haystack: str, needle: str) -> list[int]:
    hits, at = [], haystack.find(needle)
    while at != -1 and needle:
        hits.append(at)
        at = haystack.find(needle, at + 1)
    return hits


def _value(key: str, side: dict[str, Any], name: str | None) -> str:
    if key == "speaker_id":
        return name or "unattributed"
    value = side.get(key)
    return "—" if value is None else str(value)


def _change(entry: HistoryEntry, speakers: dict[int, str]) -> list[str]:
    """What changed, in full: a span edit shows both texts whole (the card wraps them), a
    tag names its topic even when the link is gone. One line per changed field."""
    before, after = entry.before, entry.after
    if entry.topic is not None:  # a tag: name the topic, say what happened to the link
        if before is None or after is None:
            origin = (after or before or {}).get("origin", "")
            return [f"{entry.topic} ({origin}) {'added' if before is None else 'removed'}"]
        return [f"{entry.topic}: {before.get('origin')} → {after.get('origin')}"]
    if before is None:
        return ["created"]
    if after is None:
        return ["deleted"]
    lines = []
    for key in (k for k in after if k not in _NOISE and before.get(k) != after.get(k)):
        old_name = entry.speaker_before or speakers.get(before.get(key) or -1)
        new_name = entry.speaker_after or speakers.get(after.get(key) or -1)
        old = _value(key, before, old_name)
        new = _value(key, after, new_name)
        label = "speaker" if key == "speaker_id" else key
        lines.append(f"{label}: {old}")
        lines.append(f"{' ' * len(label)}→ {new}")
    return lines


def history_lines(
    history: tuple[HistoryEntry, ...],
    speakers: dict[int, str] | None = None,
    limit: int = 8,
) -> list[Text]:
    lines = []
    for h in history[-limit:]:
        line = Text(f"{h.at:%Y-%m-%d %H:%M} ", style="dim")
        line.append_text(literal(h.curator, style="bold"))
        line.append_text(literal(f" {h.action}"))
        for detail in _change(h, speakers or {}):
            line.append("\n    ")
            line.append_text(literal(detail, style="dim"))
        if h.undone:
            line.stylize("strike dim")
            line.append(" (undone)", style="italic")
        lines.append(line)
    return lines


def topics_line(card: QuoteCard) -> Text:
    """The quote's topics, the first nine numbered for their keys (`topic_keys`): curator
    tags green, suggestions (not topics yet) italic with their score, dismissed ones struck
    through so a pressed key never makes a number disappear."""
    line = Text("Topics   ", style="dim")
    keyed = topic_keys.numbered(card.topics)
    rest = [t for t in card.topics if t not in keyed and t.origin != "dismissed"]
    if not keyed:
        line.append("—", style="dim")
    for i, t in enumerate([*keyed, *rest]):
        if i:
            line.append("  ")
        if i < len(keyed):
            line.append(f"{i + 1}", style="bold reverse")
            line.append(" ")
        if t.origin == "suggested":
            score = f" {t.score:.2f}" if t.score is not None else ""
            line.append_text(literal(f"{t.name}?{score}", style="italic #d19a66"))
        elif t.origin == "dismissed":
            line.append_text(literal(t.name, style="dim strike"))
        else:
            line.append_text(literal(f"#{t.name}", style="bold #98c379"))
    if keyed:
        hint = "1-9 toggle"
        if any(t.origin == "suggested" for t in card.topics):
            hint += " · a accept all · d dismiss all"
        line.append(f"   ({hint})", style="dim")
    return line


CONFLICT_STYLE = "bold #ffffff on #be5046"
# Copies listed on the card; a wire line carried by dozens of papers says how many more.
COPIES_SHOWN = 8


def copies_lines(card: QuoteCard) -> list[Text]:
    """Where else the quote ran, first seen first, and who each copy says said it.

    Nothing for a quote with no other copy. Outlets, sources and names come from articles:
    each is escaped and clipped (`cell`), never read as markup.
    """
    st = card.statement
    if st is None or len(st.copies) < 2:
        return []
    head = Text("Copies   ", style="dim")
    head.append(f"{len(st.copies)} copies in {st.articles} articles", style="bold")
    if st.outlets:
        head.append_text(literal(f" · {', '.join(st.outlets)}", style="dim"))
    head.append(f"  (statement #{st.id} · g applies to all)", style="dim")
    lines = [head]
    if st.conflict:
        flag = Text("         ")
        flag.append(" CONFLICT ", style=CONFLICT_STYLE)
        flag.append(" copies name different speakers: ", style="bold #e06c75")
        flag.append_text(literal(" / ".join(st.speakers), style="bold #e06c75"))
        lines.append(flag)
    ordered = st.chronological
    for copy in ordered[:COPIES_SHOWN]:
        line = Text("  ")
        line.append(f"{copy.published or 'undated'!s:<10}  ", style="dim")
        line.append_text(cell(copy.outlet or copy.source, 18))
        line.pad_right(34 - line.cell_len)
        who = cell(copy.speaker or "unattributed", 24, style="" if copy.speaker else "red")
        line.append_text(who)
        line.pad_right(60 - line.cell_len)
        line.append(STATUS_ICON.get(copy.status, "?"), style=STATUS_STYLE.get(copy.status))
        if copy.verified_by:
            line.append_text(literal(f" {copy.verified_by}", style="dim"))
        line.append("  ")
        line.append_text(cell(copy.source.rstrip("/").rsplit("/", 1)[-1], 28, style="dim"))
        if copy.quote_id == card.id:
            line.append("  ◀ this quote", style="bold")
        elif copy.article_id == card.article_id:
            line.append("  (same article)", style="dim")
        lines.append(line)
    if len(ordered) > COPIES_SHOWN:
        more = len(ordered) - COPIES_SHOWN
        lines.append(Text(f"  … {more} more (quotes statements show {st.id})", style="dim"))
    return lines


# Below this the card says what drives the probability down (a calibrated 0.8: 1 in 5 wrong).
LOW_CONFIDENCE = 0.8


def render_card(card: QuoteCard, speakers: dict[int, str] | None = None) -> RenderableType:
    head = Text()
    head.append(f"{STATUS_ICON.get(card.status, '?')} {card.status}", STATUS_STYLE.get(card.status))
    head.append(f"  #{card.id} · {card.type} · confidence {card.confidence:.2f}", style="dim")
    if card.confidence < LOW_CONFIDENCE and card.confidence_drivers:
        head.append_text(literal(f"  low: {'; '.join(card.confidence_drivers)}", style="yellow"))
    if card.verified_by:
        head.append_text(literal(f" · by {card.verified_by}", style="dim"))

    who = Text("Speaker  ", style="dim") + speaker_line(card.speaker)
    said = Text("Mention  ", style="dim")
    said.append_text(literal(repr(card.mention), MENTION_STYLE) if card.mention else Text("—"))
    said.append("   cue ", style="dim")
    said.append_text(literal(card.cue, CUE_STYLE) if card.cue else Text("—"))

    source = Text("Article  ", style="dim")
    source.append_text(literal(card.article_title or card.article_source, style="italic"))
    extras = [p for p in (card.outlet, str(card.published) if card.published else None) if p]
    if extras:
        source.append_text(literal(f" · {' · '.join(extras)}", style="dim"))
    if card.article_title and card.article_source.startswith(("http://", "https://")):
        source.append("\n         ")  # a fetched article's URL under its title
        source.append_text(literal(card.article_source, style="dim underline"))

    topics = topics_line(card)
    parts: list[RenderableType] = [head, Text(), paragraph_text(card), Text(), who, said]
    if card.mention_sentence:  # the speaker was named outside the paragraph shown
        named = Text("Named in ", style="dim")
        named.append_text(literal(card.mention_sentence, style="italic"))
        parts.append(named)
    parts.append(source)
    parts.append(topics)
    parts.extend(copies_lines(card))
    history = history_lines(card.history, speakers)
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
        self.query_one("#card-body", Static).update(literal_block(message, style="dim italic"))
