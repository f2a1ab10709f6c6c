#!/usr/bin/env bash
# RabbitMQ for the amqp check's tests: Debian's rabbitmq-server on 127.0.0.1 only, on ports of its
# own so it never meets a system broker:
#   AMQP 15673 (plain), AMQPS 15674 (TLS, a self-signed certificate: the check verifies it only with verify_tls),
#   epmd 14369 (our own, bound to 127.0.0.1), Erlang distribution 15675, rabbitmqctl 15676-15686.
# A user with a random password may use the vhosts "/" and "conncheck"; the vhost "conncheck-denied"
# exists but grants that user nothing. They come from a definitions file loaded at boot, which
# saves a rabbitmqctl call (an Erlang VM start, about a second) per user, vhost and permission.
#
# Everything lives under ${CONN_CHECK_TEST_STATE:-/tmp/conn-check-test-servers}/rabbitmq/: the node's
# database, logs, configuration, certificate and Erlang cookie (HOME is there, so rabbitmqctl and
# the node share the cookie without touching /var/lib/rabbitmq). `start` writes server.env there.
#
# Usage: scripts/servers/rabbitmq.sh packages|start|stop|status
#   packages  the Debian packages it needs, on one line
#   start     starts what is not running (assumes the packages are installed); idempotent
#   stop      stops the node and our epmd by the PIDs recorded under STATE; a no-op when none runs
#   status    exits 0 when the node runs, 3 otherwise
set -euo pipefail

NAME=rabbitmq
STATE_ROOT="$(realpath -m "${CONN_CHECK_TEST_STATE:-/tmp/conn-check-test-servers}")"
DIR="$STATE_ROOT/$NAME"
case "$DIR" in
    *[[:space:]]*) echo "$NAME: the state directory must not contain spaces: '$DIR'" >&2; exit 1 ;;
esac

AMQP_PORT=15673
AMQPS_PORT=15674
EPMD_PORT=14369
DIST_PORT=15675
CTL_DIST_PORT_MIN=15676
CTL_DIST_PORT_MAX=15686
NODE=conncheck@localhost
USER_NAME=conncheck
VHOST=conncheck
DENIED_VHOST=conncheck-denied
STARTUP_LIMIT_SECONDS=90
STOP_LIMIT_SECONDS=30
RABBIT_BIN=/usr/lib/rabbitmq/bin

# shellcheck source=scripts/lib/server.sh
source "$(dirname "$0")/../lib/server.sh"

packages() { echo "rabbitmq-server openssl util-linux"; }

# The PID in FILE if that process still runs and its command line contains MARK: a PID reused by
# an unrelated process is never ours.
recorded_pid() {
    local file="$1" mark="$2" pid
    [ -s "$file" ] || return 1
    pid="$(tr -dc '0-9' <"$file")"
    [ -n "$pid" ] && alive "$pid" || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$mark" || return 1
    echo "$pid"
}

# `epmd -daemon` forks away from us; it is found by its exact command line, then recorded.
find_pid_by_cmdline() {
    local wanted="$1" proc
    for proc in /proc/[0-9]*; do
        if [ "$(tr '\0' ' ' 2>/dev/null <"$proc/cmdline")" = "$wanted " ]; then
            echo "${proc#/proc/}"
            return 0
        fi
    done

    return 1
}

EPMD_CMDLINE="epmd -address 127.0.0.1 -port $EPMD_PORT -daemon"
epmd_pid() { recorded_pid "$DIR/epmd.pid" "-port $EPMD_PORT"; }
# The VM's command line names its HOME, not the node name (which it takes from the environment).
node_pid() { recorded_pid "$DIR/rabbit.pid" "-home $DIR/home "; }
launcher_pid() { recorded_pid "$DIR/launcher.pid" "RABBITMQ_PID_FILE=$DIR/rabbit.pid "; }

