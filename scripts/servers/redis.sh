#!/usr/bin/env bash
# Redis for the redis check's tests: Debian's redis-server, two instances of our own under
# STATE/redis, never the system's.
#   127.0.0.1:16379   requirepass (random password) and an ACL user, tester, with its own password
#   127.0.0.1:16380   no password at all (the check's PING path)
#   127.0.0.1:16389   TLS (tls-port of the 16379 instance, same passwords), with a certificate for
#                     localhost and 127.0.0.1 from a throw-away CA (STATE/redis/ca, for --tls-certs-path)
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
TLS_PORT=16389
ACL_USER=tester
INSTANCES=(auth open)
READY_LIMIT_SECONDS=20
STOP_LIMIT_SECONDS=15

# shellcheck source=scripts/lib/server.sh
source "$(dirname "$0")/../lib/server.sh"

packages() { echo "redis-server redis-tools openssl"; }

certificates_valid() {
    [ -s "$STATE/ca/ca.pem" ] && [ -s "$STATE/tls/server.pem" ] && [ -s "$STATE/tls/server.key" ] &&
        certificate_fresh "$STATE/tls/server.pem" && certificate_fresh "$STATE/ca/ca.pem"
}

# A CA of its own (its certificate alone in STATE/ca) and the certificate the TLS port presents.
make_certificates() {
    local tls="$STATE/tls"
    rm -rf "$tls" "$STATE/ca"
    mkdir -p "$tls" "$STATE/ca"
    openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha256 -days "$CERTIFICATE_DAYS" \
        -subj "/CN=conn-check test redis CA $(openssl rand -hex 4)" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -keyout "$tls/ca.key" -out "$STATE/ca/ca.pem" 2>/dev/null
    openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha256 -subj "/CN=localhost" \
        -keyout "$tls/server.key" -out "$tls/server.csr" 2>/dev/null
    printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth" \
        "subjectAltName=DNS:localhost,IP:127.0.0.1" >"$tls/server.ext"
    openssl x509 -req -sha256 -days "$CERTIFICATE_DAYS" -in "$tls/server.csr" -CA "$STATE/ca/ca.pem" -CAkey "$tls/ca.key" \
        -CAcreateserial -CAserial "$tls/ca.srl" -extfile "$tls/server.ext" -out "$tls/server.pem" 2>/dev/null
    chmod 644 "$STATE/ca/ca.pem" "$tls/server.pem"
    chmod 600 "$tls/ca.key" "$tls/server.key"
}

port_of() {
    case "$1" in
        auth) echo "$AUTH_PORT" ;;
        open) echo "$OPEN_PORT" ;;
    esac
}

# The PID an instance recorded, if it still runs with our configuration file.
running_pid() { recorded_pid "$STATE/$1.pid" "$STATE/$1.conf"; }

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
            echo "tls-port $TLS_PORT"
            echo "tls-cert-file $STATE/tls/server.pem"
            echo "tls-key-file $STATE/tls/server.key"
            echo "tls-ca-cert-file $STATE/ca/ca.pem"
            # The check proves the server to the client; clients need no certificate of their own.
            echo "tls-auth-clients no"
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
        [ "$(cli -p "$OPEN_PORT" ping)" = PONG ] &&
        [ "$(cli -p "$TLS_PORT" --tls --cacert "$STATE/ca/ca.pem" --sni localhost -a "$PASSWORD" ping)" = PONG ]
}

write_env() {
    publish_env <<EOF
HOST=127.0.0.1
PORT=$AUTH_PORT
PASSWORD=$PASSWORD
ACL_USER=$ACL_USER
ACL_PASSWORD=$ACL_PASSWORD
OPEN_PORT=$OPEN_PORT
TLS_PORT=$TLS_PORT
CA_DIR=$STATE/ca
LOG=$STATE/auth.log
EOF
}

cmd_start() {
    [ -x /usr/bin/redis-server ] && [ -x /usr/bin/redis-cli ] || die "Redis is not installed: apt-get install -y $(packages)"
    mkdir -p "$STATE"
    ensure_credentials
    if ! certificates_valid; then
        # The TLS port reads its certificate when the instance starts.
        stop_instance auth
        make_certificates
    fi

    # An instance started before it had a TLS port gets one.
    if running_pid auth >/dev/null && ! grep -q '^tls-port ' "$STATE/auth.conf"; then
        stop_instance auth
    fi

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
            echo "$NAME $name running (pid $pid) 127.0.0.1:$(port_of "$name")$([ "$name" = auth ] && echo " and TLS 127.0.0.1:$TLS_PORT")"
        else
            echo "$NAME $name stopped"
            all=3
        fi
    done

    return "$all"
}

run_command "$@"
