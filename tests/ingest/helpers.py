"""Building extractor output by hand, so storage is tested without the NLP."""

from __future__ import annotations

from quotes.extract.types import ExtractedQuote, QuoteType, Speaker


def quote(
    text: str,
    content: str,
    speaker: Speaker | None = None,
    *,
    type: QuoteType = "direct",
    confidence: float = 0.8,
    occurrence: int = 0,
) -> ExtractedQuote:
    """An ExtractedQuote for `content` as it occurs in `text` (offsets computed, not typed)."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(content, start + 1)
    return ExtractedQuote(
        start=start,
        end=start + len(content),
        text=content,
        type=type,
        confidence=confidence,
        speaker=speaker,
        cue="said",
        mention=speaker.name if speaker else None,
    )


STOLTENBERG = Speaker(
    name="Jens Stoltenberg",
    title="NATO Secretary General",
    organization="NATO",
    aliases=("Stoltenberg",),
)
LAVROV = Speaker(name="Sergey Lavrov", title="foreign minister", aliases=("Lavrov",))

ARTICLE_1 = (
    "NATO chief Jens Stoltenberg said the alliance was ready to talk.\n"
    '"We stand ready," Stoltenberg said. "Dialogue is not a sign of weakness."\n'
    "Russian Foreign Minister Sergey Lavrov said Moscow wanted guarantees.\n"
)
ARTICLE_2 = '"The ball is now on Russia\'s side," Stoltenberg told reporters in Brussels.\n'