# The environment of the node and of rabbitmqctl: nothing is read from /etc/rabbitmq or /var/lib/rabbitmq.
rabbit_env() {
    echo "HOME=$DIR/home"
    echo "ERL_EPMD_PORT=$EPMD_PORT"
    echo "ERL_EPMD_ADDRESS=127.0.0.1"
    echo "RABBITMQ_NODENAME=$NODE"
    echo "RABBITMQ_USE_LONGNAME=false"
    echo "RABBITMQ_DIST_PORT=$DIST_PORT"
    echo "RABBITMQ_CTL_DIST_PORT_MIN=$CTL_DIST_PORT_MIN"
    echo "RABBITMQ_CTL_DIST_PORT_MAX=$CTL_DIST_PORT_MAX"
    echo "RABBITMQ_CTL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
    echo "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
    echo "RABBITMQ_CONF_ENV_FILE=$DIR/rabbitmq-env.conf"
    echo "RABBITMQ_CONFIG_FILE=$DIR/rabbitmq.conf"
    echo "RABBITMQ_ADVANCED_CONFIG_FILE=$DIR/advanced.config"
    echo "RABBITMQ_ENABLED_PLUGINS_FILE=$DIR/enabled_plugins"
    echo "RABBITMQ_MNESIA_BASE=$DIR/mnesia"
    echo "RABBITMQ_LOG_BASE=$DIR/log"
    echo "RABBITMQ_PID_FILE=$DIR/rabbit.pid"
    echo "RABBITMQ_PLUGINS_EXPAND_DIR=$DIR/plugins-expand"
    echo "LANG=C.UTF-8"
    echo "LC_ALL=C.UTF-8"
}

# Runs a command as the rabbitmq user (as ourselves when not root) with the node's environment.
as_rabbit() {
    local env=()
    mapfile -t env < <(rabbit_env)
    if is_root; then
        runuser -u rabbitmq -- env "${env[@]}" "$@"
    else
        env "${env[@]}" "$@"
    fi
}

ctl() { as_rabbit "$RABBIT_BIN/rabbitmqctl" -n "$NODE" "$@"; }

# ---------------------------------------------------------------------------------------- files

ensure_dirs() {
    mkdir -p "$STATE_ROOT"
    chmod 755 "$STATE_ROOT"
    mkdir -p "$DIR/home" "$DIR/mnesia" "$DIR/log" "$DIR/tls" "$DIR/plugins-expand"
    if is_root; then
        chown rabbitmq:rabbitmq "$DIR" "$DIR/home" "$DIR/mnesia" "$DIR/log" "$DIR/tls" "$DIR/plugins-expand"
    fi
}

# A random password once per state directory: a secret that leaks into output cannot hide behind
# a value that appears there for another reason.
ensure_credentials() {
    local file="$DIR/credentials.env"
    if [ ! -s "$file" ]; then
        echo "PASSWORD=amqp-$(openssl rand -hex 8)" >"$file.tmp"
        chmod 600 "$file.tmp"
        mv "$file.tmp" "$file"
    fi

    # shellcheck disable=SC1090
    . "$file"
}

ensure_cookie() {
    local cookie="$DIR/home/.erlang.cookie"
    if [ ! -s "$cookie" ]; then
        openssl rand -hex 20 | tr -d '\n' >"$cookie"
    fi

    chmod 400 "$cookie"
    if is_root; then
        chown rabbitmq:rabbitmq "$cookie"
    fi
}

ensure_certificate() {
    local tls="$DIR/tls"
    if [ -s "$tls/server.pem" ] && [ -s "$tls/server.key" ] &&
        certificate_fresh "$tls/server.pem"; then
        return 0
    fi

    openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha256 -days "$CERTIFICATE_DAYS" \
        -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
        -keyout "$tls/server.key" -out "$tls/server.pem" 2>/dev/null
    chmod 644 "$tls/server.pem"
    chmod 600 "$tls/server.key"
    if is_root; then
        chown rabbitmq:rabbitmq "$tls/server.key" "$tls/server.pem"
    fi
}

