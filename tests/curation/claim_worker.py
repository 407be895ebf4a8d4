"""A curator in its own process, for the two-process claims test.

`python -m tests.curation.claim_worker DB CURATOR SIZE`: says "ready", waits for "go" on
stdin (so both processes start claiming together, with no sleeping), then claims slices and
verifies every quote it got until nothing is left, and prints the ids it verified as JSON.
"""

from __future__ import annotations

import json
import sys

from quotes.curation import CurationService, QueueFilter
from quotes.store.database import open_database


def main(db: str, curator: str, size: int) -> None:
    service = CurationService(open_database(db), curator)
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        raise SystemExit("expected go")
    done: list[int] = []
    while True:
        got = service.claim_next(QueueFilter(), size=size)
        if not got.quote_ids:
            break
        for quote_id in got.quote_ids:
            service.verify(quote_id)
            done.append(quote_id)
    service.release_claims()
    print(json.dumps(done), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
