#!/usr/bin/env bash
# Redis for the redis check's tests: Debian's redis-server, two instances of our own under
# STATE/redis, never the system's.
#   127.0.0.1:16379   requirepass (random password) and an ACL user, tester, with its own password
#   127.0.0.1:16380   no password at all (the check's PING path)
# Secrets live in a mode-600 configuration file, never on a command line that `ps` shows.
# `start` writes STATE/redis/server.env (KEY=VALUE) once both instances answer as intended.
#
# Usage: scripts/servers/redis.sh packages|start|stop|status
set -euo pipefail

NAME=redis
BASE="$(realpath -m "${CONN_CHECK_TEST_STATE:-/tmp/conn-check-test-servers}")"
STATE="$BASE/$NAME"
AUTH_PORT=16379
OPEN_PORT=16380
ACL_USER=tester
INSTANCES=(auth open)
READY_LIMIT_SECONDS=20
STOP_LIMIT_SECONDS=15

# shellcheck source=scripts/lib/server.sh
source "$(dirname "$0")/../lib/server.sh"

packages() { echo "redis-server redis-tools openssl"; }

port_of() {
    case "$1" in
        auth) echo "$AUTH_PORT" ;;
        open) echo "$OPEN_PORT" ;;
    esac
}

# The PID an instance recorded, if that process still runs with our configuration file (a PID
# reused by an unrelated process is never ours).
running_pid() {
    local file="$STATE/$1.pid" pid
    [ -s "$file" ] || return 1
    pid="$(tr -dc '0-9' <"$file")"
    [ -n "$pid" ] && alive "$pid" || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$STATE/$1.conf" || return 1
    echo "$pid"
}

# Random once per state directory, so a password that leaks into output cannot hide behind a
# value that appears there for another reason.
ensure_credentials() {
    local file="$STATE/credentials.env"
    if [ ! -s "$file" ]; then
        {
            echo "PASSWORD=redis-$(openssl rand -hex 12)"
            echo "ACL_PASSWORD=acl-$(openssl rand -hex 12)"
        } >"$file.tmp"
        chmod 600 "$file.tmp"
        mv "$file.tmp" "$file"
    fi

    # shellcheck disable=SC1090
    . "$file"
}

# Only what must stay secret or has no command-line form; the rest is on the command line.
configure() {
    local name="$1"
    {
        echo "# Written by scripts/servers/redis.sh at every start; nothing outside $STATE."
        echo "bind 127.0.0.1"
        # Keeps the command line as started, so running_pid can recognise our instances.
        echo "set-proc-title no"
        echo "protected-mode yes"
        echo "logfile $STATE/$name.log"
        echo "save \"\""
        echo "appendonly no"
        if [ "$name" = auth ]; then
            echo "requirepass $PASSWORD"
            echo "user $ACL_USER on >$ACL_PASSWORD ~* &* +@all"
        fi
    } >"$STATE/$name.conf.tmp"
    chmod 600 "$STATE/$name.conf.tmp"
    mv "$STATE/$name.conf.tmp" "$STATE/$name.conf"
}

start_instance() {
    local name="$1"
    mkdir -p "$STATE/$name"
    configure "$name"
    /usr/bin/redis-server "$STATE/$name.conf" --port "$(port_of "$name")" --daemonize yes \
        --pidfile "$STATE/$name.pid" --dir "$STATE/$name" </dev/null >"$STATE/$name.start.log" 2>&1 9>&- ||
        { tail -n 20 "$STATE/$name.start.log" "$STATE/$name.log" >&2 || true; die "$name instance did not start"; }
}

cli() {
    timeout 3 /usr/bin/redis-cli -h 127.0.0.1 --no-auth-warning "$@" 2>/dev/null
}

# Each instance proves it is up by answering as the tests expect: the password and the ACL user
# are accepted on one, and the other answers PING with no password at all.
probe() {
    [ "$(cli -p "$AUTH_PORT" -a "$PASSWORD" ping)" = PONG ] &&
        [ "$(cli -p "$AUTH_PORT" --user "$ACL_USER" --pass "$ACL_PASSWORD" ping)" = PONG ] &&
        [ "$(cli -p "$OPEN_PORT" ping)" = PONG ]
}

write_env() {
    publish_env <<EOF
HOST=127.0.0.1
PORT=$AUTH_PORT
PASSWORD=$PASSWORD
ACL_USER=$ACL_USER
ACL_PASSWORD=$ACL_PASSWORD
OPEN_PORT=$OPEN_PORT
LOG=$STATE/auth.log
EOF
}

cmd_start() {
    [ -x /usr/bin/redis-server ] && [ -x /usr/bin/redis-cli ] || die "Redis is not installed: apt-get install -y $(packages)"
    mkdir -p "$STATE"
    ensure_credentials
    local name
    for name in "${INSTANCES[@]}"; do
        if ! running_pid "$name" >/dev/null; then
            rm -f "$STATE/server.env"
            start_instance "$name"
        fi
    done

    wait_until "$READY_LIMIT_SECONDS" "answer (logs: $STATE/*.log)" probe

    write_env
    cmd_status
}

stop_instance() {
    local name="$1" pid
    pid="$(running_pid "$name")" || { rm -f "$STATE/$name.pid"; return 0; }
    # SIGTERM: Redis shuts down at once (nothing to save: persistence is off).
    stop_pid "$pid" TERM "$STOP_LIMIT_SECONDS"

    rm -f "$STATE/$name.pid"
    log "stopped the $name instance (pid $pid)"
}

cmd_stop() {
    [ -d "$STATE" ] || return 0
    rm -f "$STATE/server.env"
    local name
    for name in "${INSTANCES[@]}"; do
        stop_instance "$name"
    done
}

cmd_status() {
    local name pid all=0
    for name in "${INSTANCES[@]}"; do
        if pid="$(running_pid "$name")"; then
            echo "$NAME $name running (pid $pid) 127.0.0.1:$(port_of "$name")"
        else
            echo "$NAME $name stopped"
            all=3
        fi
    done

    return "$all"
}

case "${1:-}" in
    packages) packages ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *) echo "usage: $0 packages|start|stop|status" >&2; exit 3 ;;
esac
