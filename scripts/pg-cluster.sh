#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on a local port, for running the test suite on PostgreSQL.
#
#   scripts/pg-cluster.sh start DIR   install PostgreSQL if missing, initdb + start; prints the URL
#   scripts/pg-cluster.sh stop DIR    stop it and delete DIR
#
# The server runs as an unprivileged user (PostgreSQL refuses to run as root) and listens
# on 127.0.0.1 only, on $PGPORT, else on a free port the kernel picks.
#
# The printed URL is for `quotes_app`, a role that is NOT a superuser (it may create
# databases, which the test suite does per test), owning the database `quotes_app`: tests
# then run with the privileges a real deployment gives, so a superuser-only hole cannot hide.
# The superuser URL (for creating roles, e.g. the `quotes db reader` tests) is written to
# DIR/admin-url.
set -euo pipefail

cmd=${1:?usage: pg-cluster.sh start|stop DIR}
dir=${2:?usage: pg-cluster.sh start|stop DIR}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

find_bindir() {
    local d
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir; return
    fi
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && { echo "$d"; return; }
    done
    return 1
}

as_user() {
    # Run as the cluster's owner: the invoking user, or an unprivileged one when that is root.
    if [ "$(id -u)" = 0 ]; then
        local user=postgres
        id "$user" >/dev/null 2>&1 || user=nobody
        su -s /bin/sh "$user" -c "$*"
    else
        sh -c "$*"
    fi
}

case "$cmd" in
start)
    if ! bindir=$(find_bindir); then
        echo "installing PostgreSQL from the system package manager" >&2
        if [ "$(id -u)" = 0 ]; then
            apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        else
            sudo apt-get update -qq >&2 && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        fi
        bindir=$(find_bindir)
    fi
    rm -rf "$dir" && mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
        owner=postgres; id "$owner" >/dev/null 2>&1 || owner=nobody
        chown "$owner" "$dir"
        chmod 755 "$(dirname "$(readlink -f "$dir")")" 2>/dev/null || true
    fi
    port=${PGPORT:-$(free_port)}
    as_user "'$bindir/initdb' -D '$dir/data' -U postgres -A trust --no-sync -E UTF8 >'$dir/initdb.log' 2>&1"
    if ! as_user "'$bindir/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start >/dev/null"; then
        echo "PostgreSQL did not start on port $port; its log:" >&2
        cat "$dir/server.log" >&2 || true
        exit 1
    fi
    admin="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
    for stmt in "CREATE ROLE quotes_app LOGIN CREATEDB NOSUPERUSER NOCREATEROLE" \
                "CREATE DATABASE quotes_app OWNER quotes_app"; do
        as_user "'$bindir/psql' -X -q -v ON_ERROR_STOP=1 -h '$dir' -p $port -U postgres -d postgres -c '$stmt'" >/dev/null
    done
    echo "$admin" >"$dir/admin-url"
    echo "postgresql+psycopg://quotes_app@127.0.0.1:$port/quotes_app"
    ;;
stop)
    if bindir=$(find_bindir) && [ -d "$dir/data" ]; then
        as_user "'$bindir/pg_ctl' -D '$dir/data' -m fast -w stop >/dev/null" || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: pg-cluster.sh start|stop DIR" >&2; exit 2 ;;
esac
