#!/usr/bin/env bash
# PostgreSQL for the postgres check's tests: Debian's server run from its own cluster under
# STATE/postgres (initdb + pg_ctl as the postgres user), never the system's cluster.
#   127.0.0.1:15432, [::1]:15432  host connections: SCRAM-SHA-256 passwords only, TLS on (self-signed)
#   STATE/postgres/run   the Unix socket directory (.s.PGSQL.15432): SCRAM-SHA-256 too, except
#                        the postgres superuser, which this script uses through peer auth
# A test role with a random password, a database it may use, and one it may not (REVOKE CONNECT).
# `start` writes STATE/postgres/server.env (KEY=VALUE) once a password login over TLS works.
#
# Usage: scripts/servers/postgres.sh packages|start|stop|status
set -euo pipefail

NAME=postgres
BASE="$(realpath -m "${CONN_CHECK_TEST_STATE:-/tmp/conn-check-test-servers}")"
STATE="$BASE/$NAME"
DATA="$STATE/data"
RUN="$STATE/run"
PORT=15432
ROLE=conncheck_user
DATABASE=conncheck
FORBIDDEN_DATABASE=conncheck_forbidden
READY_LIMIT_SECONDS=30
STOP_LIMIT_SECONDS=15

# shellcheck source=scripts/lib/server.sh
source "$(dirname "$0")/../lib/server.sh"

# The newest installed major version: bookworm ships 15, a later Debian a later one.
bin_dir() {
    local dir
    dir="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)"
    [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] || die "PostgreSQL is not installed: apt-get install -y $(packages)"
    echo "$dir"
}

packages() { echo "postgresql openssl"; }

# Everything the server touches runs as postgres; initdb and the server refuse to run as root.
as_pg() {
    if is_root; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# The postmaster's PID as recorded by start, if that process still runs on our data directory.
running_pid() {
    local pid
    [ -s "$STATE/server.pid" ] || return 1
    pid="$(tr -dc '0-9' <"$STATE/server.pid")"
    [ -n "$pid" ] && alive "$pid" || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$DATA" || return 1
    echo "$pid"
}

make_certificate() {
    make_self_signed_certificate
    # The server refuses a key that others can read.
    chmod 600 "$STATE/tls/server.key"
    if is_root; then
        chown postgres:postgres "$STATE/tls/server.key" "$STATE/tls/server.crt"
    fi
}

init_cluster() {
    [ -s "$DATA/PG_VERSION" ] && return 0
    rm -rf "$DATA"
    mkdir -p "$DATA"
    if is_root; then
        chown postgres:postgres "$DATA"
    fi

    chmod 700 "$DATA"
    as_pg "$(bin_dir)/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=peer --auth-host=scram-sha-256 >"$STATE/initdb.log" 2>&1 ||
        { tail -n 20 "$STATE/initdb.log" >&2; die "initdb failed"; }
    echo "include_if_exists = 'conn-check.conf'" >>"$DATA/postgresql.conf"
}

configure() {
    cat >"$DATA/conn-check.conf" <<EOF
# Written by scripts/servers/postgres.sh at every start.
# ::1 too, for the IPv6 tests; a machine without it only logs a warning.
listen_addresses = '127.0.0.1,::1'
port = $PORT
unix_socket_directories = '$RUN'
password_encryption = 'scram-sha-256'
ssl = on
ssl_cert_file = '$STATE/tls/server.crt'
ssl_key_file = '$STATE/tls/server.key'
max_connections = 200
shared_buffers = 32MB
# A test server: nothing here needs to survive a crash, and a fast start and stop matter.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    cat >"$DATA/pg_hba.conf" <<EOF
# Written by scripts/servers/postgres.sh at every start.
# TYPE  DATABASE  USER      ADDRESS        METHOD
local   all       postgres                 peer
local   all       all                      scram-sha-256
host    all       all       127.0.0.1/32   scram-sha-256
host    all       all       ::1/128        scram-sha-256
EOF
    if is_root; then
        chown postgres:postgres "$DATA/conn-check.conf" "$DATA/pg_hba.conf"
    fi
}

# Idempotent: the role's password is set again at every start, from credentials.env.
create_objects() {
    local sql
    sql="$(cat <<EOF
SELECT format('CREATE ROLE %I LOGIN', '$ROLE') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') \\gexec
ALTER ROLE $ROLE LOGIN PASSWORD '$PASSWORD';
SELECT format('CREATE DATABASE %I OWNER %I', '$DATABASE', '$ROLE') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DATABASE') \\gexec
SELECT format('CREATE DATABASE %I', '$FORBIDDEN_DATABASE') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$FORBIDDEN_DATABASE') \\gexec
REVOKE CONNECT ON DATABASE $FORBIDDEN_DATABASE FROM PUBLIC;
EOF
)"
    as_pg "$(bin_dir)/psql" -X -q -v ON_ERROR_STOP=1 -h "$RUN" -p "$PORT" -U postgres -d postgres <<<"$sql" >/dev/null ||
        die "creating the test role and databases failed"
}

# A real login as the test role, over TCP and TLS, proves the server is ready for the tests.
probe() {
    PGPASSWORD="$PASSWORD" PGCONNECT_TIMEOUT=2 "$(bin_dir)/psql" -X -q -At \
        "host=127.0.0.1 port=$PORT user=$ROLE dbname=$DATABASE sslmode=require" -c 'SELECT 1' >/dev/null 2>&1
}

write_env() {
    publish_env <<EOF
HOST=127.0.0.1
PORT=$PORT
SOCKET_DIR=$RUN
USER=$ROLE
PASSWORD=$PASSWORD
DATABASE=$DATABASE
FORBIDDEN_DATABASE=$FORBIDDEN_DATABASE
TLS_CERT=$STATE/tls/server.crt
LOG=$STATE/postgres.log
EOF
}

cmd_start() {
    bin_dir >/dev/null
    mkdir -p "$BASE" "$STATE" "$RUN"
    # The server runs as postgres: it must be able to walk into the state directories.
    chmod 755 "$BASE" "$STATE"
    if is_root; then
        chown postgres:postgres "$RUN"
    fi

    ensure_password pg
    if ! running_pid >/dev/null; then
        rm -f "$STATE/server.env"
        make_certificate
        init_cluster
        configure
        : >"$STATE/postgres.log"
        if is_root; then
            chown postgres:postgres "$STATE/postgres.log"
        fi

        # -w: pg_ctl returns once the server accepts connections (or fails).
        as_pg "$(bin_dir)/pg_ctl" -D "$DATA" -l "$STATE/postgres.log" -w -t "$READY_LIMIT_SECONDS" start </dev/null >/dev/null 2>&1 ||
            { tail -n 20 "$STATE/postgres.log" >&2 || true; die "postgres did not start"; }
        head -n 1 "$DATA/postmaster.pid" >"$STATE/server.pid"
    fi

    create_objects
    wait_until "$READY_LIMIT_SECONDS" "password login over TLS (log: $STATE/postgres.log)" probe

    write_env
    cmd_status
}

cmd_stop() {
    # SIGINT is PostgreSQL's fast shutdown: sessions are ended, not waited for.
    stop_recorded INT
}

cmd_status() {
    local pid
    if pid="$(running_pid)"; then
        echo "$NAME running (pid $pid) 127.0.0.1:$PORT, socket $RUN"
    else
        echo "$NAME stopped"
        return 3
    fi
}

run_command "$@"
