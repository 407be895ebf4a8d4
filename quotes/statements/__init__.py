"""One statement, many outlets: copies of the same quote across articles, grouped.

`similarity` holds the pure rules (what counts as the same words), `grouping` applies them
against the database index at ingest, `rebuild` to a whole database a chunk at a time (the
same groups, batched lookups), `regroup` to the quotes a curator reshapes, and `reads`
answers what a fact-checker asks of a statement (first seen, outlets, speakers,
conflicting attributions).
"""
