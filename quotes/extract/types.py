"""The extractor's output: plain values with no spaCy or database types in them.

These are what `doc._.quotes` holds and what the ingest step turns into rows, so they
must stay picklable (spaCy's multiprocessing sends docs between processes) and free of
references to the `Doc` they came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

QuoteType = Literal["direct", "indirect", "mixed"]
SpeakerKind = Literal["person", "organization", "other"]
# How the speaker was found, from most to least certain. Drives the confidence.
Resolution = Literal["explicit", "name", "role", "pronoun", "carried", "none"]


@dataclass(frozen=True, slots=True)
class Speaker:
    """One speaker as the article presents it, merged over all its mentions in the article."""

    name: str  # longest full name in the article: "Jens Stoltenberg", "North Atlantic Council"
    kind: SpeakerKind = "person"
    title: str | None = None  # "spokesman of Vladimir Putin", "foreign minister"
    organization: str | None = None  # "NATO", "Kremlin"
    aliases: tuple[str, ...] = ()  # other surface forms seen in the article ("Stoltenberg")
    gender: Literal["m", "f"] | None = None


@dataclass(frozen=True, slots=True)
class ExtractedQuote:
    """One quoted or reported statement; offsets index into the text the doc was made from."""

    start: int  # content only, without the outer quotation marks
    end: int
    text: str  # == doc.text[start:end]
    type: QuoteType
    confidence: float  # 0..1: the calibrated probability that span and speaker are both right
    speaker: Speaker | None = None
    cue: str | None = None  # "said", "according to", "was quoted as saying"
    cue_start: int | None = None
    cue_end: int | None = None
    mention: str | None = None  # the speaker as written at this quote: "he", "the foreign minister"
    mention_start: int | None = None
    mention_end: int | None = None
    resolution: Resolution = "none"
    notes: tuple[str, ...] = field(default=())  # which rules fired, for debugging and tests
    # What the rules knew when they kept this quote (see `features.describe`): the inputs of
    # its confidence, stored so a refit can score it again and the workbench can explain it.
    features: Mapping[str, float | str] = field(default_factory=dict, hash=False)
    # What pulls `confidence` down most, in words, from the same model and encoding as the
    # probability (empty when the confidence is not the model's, or for quotes made elsewhere).
    drivers: tuple[str, ...] = ()
