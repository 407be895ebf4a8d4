"""Taxonomy import and export through the service layer, so both leave an audit trail."""

from __future__ import annotations

from dataclasses import dataclass

from quotes.curation import CurationService
from quotes.topics.taxonomy import Taxonomy, TopicSpec


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def import_taxonomy(service: CurationService, taxonomy: Taxonomy) -> ImportSummary:
    summary = ImportSummary()
    existing = {name.lower(): (name, desc, rules) for name, desc, rules in service.topic_rules()}
    for spec in taxonomy.topics:
        current = existing.get(spec.name.lower())
        rules = spec.rules or None
        if current is None:
            service.create_topic(spec.name, spec.description, rules)
            summary.created += 1
        elif (current[1], current[2] or None) != (spec.description, rules):
            service.update_topic(current[0], description=spec.description, rules=rules)
            summary.updated += 1
        else:
            summary.unchanged += 1
    return summary


def export_taxonomy(service: CurationService) -> Taxonomy:
    return Taxonomy([TopicSpec.from_rules(n, d, r) for n, d, r in service.topic_rules()])
