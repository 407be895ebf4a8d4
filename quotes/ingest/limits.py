"""The sizes that bound an extraction run's memory and lock time.

Kept apart from the pipeline so the CLI can show them as defaults without importing spaCy.
"""

from __future__ import annotations

# Articles per write transaction: a batch's rows go in with a statement per table and one
# commit, so fewer, larger transactions store faster, most of all into a big database (its
# index pages are written once per commit); 64 articles hold the write lock about 0.1-0.2 s.
BATCH_SIZE = 64
# Articles per nlp.pipe batch, at most: spaCy's peak memory grows with the batch (about 0.5 GB
# at 32 news articles), so a larger write batch is parsed in groups of this many.
PARSE_BATCH_SIZE = 16
# Input files larger than this are refused (`--max-bytes`).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# spaCy needs about 3.3 MB per 1,000 characters parsed at once (a 1,000,000-character
# article took 3.2 GB and a minute). Longer articles are refused with a line saying how to
# raise the limit, and one parse batch holds at most MAX_BATCH_CHARS characters (a longer
# article is a batch of its own), so a run's memory is bounded whatever the input.
DEFAULT_MAX_CHARS = 100_000
MAX_CHARS_ENV = "QUOTES_MAX_CHARS"
MAX_BATCH_CHARS = 200_000
