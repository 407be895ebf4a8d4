#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL cluster, its URL in $QUOTES_TEST_PG, so the
# database tests run on PostgreSQL as well as SQLite. The cluster is removed afterwards.
# $QUOTES_TEST_PG is a non-superuser role (CREATEDB only); $QUOTES_TEST_PG_ADMIN is the
# superuser, for the few tests that create roles or check that a superuser is refused.
#   scripts/with-postgres.sh make test
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d /tmp/quotes-pg.XXXXXX)
trap '"$here/pg-cluster.sh" stop "$dir"' EXIT
QUOTES_TEST_PG=$("$here/pg-cluster.sh" start "$dir")
QUOTES_TEST_PG_ADMIN=$(cat "$dir/admin-url")
export QUOTES_TEST_PG QUOTES_TEST_PG_ADMIN
echo "PostgreSQL for tests: $QUOTES_TEST_PG" >&2
"$@"
