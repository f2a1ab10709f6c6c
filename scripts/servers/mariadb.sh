#!/usr/bin/env bash
# MariaDB for the mysql check's tests: Debian's server run on its own data directory under
# STATE/mariadb (mariadb-install-db, then mariadbd as the mysql user), never the system's.
#   127.0.0.1:13306            TCP, TLS offered (self-signed certificate)
#   STATE/mariadb/run/mysqld.sock   the Unix socket
# A test user with a random password, a database it may use, one it may not, and one it may use
# that does not exist.
# `start` writes STATE/mariadb/server.env (KEY=VALUE) once a password login over TCP works.
#
# Usage: scripts/servers/mariadb.sh packages|start|stop|status
set -euo pipefail

NAME=mariadb
BASE="$(realpath -m "${CONN_CHECK_TEST_STATE:-/tmp/conn-check-test-servers}")"
STATE="$BASE/$NAME"
DATA="$STATE/data"
RUN="$STATE/run"
SOCKET="$RUN/mysqld.sock"
PORT=13306
TEST_USER=conncheck_user
DATABASE=conncheck
FORBIDDEN_DATABASE=conncheck_forbidden
# Granted but never created: the server says "Unknown database" only to a user who may use it
# (to others it says "Access denied", so as not to tell which databases exist).
MISSING_DATABASE=conncheck_missing
READY_LIMIT_SECONDS=30
STOP_LIMIT_SECONDS=20

# shellcheck source=scripts/lib/server.sh
source "$(dirname "$0")/../lib/server.sh"

packages() { echo "mariadb-server mariadb-client openssl"; }

require_installed() {
    command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || die "MariaDB is not installed: apt-get install -y $(packages)"
}

mariadbd_path() { command -v mariadbd 2>/dev/null || echo /usr/sbin/mariadbd; }

# The server's PID as recorded by start, if that process still runs on our data directory.
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
    chmod 600 "$STATE/tls/server.key"
    if is_root; then
        chown mysql:mysql "$STATE/tls/server.key" "$STATE/tls/server.crt"
    fi
}

# The server's options, on the command line only: --no-defaults keeps Debian's /etc/mysql out.
server_args() {
    local args=(--no-defaults --datadir="$DATA" --socket="$SOCKET" --port="$PORT" --bind-address=127.0.0.1
        --pid-file="$RUN/mariadbd.pid" --log-error="$STATE/mariadbd.log" --skip-name-resolve --skip-log-bin
        --ssl-cert="$STATE/tls/server.crt" --ssl-key="$STATE/tls/server.key"
        --innodb-buffer-pool-size=16M --innodb-log-file-size=16M --innodb-flush-log-at-trx-commit=0
        --performance-schema=OFF --max-connections=200)
    if is_root; then
        args+=(--user=mysql)
    fi

    printf '%s\n' "${args[@]}"
}

init_datadir() {
    [ -d "$DATA/mysql" ] && return 0
    rm -rf "$DATA"
    mkdir -p "$DATA"
    local user_args=()
    if is_root; then
        chown mysql:mysql "$DATA"
        user_args=(--user=mysql)
    fi

    # The root account authenticates by the Unix socket's peer (root, or the user running this script).
    mariadb-install-db --no-defaults "${user_args[@]}" --datadir="$DATA" --auth-root-authentication-method=socket \
        --skip-test-db --skip-name-resolve >"$STATE/install-db.log" 2>&1 ||
        { tail -n 20 "$STATE/install-db.log" >&2; die "mariadb-install-db failed"; }
}

admin_sql() {
    mariadb --no-defaults --protocol=socket --socket="$SOCKET" -u root --batch --silent "$@"
}

