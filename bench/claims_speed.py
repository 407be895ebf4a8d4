"""What splitting the queue between curators costs, next to the plain SQL it runs.

    python bench/claims_speed.py DB   # a database from bench/synth.py (e.g. 1,000,000 quotes)

Works on a copy of DB. Times, through the service the workbench calls: claiming the next
slice of 25 quotes while other curators already hold slices, and the first page of the queue
with other curators' claims left out (the condition every queue page now carries). Each next
to the plain SQL statements that do the same work. A benchmark: it never fails on a time.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.timing import best_seconds  # noqa: E402

FREE_SQL = """SELECT q.id FROM quotes q WHERE q.status = 'unverified' AND NOT EXISTS (
SELECT 1 FROM claims c WHERE c.quote_id = q.id AND c.expires_at > :now)
ORDER BY q.confidence, q.id LIMIT 25"""
INSERT_SQL = """INSERT INTO claims (quote_id, curator, claimed_at, expires_at)
VALUES (?, 'sql', ?, ?) ON CONFLICT (quote_id) DO UPDATE SET curator = excluded.curator,
claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
WHERE claims.expires_at <= excluded.claimed_at"""
PAGE_SQL = """SELECT q.id, q.status, q.type, s.name, q.text, a.outlet, a.published,
q.confidence, q.version, q.article_id FROM quotes q JOIN articles a ON a.id = q.article_id
LEFT JOIN speakers s ON s.id = q.speaker_id WHERE q.status = 'unverified' AND NOT EXISTS (
SELECT 1 FROM claims c WHERE c.quote_id = q.id AND c.curator <> 'sql'
AND c.expires_at > :now) ORDER BY q.confidence, q.id LIMIT 101"""


def main(source: Path) -> int:
    from quotes.curation import CurationService, QueueFilter
    from quotes.store.database import open_database
    from quotes.store.models import utcnow

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.db"
        shutil.copy(source, path)
        db = open_database(str(path))  # upgrades to the claims revision if needed
        others = [CurationService(db, f"curator{i}") for i in range(8)]
        for svc in others:  # a team already at work: 8 slices held
            svc.claim_next(QueueFilter())
        me = CurationService(db, "bench")
        claim_ms = 1000 * best_seconds(lambda: me.claim_next(QueueFilter()), 5)
        page_ms = 1000 * best_seconds(lambda: me.queue_page(QueueFilter(), limit=100), 5)
        raw = sqlite3.connect(path)
        raw.execute("PRAGMA synchronous=NORMAL")  # as the product's connections have it
        now = utcnow().isoformat(sep=" ")

        def plain_claim() -> None:
            ids = [r[0] for r in raw.execute(FREE_SQL, {"now": now})]
            raw.executemany(INSERT_SQL, [(i, now, now) for i in ids])
            raw.commit()

        sql_claim_ms = 1000 * best_seconds(plain_claim, 5)
        sql_page_ms = 1000 * best_seconds(lambda: raw.execute(PAGE_SQL, {"now": now}).fetchall(), 5)
        raw.close()
        db.engine.dispose()
    print(f"{'operation':34} {'ours':>9} {'plain SQL':>10}")
    print(f"{'claim the next slice (25 quotes)':34} {claim_ms:8.1f}ms {sql_claim_ms:9.1f}ms")
    print(f"{'queue page, others claims hidden':34} {page_ms:8.1f}ms {sql_page_ms:9.1f}ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
