"""The taxonomy file: topics with their match rules, in TOML so curators can edit it by hand.

[[topic]]
name = "Arms control and transparency"
description = "Treaties, inspections, risk reduction"
keywords = ["treaty", "inspection", "transparency"]      # matched by lemma
phrases = ["arms control", "risk reduction"]             # multi-word, by lemma
entities = ["INF Treaty", "Vienna Document"]             # names, case-insensitive
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RULE_KEYS = ("keywords", "phrases", "entities")


class TaxonomyError(ValueError):
    pass


@dataclass(frozen=True)
class TopicSpec:
    name: str
    description: str | None = None
    keywords: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()

    @property
    def rules(self) -> dict[str, list[str]]:
        return {k: list(getattr(self, k)) for k in RULE_KEYS if getattr(self, k)}

    @classmethod
    def from_rules(
        cls, name: str, description: str | None, rules: dict[str, Any] | None
    ) -> TopicSpec:
        rules = rules or {}
        return cls(
            name=name, description=description, **{k: tuple(rules.get(k) or ()) for k in RULE_KEYS}
        )


@dataclass
class Taxonomy:
    topics: list[TopicSpec] = field(default_factory=list)


def _strings(path: Path, name: str, key: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TaxonomyError(f"{path}: topic {name!r}: {key} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def load_taxonomy(path: Path) -> Taxonomy:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise TaxonomyError(f"{path}: cannot read: {exc.strerror}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TaxonomyError(f"{path}: not valid TOML: {exc}") from exc
    entries = data.get("topic")
    if not isinstance(entries, list):
        raise TaxonomyError(f"{path}: expected [[topic]] tables")
    topics: list[TopicSpec] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries, 1):
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise TaxonomyError(f"{path}: topic #{i} has no name")
        name = name.strip()
        if name.lower() in seen:
            raise TaxonomyError(f"{path}: topic {name!r} appears twice")
        seen.add(name.lower())
        unknown = set(entry) - {"name", "description", *RULE_KEYS}
        if unknown:
            raise TaxonomyError(f"{path}: topic {name!r}: unknown keys {sorted(unknown)}")
        description = entry.get("description")
        topics.append(
            TopicSpec(
                name=name,
                description=description.strip() if isinstance(description, str) else None,
                **{k: _strings(path, name, k, entry.get(k)) for k in RULE_KEYS},
            )
        )
    return Taxonomy(topics)


def _toml_str(value: str) -> str:
    # JSON string escapes are a subset of TOML basic-string escapes.
    return json.dumps(value, ensure_ascii=False)


def dump_taxonomy(taxonomy: Taxonomy) -> str:
    lines = ["# quotes topic taxonomy: `quotes topics import FILE` reads it back.", ""]
    for spec in taxonomy.topics:
        lines.append("[[topic]]")
        lines.append(f"name = {_toml_str(spec.name)}")
        if spec.description:
            lines.append(f"description = {_toml_str(spec.description)}")
        for key in RULE_KEYS:
            values = getattr(spec, key)
            if values:
                lines.append(f"{key} = [{', '.join(_toml_str(v) for v in values)}]")
        lines.append("")
    return "\n".join(lines)
