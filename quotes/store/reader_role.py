"""`quotes db reader ROLE`: a PostgreSQL role that can read the documented tables and nothing else.

`quotes sql` refuses superusers, so a team needs a role to give it. This one can log in,
connect to this database, use its schema, and SELECT from the tables and views that
`quotes schema` documents: not write, not create, not read other schemas' tables or the
server's files. Its sessions default to read-only transactions, so even a tool other than
`quotes sql` cannot write with it. Running it again re-applies exactly these grants (a grant
made by hand on another table is revoked) and, with a password, sets the password.

Names and the password are quoted by psycopg (`sql.Identifier`, `sql.Literal`), never
pasted into SQL text; the role name must also be a plain lowercase identifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import URL

from quotes.store.query_errors import ReadOnlyQueryError
from quotes.store.redact import remember_secret
from quotes.store.schema_doc import SQLITE_ONLY, TABLE_DOCS

if TYPE_CHECKING:
    import psycopg

_ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_RESERVED = {"public", "none", "current_user", "current_role", "session_user", "all"}
# Tables and views a reader may SELECT from: exactly those `quotes schema` explains.
READABLE = tuple(sorted(set(TABLE_DOCS) - SQLITE_ONLY))


@dataclass(frozen=True)
class ReaderRole:
    name: str
    created: bool  # False when the role existed and its grants were re-applied
    granted: list[str]  # the tables and views it may read
    database: str
    schema: str


def check_role_name(name: str) -> str:
    """The name, if it is a plain lowercase identifier that is not a reserved role name."""
    if not _ROLE_NAME.fullmatch(name) or name in _RESERVED or name.startswith("pg_"):
        raise ReadOnlyQueryError(
            "a reader role name is 1 to 63 lowercase letters, digits and underscores, "
            "starting with a letter or underscore, and not pg_... or a reserved name"
        )
    return name


def _statements(
    conn: psycopg.Connection[Any], role: str, password: str | None
) -> tuple[ReaderRole, list[Any]]:
    from psycopg import sql

    row = conn.execute(
        "SELECT current_user, current_database(), current_schema(),"
        " (SELECT rolsuper FROM pg_roles WHERE rolname = %s)",
        [role],
    ).fetchone()
    assert row is not None
    me, database, schema, existing_superuser = row
    if role == me:
        raise ReadOnlyQueryError(f"{role} is the role you are connected as; name a new role")
    if existing_superuser:
        raise ReadOnlyQueryError(f"{role} exists and is a superuser; name another role")
    if schema is None:
        raise ReadOnlyQueryError("no current schema: is this the quotes database?")
    present = [
        r[0]
        for r in conn.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = %s AND c.relkind IN ('r', 'p', 'v', 'm') AND c.relname = ANY(%s)"
            " ORDER BY c.relname",
            [schema, list(READABLE)],
        ).fetchall()
    ]
    if not present:
        raise ReadOnlyQueryError(f"no quotes tables in schema {schema}: run `quotes init` first")
    r = sql.Identifier(role)
    attributes: sql.Composable = sql.SQL(
        "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT"
    )
    if password is not None:
        attributes = sql.SQL("{} PASSWORD {}").format(attributes, sql.Literal(password))
    verb = "ALTER" if existing_superuser is not None else "CREATE"
    s = sql.Identifier(schema)
    statements: list[Any] = [
        sql.SQL(verb + " ROLE {} {}").format(r, attributes),
        sql.SQL("ALTER ROLE {} SET default_transaction_read_only = on").format(r),
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), r),
        sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(s, r),
        sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA {} FROM {}").format(s, r),
        sql.SQL("REVOKE ALL ON ALL SEQUENCES IN SCHEMA {} FROM {}").format(s, r),
        sql.SQL("REVOKE CREATE ON SCHEMA {} FROM {}").format(s, r),
        sql.SQL("GRANT SELECT ON {} TO {}").format(
            sql.SQL(", ").join(sql.Identifier(schema, t) for t in present), r
        ),
    ]
    reader = ReaderRole(
        name=role,
        created=existing_superuser is None,
        granted=present,
        database=database,
        schema=schema,
    )
    return reader, statements


def create_reader_role(url: URL, role: str, password: str | None = None) -> ReaderRole:
    """Create (or re-grant) `role` on the PostgreSQL database at `url`, in one transaction.

    The connection at `url` must be allowed to create roles and to grant on the tables (a
    superuser, or a CREATEROLE role owning them). Raises ReadOnlyQueryError, one line."""
    if url.get_backend_name() != "postgresql":
        raise ReadOnlyQueryError(
            "a reader role is for PostgreSQL; on SQLite `quotes sql` opens the file read-only"
        )
    check_role_name(role)
    if password is not None:
        remember_secret(password)  # masked in any message that might echo it
    import psycopg
    from sqlalchemy.exc import DBAPIError

    from quotes.store.readonly_pg import psycopg_connection

    try:
        with psycopg_connection(url) as conn, conn.transaction():
            reader, statements = _statements(conn, role, password)
            for statement in statements:
                conn.execute(statement)
    except psycopg.Error as exc:
        raise ReadOnlyQueryError(f"{type(exc).__name__}: {str(exc).split(chr(10))[0]}") from None
    except DBAPIError as exc:
        raise ReadOnlyQueryError(f"{type(exc.orig).__name__}: {exc.orig}") from None
    return reader
