#!/usr/bin/env bash
# memcached for the memcache check's tests: Debian's memcached on 127.0.0.1:21211 (TCP only), an
# instance of our own recorded under STATE/memcached, never the system's.
# `start` writes STATE/memcached/server.env (KEY=VALUE) once it answers `version`.
#
# Usage: scripts/servers/memcached.sh packages|start|stop|status
set -euo pipefail

NAME=memcached
BASE="$(realpath -m "${CONN_CHECK_TEST_STATE:-/tmp/conn-check-test-servers}")"
STATE="$BASE/$NAME"
PORT=21211
READY_LIMIT_SECONDS=20
STOP_LIMIT_SECONDS=15

# shellcheck source=scripts/lib/server.sh
source "$(dirname "$0")/../lib/server.sh"

packages() { echo "memcached"; }

# The PID memcached recorded, if it still runs with our pid file.
running_pid() { recorded_pid "$STATE/server.pid" "$STATE/server.pid"; }

# A real `version` exchange, as the check makes it; bash's /dev/tcp needs no client package.
probe() {
    local reply
    reply="$(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT && printf 'version\r\n' >&3 && head -n 1 <&3" 2>/dev/null)" || return 1
    [[ "$reply" == VERSION\ * ]]
}

ready() { probe && running_pid >/dev/null; }

write_env() {
    publish_env <<EOF
HOST=127.0.0.1
PORT=$PORT
LOG=$STATE/memcached.log
EOF
}

cmd_start() {
    [ -x /usr/bin/memcached ] || die "memcached is not installed: apt-get install -y $(packages)"
    mkdir -p "$STATE"
    if ! running_pid >/dev/null; then
        rm -f "$STATE/server.env" "$STATE/server.pid"
        # memcached refuses to run as root; -u names the user it drops to. -U 0: no UDP.
        local user=()
        if is_root; then
            user=(-u memcache)
            # It writes its pid file after dropping to that user.
            chown memcache "$STATE"
        fi

        /usr/bin/memcached -d -P "$STATE/server.pid" "${user[@]}" -l 127.0.0.1 -p "$PORT" -U 0 -m 16 -c 1024 \
            </dev/null >"$STATE/memcached.log" 2>&1 9>&- ||
            { tail -n 20 "$STATE/memcached.log" >&2 || true; die "memcached did not start"; }
    fi

    # Ready when it answers and its pid file names it; stop only ever kills a PID it recorded.
    wait_until "$READY_LIMIT_SECONDS" "answer to version, or no pid file, (log: $STATE/memcached.log)" ready

    write_env
    cmd_status
}

cmd_stop() {
    stop_recorded TERM
}

cmd_status() {
    local pid
    if pid="$(running_pid)"; then
        echo "$NAME running (pid $pid) 127.0.0.1:$PORT"
    else
        echo "$NAME stopped"
        return 3
    fi
}

run_command "$@"
