"""The rows of someone's query, fetched in bounded batches and cut to bounded sizes.

Shared by both `quotes sql` backends: they hand over a `fetch(n)` function and this type
enforces the limits while the caller consumes rows, so what bounds memory and time is the
same whatever the database, and it includes the time the caller spends printing:

- at most `rows` rows are fetched (plus one peek to know whether there were more);
- a cell over `cell_bytes` is cut (strings at a character boundary, marked with "…");
- once the rows handed out hold `result_bytes`, the result stops;
- past the deadline the next row raises QueryTimeout, even if the database has finished
  and the caller is the slow one.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from quotes.store.query_errors import QueryTimeout, ReadOnlyQueryError

DEFAULT_TIMEOUT = 10.0
DEFAULT_LIMIT = 1000
# `--limit` has a ceiling rather than an "unlimited" value: a result is always bounded.
MAX_LIMIT = 1_000_000
# A cell bigger than this is cut. JSON and CSV are for programs, so the default is generous;
# a table is for a person at a terminal, and rendering a huge cell takes rich seconds.
DEFAULT_MAX_CELL_BYTES = 1_000_000
TABLE_MAX_CELL_BYTES = 4_000
# The result stops once it holds this much. On SQLite it is also the largest value (string or
# blob, intermediate ones included) a query may build: one call cannot take gigabytes.
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
# A table is rendered in one go (rich measures every cell first), which the time limit cannot
# interrupt; a smaller result keeps that rendering well under a second.
TABLE_MAX_BYTES = 1024 * 1024
MIN_MAX_BYTES = 1024
ELLIPSIS = "…"
# The clock the time limit is read from; a test replaces it to move time on deterministically.
clock = time.monotonic
# What a number, date or NULL counts for in the result's size: an upper bound of its text.
_SCALAR_BYTES = 32


@dataclass(frozen=True)
class QueryLimits:
    """Everything that bounds one query's time and memory."""

    timeout: float = DEFAULT_TIMEOUT
    rows: int = DEFAULT_LIMIT
    cell_bytes: int = DEFAULT_MAX_CELL_BYTES
    result_bytes: int = DEFAULT_MAX_BYTES

    def __post_init__(self) -> None:
        if not 0 < self.timeout <= 24 * 3600:
            raise ReadOnlyQueryError(f"the time limit must be above 0 s, not {self.timeout:g}")
        if not 1 <= self.rows <= MAX_LIMIT:
            raise ReadOnlyQueryError(
                f"the row limit must be between 1 and {MAX_LIMIT}, not {self.rows}"
            )
        if self.cell_bytes < 1:
            raise ReadOnlyQueryError("the cell size limit must be at least 1 byte")
        if self.result_bytes < MIN_MAX_BYTES:
            raise ReadOnlyQueryError(f"the result size limit must be at least {MIN_MAX_BYTES}")


def _text_bytes(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def cap_cell(value: Any, cap: int) -> tuple[Any, int, bool]:
    """The value cut to `cap` bytes, its size in bytes, and whether it was cut.

    JSON objects and arrays (PostgreSQL json, arrays) become their JSON text when cut."""
    if value is None or isinstance(value, bool | int | float):
        return value, _SCALAR_BYTES, False
    if isinstance(value, bytes | bytearray | memoryview):
        view = memoryview(value)
        if view.nbytes <= cap:
            return bytes(view), view.nbytes, False
        return bytes(view[:cap]), cap, True
    if isinstance(value, dict | list | tuple):
        text = json.dumps(value, ensure_ascii=False, default=str)
        size = _text_bytes(text)
        if size <= cap:
            return value, size, False
        value = text
    if not isinstance(value, str):
        return value, _SCALAR_BYTES, False  # dates, decimals, UUIDs: small by nature
    if len(value) * 4 <= cap:
        return value, _text_bytes(value), False
    data = value.encode("utf-8", "surrogatepass")
    if len(data) <= cap:
        return value, len(data), False
    return data[:cap].decode("utf-8", "ignore") + ELLIPSIS, cap, True


class QueryStream:
    """Iterate once for the rows; afterwards the counters say what was cut and why."""

    def __init__(
        self,
        columns: list[str],
        fetch: Callable[[int], Sequence[Sequence[Any]]],
        limits: QueryLimits,
        *,
        started: float,
        batch: int,
    ) -> None:
        self.columns = columns
        self.limits = limits
        self.started = started
        self.deadline = started + limits.timeout
        self.count = 0
        self.bytes = 0
        self.cells_cut = 0
        self.more_rows = False  # stopped at the row limit with rows left
        self.cut_at_bytes = False  # stopped at the result size limit
        self._fetch = fetch
        self._batch = max(1, batch)
        self._used = False

    @property
    def seconds(self) -> float:
        return clock() - self.started

    def _check_time(self) -> None:
        if clock() > self.deadline:
            raise QueryTimeout(f"timed out after {self.limits.timeout:g}s: query stopped")

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        if self._used:
            raise RuntimeError("a query's rows can be read only once")
        self._used = True
        limits = self.limits
        while self.count < limits.rows:
            self._check_time()
            batch = self._fetch(min(self._batch, limits.rows - self.count))
            if not batch:
                return
            for raw in batch:
                self._check_time()
                row, size = [], 0
                for value in raw:
                    cell, cell_size, cut = cap_cell(value, limits.cell_bytes)
                    row.append(cell)
                    size += cell_size
                    self.cells_cut += cut
                if self.bytes + size > limits.result_bytes:
                    self.cut_at_bytes = True
                    return
                self.bytes += size
                self.count += 1
                yield tuple(row)
        self._check_time()
        self.more_rows = bool(self._fetch(1))
