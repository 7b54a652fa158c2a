#!/usr/bin/env bash
# A throwaway PostgreSQL server for the runtime's OmniPostgres tests.
#
#   export OMNI_PG_URL="$(scripts/pg-test-server.sh)"   # start; prints the URL on stdout
#   (cd Runtime && swift test --filter OmniPostgresTests)
#   scripts/pg-test-server.sh stop [DATA_DIR]          # stop one, or every one this script started
#
# Installs Debian's `postgresql` if it is missing, initialises a cluster in a new temporary
# directory (owned by the `postgres` user when run as root, since initdb refuses root),
# starts it on 127.0.0.1 on a free port with trust authentication, creates the database
# `omni_test`, and prints `postgres://postgres@127.0.0.1:PORT/omni_test`. Diagnostics go
# to stderr. Nothing here is durable: fsync is off.
set -euo pipefail

log() { echo "pg-test-server: $*" >&2; }

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$dir" ]; then
        return 1
    fi
    echo "$dir"
}

stop_cluster() {
    local dir="$1"
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$BIN/pg_ctl" -D "$dir/data" -m immediate stop >&2 || true
    fi
    rm -rf "$dir"
    log "stopped and removed $dir"
}

if ! BIN=$(pg_bin); then
    log "installing postgresql (Debian package)"
    if [ "$(id -u)" != 0 ]; then
        log "postgresql is not installed and this is not root: install it with 'apt-get install postgresql'"
        exit 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    BIN=$(pg_bin)
fi

if [ "${1:-start}" = "stop" ]; then
    if [ -n "${2:-}" ]; then
        stop_cluster "$2"
    else
        for dir in "${TMPDIR:-/tmp}"/omni-pg.*; do
            [ -d "$dir" ] && stop_cluster "$dir"
        done
    fi
    exit 0
fi

free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
        return
    fi
    local port
    for port in $(seq 54320 54420); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    return 1
}

DIR=$(mktemp -d "${TMPDIR:-/tmp}/omni-pg.XXXXXX")
chmod 755 "$DIR"
if [ "$(id -u)" = 0 ]; then
    chown postgres: "$DIR"
fi
PORT=$(free_port)
as_owner "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --no-locale >"$DIR/initdb.log" 2>&1 || {
    cat "$DIR/initdb.log" >&2
    exit 1
}
as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 start \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" >&2 || {
    cat "$DIR/server.log" >&2
    exit 1
}
as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres omni_test
echo "$PORT" >"$DIR/port"
log "running on 127.0.0.1:$PORT, data in $DIR (stop with: $0 stop $DIR)"
echo "postgres://postgres@127.0.0.1:$PORT/omni_test"