# Idempotent: the password is set again at every start, from credentials.env.
create_objects() {
    admin_sql <<EOF || die "creating the test user and databases failed"
CREATE DATABASE IF NOT EXISTS $DATABASE;
CREATE DATABASE IF NOT EXISTS $FORBIDDEN_DATABASE;
CREATE USER IF NOT EXISTS '$TEST_USER'@'%' IDENTIFIED BY '$PASSWORD';
CREATE USER IF NOT EXISTS '$TEST_USER'@'localhost' IDENTIFIED BY '$PASSWORD';
ALTER USER '$TEST_USER'@'%' IDENTIFIED BY '$PASSWORD';
ALTER USER '$TEST_USER'@'localhost' IDENTIFIED BY '$PASSWORD';
GRANT ALL PRIVILEGES ON $DATABASE.* TO '$TEST_USER'@'%';
GRANT ALL PRIVILEGES ON $DATABASE.* TO '$TEST_USER'@'localhost';
GRANT ALL PRIVILEGES ON $MISSING_DATABASE.* TO '$TEST_USER'@'%';
GRANT ALL PRIVILEGES ON $MISSING_DATABASE.* TO '$TEST_USER'@'localhost';
DROP DATABASE IF EXISTS $MISSING_DATABASE;
EOF
}

# A real login as the test user, over TCP, proves the server is ready for the tests.
probe() {
    MYSQL_PWD="$PASSWORD" mariadb --no-defaults --protocol=tcp -h 127.0.0.1 -P "$PORT" -u "$TEST_USER" \
        --connect-timeout=2 --batch --silent -e 'SELECT 1' "$DATABASE" >/dev/null 2>&1
}

write_env() {
    publish_env <<EOF
HOST=127.0.0.1
PORT=$PORT
SOCKET=$SOCKET
USER=$TEST_USER
PASSWORD=$PASSWORD
DATABASE=$DATABASE
FORBIDDEN_DATABASE=$FORBIDDEN_DATABASE
MISSING_DATABASE=$MISSING_DATABASE
TLS_CERT=$STATE/tls/server.crt
LOG=$STATE/mariadbd.log
EOF
}

start_server() {
    local args pid tries
    mapfile -t args < <(server_args)
    : >"$STATE/mariadbd.log"
    rm -f "$RUN/mariadbd.pid"
    if is_root; then
        chown mysql:mysql "$STATE/mariadbd.log"
    fi

    # mariadbd stays in the foreground: $! is its PID. setsid keeps a Ctrl-C meant for the tests off it.
    setsid "$(mariadbd_path)" "${args[@]}" </dev/null >>"$STATE/mariadbd.log" 2>&1 9>&- &
    pid=$!
    echo "$pid" >"$STATE/server.pid"

    tries=$((READY_LIMIT_SECONDS * 10))
    until [ -S "$SOCKET" ] && admin_sql -e 'SELECT 1' >/dev/null 2>&1; do
        tries=$((tries - 1))
        if [ "$tries" -le 0 ] || ! alive "$pid"; then
            tail -n 20 "$STATE/mariadbd.log" >&2 || true
            die "mariadbd did not start within ${READY_LIMIT_SECONDS}s"
        fi

        sleep 0.1
    done
}

cmd_start() {
    require_installed
    mkdir -p "$BASE" "$STATE" "$RUN"
    # The server runs as mysql: it must be able to walk into the state directories.
    chmod 755 "$BASE" "$STATE"
    if is_root; then
        chown mysql:mysql "$RUN"
    fi

    ensure_password my
    if ! running_pid >/dev/null; then
        rm -f "$STATE/server.env"
        make_certificate
        init_datadir
        start_server
    fi

    create_objects
    wait_until "$READY_LIMIT_SECONDS" "password login over TCP (log: $STATE/mariadbd.log)" probe

    write_env
    cmd_status
}

cmd_stop() {
    stop_recorded TERM
}

cmd_status() {
    local pid
    if pid="$(running_pid)"; then
        echo "$NAME running (pid $pid) 127.0.0.1:$PORT, socket $SOCKET"
    else
        echo "$NAME stopped"
        return 3
    fi
}

run_command "$@"