# RabbitMQ's rabbit_password_hashing_sha256: base64(salt ++ sha256(salt ++ password)), 4-byte salt.
password_hash() {
    local salt_hex salt
    salt_hex="$(openssl rand -hex 4)"
    salt="\\x${salt_hex:0:2}\\x${salt_hex:2:2}\\x${salt_hex:4:2}\\x${salt_hex:6:2}"
    # shellcheck disable=SC2059
    { printf "$salt"; { printf "$salt"; printf '%s' "$1"; } | openssl dgst -sha256 -binary; } | base64 -w0
}

write_config() {
    echo "# Written by scripts/servers/rabbitmq.sh: the environment comes from the script, not from here." >"$DIR/rabbitmq-env.conf"
    echo "[]." >"$DIR/enabled_plugins"
    echo "[]." >"$DIR/advanced.config"
    local permissions='"configure": ".*", "write": ".*", "read": ".*"'
    cat >"$DIR/definitions.json" <<EOF
{
  "users": [
    {"name": "$USER_NAME", "password_hash": "$(password_hash "$PASSWORD")",
     "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": []}
  ],
  "vhosts": [{"name": "/"}, {"name": "$VHOST"}, {"name": "$DENIED_VHOST"}],
  "permissions": [
    {"user": "$USER_NAME", "vhost": "/", $permissions},
    {"user": "$USER_NAME", "vhost": "$VHOST", $permissions}
  ]
}
EOF
    cat >"$DIR/rabbitmq.conf" <<EOF
# Written by scripts/servers/rabbitmq.sh; nothing outside $DIR.
listeners.tcp.1 = 127.0.0.1:$AMQP_PORT
listeners.ssl.1 = 127.0.0.1:$AMQPS_PORT
ssl_options.certfile = $DIR/tls/server.pem
ssl_options.keyfile = $DIR/tls/server.key
ssl_options.verify = verify_none
ssl_options.fail_if_no_peer_cert = false
load_definitions = $DIR/definitions.json
log.file.level = warning
log.console = false
EOF
    chmod 644 "$DIR/rabbitmq-env.conf" "$DIR/enabled_plugins" "$DIR/advanced.config" "$DIR/rabbitmq.conf"
    chmod 640 "$DIR/definitions.json"
    if is_root; then
        chgrp rabbitmq "$DIR/definitions.json"
    fi
}

write_server_env() {
    cat >"$DIR/server.env.tmp" <<EOF
HOST=127.0.0.1
PORT=$AMQP_PORT
TLS_PORT=$AMQPS_PORT
USER=$USER_NAME
PASSWORD=$PASSWORD
VHOST=$VHOST
DENIED_VHOST=$DENIED_VHOST
NODE=$NODE
LOG_DIR=$DIR/log
TLS_CERT=$DIR/tls/server.pem
EOF
    mv "$DIR/server.env.tmp" "$DIR/server.env"
}

# ---------------------------------------------------------------------------------------- processes

start_epmd() {
    if epmd_pid >/dev/null; then
        return 0
    fi

    if find_pid_by_cmdline "$EPMD_CMDLINE" >/dev/null; then
        die "an epmd on port $EPMD_PORT runs but is not recorded in $DIR/epmd.pid; stop it first"
    fi

    # shellcheck disable=SC2086
    as_rabbit $EPMD_CMDLINE 8>&- 9>&-
    local tries=50 pid=""
    until pid="$(find_pid_by_cmdline "$EPMD_CMDLINE")"; do
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || die "epmd did not start on 127.0.0.1:$EPMD_PORT"
        sleep 0.1
    done

    echo "$pid" >"$DIR/epmd.pid"
}

