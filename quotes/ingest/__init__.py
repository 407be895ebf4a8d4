"""Ingesting articles: read files, extract quotes, store them with linked speakers.

The public entry points; the CLI (`quotes extract`) and the demo are thin wrappers over them.
Names are resolved on first use: importing `quotes.ingest.types` (as `quotes --help` does)
must not pay for importing spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "BATCH_SIZE": "pipeline",
    "ingest_paths": "pipeline",
    "ingest_texts": "pipeline",
    "load_nlp": "pipeline",
    "parse_stream": "pipeline",
    "reextract_articles": "pipeline",
    "store_extracted": "pipeline",
    "DEFAULT_MAX_BYTES": "readers",
    "expand_paths": "readers",
    "read_source": "readers",
    "ArticleInput": "types",
    "IngestSummary": "types",
    "InputProblem": "types",
    "content_hash": "types",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'quotes.ingest' has no attribute {name!r}")
    return getattr(import_module(f"quotes.ingest.{module}"), name)
