"""A quote's confidence as a calibrated probability that its span and speaker are both right.

A fixed number per resolution kind ordered quotes roughly but said nothing a team could act on
("0.68" was not a 68% chance of anything). Here a logistic regression over the extractor's own
`features` (one-hot categories, standardised numbers, a few crossed categories) gives that
probability. Logistic regression rather than boosted trees: it fits in numpy (already there
through spaCy), its parameters are a small JSON file anyone can read and diff, each feature's
contribution to one quote is a single weight (which is what the workbench shows as "what drives
a low one"), the model in use can be the prior of a refit on a team's decisions, and with a
few hundred parameters over ~10,000 examples its in-sample probabilities are close to
calibrated out of sample, so no separate isotonic step is needed (bench/calibration.py
measures it on the held-out split). Gradient-boosted trees (depth 3, 200 rounds, written in
numpy for the comparison) over the same features ranked PolNeAR dev no better (AUC 0.816
against 0.821): what limits the ranking is what the features know, not the model's shape.

The shipped parameters (``data/calibration.json``) are fitted on PolNeAR train by
``bench/fit_calibration.py`` (``make calibrate``). The same `fit` refits them on a team's
curator decisions (`quotes calibrate`): the current model is the prior, so a few hundred decisions
move the weights only as far as the evidence carries them.

This module imports nothing of `quotes` outside the extract package (a contract test checks it).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

from .config import DEFAULT_CONFIG, ExtractorConfig

FORMAT = "quotes.calibration/1"
Features = Mapping[str, float | str]
Matrix = npt.NDArray[np.float64]

# Feature pairs whose combination matters more than each alone ("a pronoun in reported speech").
CROSSES: tuple[tuple[str, str], ...] = (
    ("type", "resolution"),
    ("resolution", "mention_kind"),
    ("type", "cue_class"),
    ("type", "length"),
    # words left out of the name mean little after a full name, much after "officials"
    ("phrase_beyond_name", "mention_kind"),
)
# How a feature reads in an explanation; numbers are shown raw (undoing the log).
LABELS: Mapping[str, str] = {
    "resolution": "speaker found by",
    "type": "quote type",
    "rule": "rule",
    "cue_lemma": "cue",
    "cue_class": "cue class",
    "mark": "quotation marks",
    "mention_kind": "speaker written as a",
    "mention_side": "mention",
    "speaker_kind": "speaker kind",
    "entity_label": "entity label",
    "words": "words",
    "speaker_words": "words in the speaker's name",
    "has_title": "speaker has a title",
    "mention_sentences": "sentences between mention and quote",
    "antecedent_sentences": "resolved this many sentences back",
    "cue_gap": "distance to the cue",
    "article_position": "position in the article",
    "paragraph_index": "paragraph",
    "opens_paragraph": "opens its paragraph",
    "ends_paragraph": "ends its paragraph",
    "paragraph_words": "words in the paragraph",
    "closed": "closing mark found",
    "paragraphs": "paragraphs spanned",
    "standalone": "a sentence of its own",
    "quotations": "quotations inside",
    "teasers": "teaser lines in the article",
    "mention_words": "words in the mention",
    "mention_title": "mention has a title",
    "mention_organization": "mention names an organization",
    "appositive": "mention followed by an apposition",
    "entity_mentions": "mentions of the speaker in the article",
    "length": "length in words",
    "speaker_proper": "speaker is a proper name",
    "cue_distance": "characters to the cue",
    "mention_form": "speaker written as",
    "cue_dep": "cue verb's role in the sentence",
    "cue_mood": "cue verb form",
    "mention_dep": "speaker mention's role in the sentence",
    "others_in_paragraph": "other people named nearby",
    "other_people": "other people named nearby",
    "organizations_near": "organizations named nearby",
    "people_inside": "people named inside the quote",
    "cues_outside": "other cue verbs nearby",
    "cues_inside": "cue verbs inside the quote",
    "first_person": "first person (I, we) inside",
    "starts_lower": "starts in lower case",
    "ends_sentence": "ends its sentence",
    "quote_sentences": "sentences inside the quote",
    "sentence_share": "tenths of its sentence covered",
    "that_before": 'follows "that"',
    "speaker_in_quote": "speaker's name inside the quote",
    "paragraph_quotes": "quotations in the paragraph",
    "previous_paragraph_quote": "previous paragraph has a quotation",
    "after_mention": "the speaker's name goes on with",
    "according_nearby": '"according to" in the sentence too',
    "next_to_quotation": "another quotation right next to it",
    "cue_reported": "the cue is itself reported by another",
    "speaker_coordinated": "the speaker is one of several named together",
    "phrase_beyond_name": "words of the speaker's phrase left out of the name",
    "speaker_quoted_before": "speaker quoted earlier in the article",
    "introduced": "the article first named the speaker with",
    "clause_tail": 'where a trailing clause (", which ...") opens inside the quote',
    "runs_on": "what follows the words",
}
_BINARY = frozenset(
    {"has_title", "opens_paragraph", "ends_paragraph", "closed", "standalone"}
    | {"mention_title", "mention_organization", "appositive", "speaker_proper"}
    | {"first_person", "starts_lower", "ends_sentence", "that_before", "speaker_in_quote"}
    | {"previous_paragraph_quote", "according_nearby"}
    | {"cue_reported", "speaker_coordinated", "speaker_quoted_before"}
)
_LOGGED = frozenset(
    {"words", "cue_gap", "paragraph_index", "paragraph_words", "mention_words", "entity_mentions"}
    | {"other_people", "organizations_near", "people_inside", "paragraph_quotes"}
)


def _sigmoid(z: Matrix) -> Matrix:
    out: Matrix = 1.0 / (1.0 + np.exp(-np.clip(z, -35.0, 35.0)))
    return out


def _crossed(features: Features) -> dict[str, str]:
    """The categorical values of one quote, crosses included; numbers are left out."""
    cats = {k: v for k, v in features.items() if isinstance(v, str)}
    for a, b in CROSSES:
        if a in cats and b in cats:
            cats[f"{a}*{b}"] = f"{cats[a]}*{cats[b]}"
    return cats


def _number(value: float | str | None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    v = float(value)
    return v if math.isfinite(v) else 0.0


@dataclass(frozen=True)
class Model:
    """Fitted parameters: which categories have a weight, how numbers are scaled, the weights."""

    version: str
    categories: Mapping[str, tuple[str, ...]]  # feature -> levels with their own weight
    scales: Mapping[str, tuple[float, float]]  # numeric feature -> (mean, std)
    weights: Mapping[str, float]  # "bias", "feature=level", "feature" (numeric)
    meta: Mapping[str, Any] = field(default_factory=dict)  # where and how it was fitted

    # -- encoding -----------------------------------------------------------------------
    def columns(self) -> list[str]:
        """Weight names in matrix column order (bias first)."""
        cols = ["bias"]
        for name, levels in self.categories.items():
            # a level literally called "other" shares the catch-all column
            cols += [f"{name}={lv}" for lv in levels if lv != "other"] + [f"{name}=other"]
        cols += list(self.scales)
        return cols

    @cached_property
    def _columns(self) -> list[str]:
        # computed once per model: scoring runs for every extracted quote
        return self.columns()

    @cached_property
    def _index(self) -> dict[str, int]:
        return {c: i for i, c in enumerate(self._columns)}

    def encode(self, rows: Sequence[Features]) -> Matrix:
        """The design matrix of ``rows``; an unseen category falls into ``=other``, a missing
        number counts as the training mean (a stored quote from an older extractor)."""
        x = np.zeros((len(rows), len(self._index)))
        x[:, 0] = 1.0
        for r, feats in enumerate(rows):
            cats = _crossed(feats)
            row = x[r]
            for name, columns, other in self._category_columns:
                row[columns.get(cats.get(name, ""), other)] = 1.0
            for name, mean, std, i in self._scale_columns:
                raw = feats.get(name)
                v = _number(raw) if raw is not None else mean
                row[i] = (v - mean) / std
        return x

    @cached_property
    def _category_columns(self) -> list[tuple[str, dict[str, int], int]]:
        """Per category: each level's own column, and the catch-all `=other` column (where
        unseen values and a level literally called "other" go). Encoding runs for every
        extracted quote: no key strings built per row."""
        index = self._index
        return [
            (
                name,
                {lv: index[f"{name}={lv}"] for lv in levels if lv != "other"},
                index[f"{name}=other"],
            )
            for name, levels in self.categories.items()
        ]

    @cached_property
    def _scale_columns(self) -> list[tuple[str, float, float, int]]:
        return [(name, m, sd, self._index[name]) for name, (m, sd) in self.scales.items()]

    def vector(self) -> Matrix:
        return self._vector.copy()

    @cached_property
    def _vector(self) -> Matrix:
        return np.array([self.weights.get(c, 0.0) for c in self._columns])

    # -- scoring ------------------------------------------------------------------------
    def probabilities(self, rows: Sequence[Features]) -> Matrix:
        if not rows:
            return np.zeros(0)
        return _sigmoid(self.encode(rows) @ self._vector)

    def probability(self, features: Features) -> float:
        """The probability that a quote with these features is right, to 3 decimals."""
        return round(float(self.probabilities([features])[0]), 3)

    def drivers(self, features: Features, n: int = 3) -> list[str]:
        """The features pulling this quote's probability down the most, in words, strongest
        first ("speaker found by: pronoun", "resolved this many sentences back: 2")."""
        return self._drivers(self.encode([features])[0], features, n)

    def explain(self, features: Features, n: int = 3) -> tuple[float, list[str]]:
        """`probability` and `drivers` from one encoding: the extractor gives every quote
        both, and encoding is most of the cost of either."""
        x = self.encode([features])
        p = round(float(_sigmoid(x @ self._vector)[0]), 3)  # as `probability` computes it
        return p, self._drivers(x[0], features, n)

    def _drivers(self, x: Matrix, features: Features, n: int) -> list[str]:
        contrib = x * self._vector
        cols = self._columns
        out: list[tuple[float, str]] = []
        # Storing computes this for every extracted quote: only the few columns that pull
        # down are looked at, not all ~300.
        for i in np.flatnonzero(contrib < -0.05).tolist():
            if i == 0:
                continue
            c = cols[i]
            name, _, level = c.partition("=")
            if "*" in name:
                continue  # a cross restates its two parts, which are listed on their own
            if level:
                if level == "other":
                    continue
                out.append((contrib[i], f"{LABELS.get(name, name)}: {level}"))
            else:
                raw = _number(features.get(name))
                if name in _BINARY:
                    shown = "yes" if raw else "no"
                else:
                    shown = f"{round(math.expm1(raw) if name in _LOGGED else raw, 2):g}"
                out.append((contrib[i], f"{LABELS.get(name, name)}: {shown}"))
        return [text for _, text in sorted(out)[:n]]

    # -- files --------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": self.version,
            "meta": dict(self.meta),
            "categories": {k: list(v) for k, v in self.categories.items()},
            "scales": {k: [m, s] for k, (m, s) in self.scales.items()},
            "weights": {k: round(v, 6) for k, v in self.weights.items()},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Model:
        """Parameters from their JSON form; raises ValueError on anything else (a parameter
        file is input like any other: a wrong one must not turn into odd probabilities)."""
        try:
            if data.get("format") != FORMAT:
                raise ValueError(f"not a {FORMAT} parameter file")
            categories = {
                str(k): tuple(str(x) for x in v) for k, v in dict(data["categories"]).items()
            }
            scales: dict[str, tuple[float, float]] = {}
            for k, v in dict(data["scales"]).items():
                mean, std = float(v[0]), float(v[1])
                if not (math.isfinite(mean) and math.isfinite(std) and std > 0):
                    raise ValueError(f"bad scale for {k}")
                scales[str(k)] = (mean, std)
            weights = {str(k): float(v) for k, v in dict(data["weights"]).items()}
            if not all(math.isfinite(w) for w in weights.values()):
                raise ValueError("a weight is not a finite number")
            return cls(
                str(data["version"]), categories, scales, weights, dict(data.get("meta", {}))
            )
        except (KeyError, TypeError, IndexError, AttributeError) as err:
            raise ValueError(f"malformed calibration parameters: {err}") from err

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=1, sort_keys=True) + "\n"

    @classmethod
    def loads(cls, text: str) -> Model:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise ValueError(f"calibration parameters are not JSON: {err}") from err
        if not isinstance(data, dict):
            raise ValueError("calibration parameters must be a JSON object")
        return cls.from_json(data)


@lru_cache(maxsize=1)
def shipped_model() -> Model:
    """The parameters shipped in the package (fitted on PolNeAR train)."""
    text = resources.files(__package__).joinpath("data", "calibration.json").read_text("utf-8")
    return Model.loads(text)


def confidence(
    config: ExtractorConfig, features: Features, resolution: str, qtype: str
) -> tuple[float, tuple[str, ...]]:
    """A quote's confidence and what pulls it down: the calibrated model, unless the
    pipeline set its own fixed ``confidence`` table or ``reported_speech_factor`` (then that,
    as before: the caller's experiment, e.g. a deliberately simple ordering, with no
    drivers: the table has no reasons to give)."""
    default = (
        config.confidence == DEFAULT_CONFIG.confidence
        and config.reported_speech_factor == DEFAULT_CONFIG.reported_speech_factor
    )
    if default:
        p, drivers = shipped_model().explain(features)
        return p, tuple(drivers)
    conf = config.confidence_of(resolution)
    if qtype != "direct":
        conf *= config.reported_speech_factor
    return round(conf, 3), ()


# -- fitting ----------------------------------------------------------------------------
def _vocabulary(rows: Sequence[Features], min_count: int) -> dict[str, tuple[str, ...]]:
    counts: dict[str, Counter[str]] = {}
    for feats in rows:
        for k, v in _crossed(feats).items():
            counts.setdefault(k, Counter())[v] += 1
    return {
        k: tuple(sorted(v for v, n in c.items() if n >= min_count))
        for k, c in sorted(counts.items())
    }


def _scales(rows: Sequence[Features]) -> dict[str, tuple[float, float]]:
    names = sorted({k for f in rows for k, v in f.items() if not isinstance(v, str)})
    out: dict[str, tuple[float, float]] = {}
    for name in names:
        values = np.array([_number(f.get(name)) for f in rows])
        std = float(values.std())
        out[name] = (round(float(values.mean()), 6), round(std if std > 1e-9 else 1.0, 6))
    return out


def fit(
    rows: Sequence[Features],
    labels: Sequence[bool],
    *,
    version: str,
    prior: Model | None = None,
    l2: float = 1.0,
    min_count: int = 20,
    meta: Mapping[str, Any] | None = None,
) -> Model:
    """Maximum a posteriori logistic regression by Newton's method.

    Without ``prior`` the vocabulary and scales come from ``rows`` and the weights shrink
    toward 0; with one, its vocabulary and scales are kept and the weights shrink toward its
    weights, so refitting on a few hundred curator decisions adjusts the model rather than
    replacing it with whatever those decisions alone suggest.
    """
    if len(rows) != len(labels) or not rows:
        raise ValueError("fit needs one label per row and at least one row")
    if prior is None:
        base = Model(version, _vocabulary(rows, min_count), _scales(rows), {})
        center = np.zeros(len(base.columns()))
    else:
        base = Model(version, prior.categories, prior.scales, {})
        center = prior.vector()
    x = base.encode(rows)
    y = np.array([1.0 if b else 0.0 for b in labels])
    penalty = np.full(x.shape[1], float(l2))
    penalty[0] = 1e-6 if prior is None else float(l2)  # the bias is free when fitting afresh

    def objective(w: Matrix) -> float:
        z = x @ w
        nll = float(np.sum(np.logaddexp(0.0, z) - y * z))
        return nll + 0.5 * float(np.sum(penalty * (w - center) ** 2))

    w = center.copy()
    current = objective(w)
    for _ in range(100):
        p = _sigmoid(x @ w)
        grad = x.T @ (p - y) + penalty * (w - center)
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        # Newton overshoots where the data are nearly separable: halve the step until the
        # objective goes down (it always can: the step is a descent direction).
        t = 1.0
        while t > 1e-6 and objective(w - t * step) > current:
            t /= 2
        w = w - t * step
        previous, current = current, objective(w)
        if previous - current < 1e-9 * max(1.0, abs(current)):
            break
    weights = {c: float(v) for c, v in zip(base.columns(), w, strict=True)}
    info = {"examples": len(rows), "positives": int(y.sum()), "l2": l2, **dict(meta or {})}
    return Model(version, base.categories, base.scales, weights, info)


# -- measuring --------------------------------------------------------------------------
def expected_calibration_error(
    probs: Iterable[float], labels: Iterable[bool], bins: int = 10
) -> float:
    """ECE over equal-width bins: the gap between mean confidence and accuracy in each bin,
    weighted by the bin's share of quotes."""
    p = np.array(list(probs), dtype=float)
    y = np.array([1.0 if b else 0.0 for b in labels])
    if not len(p):
        return 0.0
    idx = np.minimum((p * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        mask = idx == b
        if mask.any():
            total += float(mask.sum()) / len(p) * abs(float(p[mask].mean() - y[mask].mean()))
    return total


def log_loss(probs: Iterable[float], labels: Iterable[bool]) -> float:
    """Mean negative log-likelihood: the fit measure a refit must improve to be adopted."""
    p = np.clip(np.array(list(probs), dtype=float), 1e-6, 1 - 1e-6)
    y = np.array([1.0 if b else 0.0 for b in labels])
    if not len(p):
        return 0.0
    return float(-(y * np.log(p) + (1 - y) * np.log(1 - p)).mean())


def reliability(
    probs: Iterable[float], labels: Iterable[bool], bins: int = 10
) -> list[tuple[float, float, int]]:
    """(mean confidence, share right, count) per non-empty bin: the reliability diagram."""
    p = np.array(list(probs), dtype=float)
    y = np.array([1.0 if b else 0.0 for b in labels])
    idx = np.minimum((p * bins).astype(int), bins - 1)
    out = []
    for b in range(bins):
        mask = idx == b
        if mask.any():
            out.append((float(p[mask].mean()), float(y[mask].mean()), int(mask.sum())))
    return out
