"""Writing SQL into generated Python modules (`stats_sqlite.py`, `first_page_sqlite.py`).

Small commands read SQLite through the stdlib driver with SQL compiled ahead of time from
the one SQLAlchemy definition; the compiled text is kept as source, cut to fit a line.
"""

from __future__ import annotations


def sql_chunks(sql: str, width: int) -> list[str]:
    """`sql` cut after spaces and newlines into pieces that fit a source line; joined
    back together they are `sql` exactly."""
    chunks: list[str] = []
    for line in sql.splitlines(keepends=True):
        current = ""
        for word in line.split(" "):
            if current and len(current) + len(word) > width:
                chunks.append(current)
                current = ""
            current += word + " "
        chunks.append(current[:-1])
    return chunks
