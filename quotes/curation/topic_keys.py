"""Which topics the number keys 1-9 reach on a quote, and what pressing one does.

As in annotation tools (Prodigy, Label Studio), a number key toggles one of the quote's
topics in a single key press: a suggestion is accepted, a curator's tag is taken back. The
numbering must not move under the curator's fingers, so it depends only on what does not
change when a topic is toggled (the suggestion score and the name), never on the origin;
and taking a tag back dismisses it rather than deleting the link, so the topic keeps its
number (and is not suggested again).
"""

from __future__ import annotations

from collections.abc import Iterable

from quotes.curation.views import TopicTag

KEYS = 9


def numbered(tags: Iterable[TopicTag]) -> tuple[TopicTag, ...]:
    """The quote's top topics in key order (1 first): best suggestion score first, topics a
    curator added by hand (no score) after, then by name."""
    ranked = sorted(tags, key=lambda t: (-(t.score or 0.0), t.name.casefold(), t.topic_id))
    return tuple(ranked[:KEYS])


def toggled(origin: str) -> str:
    """The origin a link gets when its key is pressed: a curator's tag is taken back
    (dismissed), anything else (a suggestion, a dismissed topic) becomes a curator's tag."""
    return "dismissed" if origin == "curator" else "curator"
