"""Ingesting articles: read files, extract quotes, store them with linked speakers.

The public entry points; the CLI (`quotes extract`) and the demo are thin wrappers over them.
"""

from __future__ import annotations

from quotes.ingest.pipeline import (
    BATCH_SIZE,
    ingest_paths,
    ingest_texts,
    load_nlp,
    parse_stream,
    reextract_articles,
    store_extracted,
)
from quotes.ingest.readers import DEFAULT_MAX_BYTES, expand_paths, read_source
from quotes.ingest.types import ArticleInput, IngestSummary, InputProblem, content_hash

__all__ = [
    "BATCH_SIZE",
    "DEFAULT_MAX_BYTES",
    "ArticleInput",
    "IngestSummary",
    "InputProblem",
    "content_hash",
    "expand_paths",
    "ingest_paths",
    "ingest_texts",
    "load_nlp",
    "parse_stream",
    "read_source",
    "reextract_articles",
    "store_extracted",
]
