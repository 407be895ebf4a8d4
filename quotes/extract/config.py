"""The component's options: every threshold and word list a pipeline may change.

`nlp.add_pipe("quotes", config={...})` arrives here through the factory. The defaults are the
values the rules were tuned with, so a pipeline that sets nothing extracts exactly what
`EXTRACTOR_VERSION` promises; anything else is the caller's experiment. Values are checked
once, here, so a bad config fails at `add_pipe` with the option's name rather than as odd
output later.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .cues import DEFAULT_LEXICON, Lexicon

# Confidence of a quote by how its speaker was found (see `types.Resolution`); "subject" is a
# speaker taken from the subject of the quotation's own sentence, with no cue at all.
DEFAULT_CONFIDENCE: Mapping[str, float] = MappingProxyType(
    {
        "explicit": 0.92,
        "name": 0.88,
        "role": 0.72,
        "pronoun": 0.68,
        "carried": 0.6,
        "subject": 0.5,
        "none": 0.2,
    }
)


@dataclass(frozen=True, slots=True)
class ExtractorConfig:
    """One extractor's settings; `DEFAULT_CONFIG` is today's behaviour."""

    lexicon: Lexicon = DEFAULT_LEXICON
    # A reported clause shorter than this (in words) is not reported speech ("he said so").
    min_indirect_words: int = 3
    # A clause with fewer words than this outside quotation marks is the quotation itself
    # (direct), not a mixed quote.
    mixed_min_outside_words: int = 3
    # Quoted words inside a sentence shorter than this are scare quotes, even next to a cue.
    min_embedded_words: int = 3
    confidence: Mapping[str, float] = field(default_factory=lambda: DEFAULT_CONFIDENCE)
    # Reported speech is less certain than words in quotation marks: its confidence is scaled.
    reported_speech_factor: float = 0.95
    # False: only what stands in quotation marks (direct and mixed quotes) is returned.
    extract_indirect: bool = True
    # False: a report inside another quote's words ("X said that Y claimed Z": Y's "Z") is
    # left to that quote, which already carries it with who claims Y said it; True returns it
    # as a quote of its own too.
    nested_reports: bool = False
    _confidence: dict[str, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("min_indirect_words", "mixed_min_outside_words", "min_embedded_words"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name}: expected a whole number of words >= 1, got {value!r}")
        unknown = set(self.confidence) - set(DEFAULT_CONFIDENCE)
        missing = set(DEFAULT_CONFIDENCE) - set(self.confidence)
        if unknown or missing:
            raise ValueError(
                f"confidence: expected exactly the keys {sorted(DEFAULT_CONFIDENCE)}; "
                f"unknown {sorted(unknown)}, missing {sorted(missing)}"
            )
        for key, value in self.confidence.items():
            _check_unit(f"confidence[{key!r}]", value, allow_zero=True)
        _check_unit("reported_speech_factor", self.reported_speech_factor, allow_zero=False)
        for name in ("extract_indirect", "nested_reports"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name}: expected true or false, got {getattr(self, name)!r}")
        object.__setattr__(self, "_confidence", {k: float(v) for k, v in self.confidence.items()})

    def confidence_of(self, resolution: str) -> float:
        """Confidence for a speaker found this way; an unknown way counts as none found."""
        return self._confidence.get(resolution, self._confidence["none"])


def _check_unit(name: str, value: object, *, allow_zero: bool) -> None:
    ok = (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and (value >= 0.0 if allow_zero else value > 0.0)
        and value <= 1.0
    )
    if not ok:
        bound = "[0, 1]" if allow_zero else "(0, 1]"
        raise ValueError(f"{name}: expected a number in {bound}, got {value!r}")


DEFAULT_CONFIG = ExtractorConfig()