start_node() {
    rm -f "$DIR/rabbit.pid" "$DIR/launcher.pid"
    : >"$DIR/log/startup.log"
    if is_root; then
        chown rabbitmq:rabbitmq "$DIR/log/startup.log"
    fi

    local env=() runner=(env)
    mapfile -t env < <(rabbit_env)
    if is_root; then
        runner=(runuser -u rabbitmq -- env)
    fi

    # Its own session, so it outlives the shell that started it; no lock descriptor of ours (8) or
    # of test-servers.sh (9) stays open in it.
    setsid "${runner[@]}" "${env[@]}" "$RABBIT_BIN/rabbitmq-server" </dev/null >>"$DIR/log/startup.log" 2>&1 8>&- 9>&- &
    echo $! >"$DIR/launcher.pid"
}

# The node writes its PID file early in boot; await_startup then returns once the broker serves.
wait_ready() {
    local deadline=$((SECONDS + STARTUP_LIMIT_SECONDS))
    until node_pid >/dev/null; do
        if [ "$SECONDS" -ge "$deadline" ] || ! launcher_pid >/dev/null; then
            tail -n 30 "$DIR/log/startup.log" >&2 || true
            die "the node did not start (logs under $DIR/log/)"
        fi

        sleep 0.2
    done

    until ctl await_startup --timeout "$STARTUP_LIMIT_SECONDS" >"$DIR/log/await.log" 2>&1; do
        if [ "$SECONDS" -ge "$deadline" ] || ! node_pid >/dev/null; then
            tail -n 30 "$DIR/log/await.log" "$DIR/log/startup.log" >&2 || true
            die "the node did not finish booting within ${STARTUP_LIMIT_SECONDS}s (logs under $DIR/log/)"
        fi

        sleep 0.5
    done
}

# ---------------------------------------------------------------------------------------- commands

lock_state() {
    exec 8>"$DIR/.lock"
    flock -w 180 8 || die "another rabbitmq.sh holds $DIR/.lock"
}

cmd_start() {
    ensure_dirs
    lock_state
    local started=$SECONDS
    ensure_credentials
    ensure_cookie
    ensure_certificate
    if node_pid >/dev/null; then
        write_server_env
        return 0
    fi

    rm -f "$DIR/server.env"
    write_config
    start_epmd
    start_node
    wait_ready
    write_server_env
    log "started in $((SECONDS - started))s: amqp://127.0.0.1:$AMQP_PORT, amqps://127.0.0.1:$AMQPS_PORT; state in $DIR"
}

cmd_stop() {
    [ -d "$DIR" ] || return 0
    lock_state
    rm -f "$DIR/server.env"
    local pid
    if pid="$(node_pid)"; then
        # Graceful first: `stop PIDFILE` returns once the node's process has gone.
        if ! as_rabbit timeout "$STOP_LIMIT_SECONDS" "$RABBIT_BIN/rabbitmqctl" -n "$NODE" stop "$DIR/rabbit.pid" \
            >"$DIR/log/stop.log" 2>&1; then
            log "rabbitmqctl stop failed (see $DIR/log/stop.log); stopping pid $pid"
        fi

        if alive "$pid"; then
            stop_pid "$pid" TERM "$STOP_LIMIT_SECONDS"
        fi

        log "stopped the node (pid $pid)"
    fi

    if pid="$(launcher_pid)"; then
        stop_pid "$pid" TERM "$STOP_LIMIT_SECONDS"
    fi

    if pid="$(epmd_pid)"; then
        stop_pid "$pid" TERM "$STOP_LIMIT_SECONDS"
        log "stopped epmd (pid $pid)"
    fi

    rm -f "$DIR/rabbit.pid" "$DIR/launcher.pid" "$DIR/epmd.pid"
}

cmd_status() {
    local pid
    if pid="$(node_pid)" && [ -s "$DIR/server.env" ]; then
        echo "$NAME running (pid $pid) amqp://127.0.0.1:$AMQP_PORT amqps://127.0.0.1:$AMQPS_PORT"
        return 0
    fi

    echo "$NAME stopped"
    return 3
}

run_command "$@"
