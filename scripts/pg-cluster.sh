#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on a local port, for running the test suite on PostgreSQL.
#
#   scripts/pg-cluster.sh start DIR   install PostgreSQL if missing, initdb + start; prints the URL
#   scripts/pg-cluster.sh stop DIR    stop it and delete DIR
#
# The server runs as an unprivileged user (PostgreSQL refuses to run as root) and listens
# on 127.0.0.1 only, on $PGPORT (default 54329).
set -euo pipefail

cmd=${1:?usage: pg-cluster.sh start|stop DIR}
dir=${2:?usage: pg-cluster.sh start|stop DIR}
port=${PGPORT:-54329}

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
    as_user "'$bindir/initdb' -D '$dir/data' -U postgres -A trust --no-sync -E UTF8 >'$dir/initdb.log' 2>&1"
    as_user "'$bindir/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start >/dev/null"
    echo "postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
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
