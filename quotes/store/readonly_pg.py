"""`quotes sql` on PostgreSQL: a connection that can only read, for one statement.

The layers, each enough on its own for what it covers:
- the text is one reading statement (`quotes.store.sql_statement`), checked before sending;
- it is sent with the extended protocol, which refuses a second statement, and (unless it is
  an EXPLAIN) as `DECLARE ... CURSOR FOR`, which refuses anything but SELECT/VALUES and
  data-modifying CTEs; rows then come in batches from that server-side cursor, so `--limit 10`
  over millions of rows fetches 11;
- the session starts with `default_transaction_read_only=on` and a `statement_timeout`, and
  the transaction is `BEGIN READ ONLY`, always rolled back; each fetch gets what is left of
  the time limit as its own statement timeout;
- a superuser, or a member of the roles that read or write server files or run programs
  (`COPY ... TO PROGRAM`, `pg_read_file`), is refused outright: read-only transactions do not
  stop those. `quotes db reader ROLE` creates a role fit for this.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import URL

from quotes.store.query_errors import QueryTimeout, ReadOnlyQueryError, ReadOnlyViolation
from quotes.store.query_stream import QueryLimits, QueryStream

if TYPE_CHECKING:
    import psycopg

_BATCH = 500
# Built-in roles whose members can reach the server's files or run programs on it.
SERVER_ACCESS_ROLES = ("pg_read_server_files", "pg_write_server_files", "pg_execute_server_program")
_ROLE_CHECK = """
SELECT r.rolname, r.rolsuper,
       ARRAY(SELECT g.rolname::text FROM pg_roles g
             WHERE g.rolname = ANY(%s) AND pg_has_role(current_user, g.oid, 'MEMBER'))
FROM pg_roles r WHERE r.rolname = current_user
"""


def psycopg_url(url: URL) -> URL:
    """The same server through psycopg 3, whichever PostgreSQL driver the URL named."""
    return url.set(drivername="postgresql+psycopg")


@contextmanager
def psycopg_connection(url: URL, **connect_args: Any) -> Iterator[psycopg.Connection[Any]]:
    """A raw psycopg connection to `url` (SQLAlchemy parses the URL, psycopg talks)."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    engine = create_engine(psycopg_url(url), poolclass=NullPool, connect_args=connect_args)
    try:
        raw = engine.raw_connection()
        try:
            driver = raw.driver_connection
            assert driver is not None
            yield driver
        finally:
            raw.close()
    finally:
        engine.dispose()


def refuse_privileged_role(conn: psycopg.Connection[Any]) -> None:
    """Refuse a superuser or a member of the server-access roles, in one line."""
    row = conn.execute(_ROLE_CHECK, [list(SERVER_ACCESS_ROLES)]).fetchone()
    if row is None:
        return
    name, superuser, server_roles = row
    if superuser:
        raise ReadOnlyViolation(
            f"refusing to run as {name}, a superuser (a superuser can run programs and read "
            "files on the server whatever the transaction): connect as a reading role, "
            "e.g. one made by `quotes db reader ROLE`"
        )
    if server_roles:
        raise ReadOnlyViolation(
            f"refusing to run as {name}, a member of {', '.join(server_roles)}: connect as "
            "a reading role, e.g. one made by `quotes db reader ROLE`"
        )


def _translate(exc: Exception, timeout: float) -> ReadOnlyQueryError:
    import psycopg

    if isinstance(exc, psycopg.errors.QueryCanceled):
        return QueryTimeout(f"timed out after {timeout:g}s: query stopped")
    text = str(exc).split("\n")[0]
    if isinstance(
        exc,
        psycopg.errors.ReadOnlySqlTransaction
        | psycopg.errors.InsufficientPrivilege
        | psycopg.errors.FeatureNotSupported,
    ):
        return ReadOnlyViolation(f"read-only: {text}")
    return ReadOnlyQueryError(f"{type(exc).__name__}: {text}")


@contextmanager
def open_pg_query(
    statement: str,
    explain: bool,
    url: URL,
    params: Sequence[Any] | dict[str, Any] | None,
    limits: QueryLimits,
) -> Iterator[QueryStream]:
    """Run `statement` (already checked to be one read) and stream its rows."""
    import psycopg
    from sqlalchemy.exc import DBAPIError

    started = time.monotonic()
    timeout_ms = max(1, math.ceil(limits.timeout * 1000))
    options = (
        f"-c default_transaction_read_only=on -c statement_timeout={timeout_ms} "
        f"-c lock_timeout={timeout_ms} -c idle_in_transaction_session_timeout="
        f"{timeout_ms + 60_000} -c standard_conforming_strings=on"
    )
    connect_args: dict[str, Any] = {"options": options}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = max(2, math.ceil(limits.timeout))
    try:
        with psycopg_connection(url, **connect_args) as conn:
            conn.read_only = True  # BEGIN READ ONLY, whatever the session defaults say
            try:
                refuse_privileged_role(conn)
                mode, quoting = conn.execute(
                    "SELECT current_setting('transaction_read_only'),"
                    " current_setting('standard_conforming_strings')"
                ).fetchone() or ("", "")
                if (mode, quoting) != ("on", "on"):  # a pooler may drop the startup options
                    raise ReadOnlyViolation(
                        "read-only: the server did not start a read-only transaction"
                    )

                def remaining_ms() -> str:
                    left = started + limits.timeout - time.monotonic()
                    return str(max(1, math.ceil(left * 1000)))

                cursor: psycopg.Cursor[Any] | psycopg.ServerCursor[Any]
                if explain:  # EXPLAIN cannot be a cursor; binary forces the extended protocol
                    cursor = conn.cursor()
                    cursor.execute(statement, params or None, binary=True)
                else:
                    cursor = conn.cursor(name="quotes_sql")
                    cursor.execute(statement, params or None)
                columns = [d.name for d in cursor.description or ()]

                def fetch(n: int) -> list[Any]:
                    if not explain:
                        conn.execute(
                            "SELECT set_config('statement_timeout', %s, true)", [remaining_ms()]
                        )
                    return cursor.fetchmany(n)

                yield QueryStream(columns, fetch, limits, started=started, batch=_BATCH)
            finally:
                if not conn.closed:
                    conn.rollback()
    except psycopg.Error as exc:
        raise _translate(exc, limits.timeout) from None
    except DBAPIError as exc:  # connecting goes through SQLAlchemy, which wraps the error
        raise _translate(exc.orig or exc, limits.timeout) from None
