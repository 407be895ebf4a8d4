#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL cluster, its URL in $QUOTES_TEST_PG, so the
# database tests run on PostgreSQL as well as SQLite. The cluster is removed afterwards.
#   scripts/with-postgres.sh make test
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d /tmp/quotes-pg.XXXXXX)
trap '"$here/pg-cluster.sh" stop "$dir"' EXIT
QUOTES_TEST_PG=$("$here/pg-cluster.sh" start "$dir")
export QUOTES_TEST_PG
echo "PostgreSQL for tests: $QUOTES_TEST_PG" >&2
"$@"
