# Helpers shared by scripts/servers/*.sh (sourced, not run). The sourcing script sets NAME first.

log() { echo "$NAME: $*" >&2; }
die() { log "$*"; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

# Whether a process exists and is not a zombie.
alive() {
    local state
    state="$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null)" || return 1
    [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

# recorded_pid PIDFILE MARKER: the PID in PIDFILE, if that process still runs with MARKER (a file of
# ours) on its command line: a PID reused by an unrelated process is never ours.
recorded_pid() {
    local pid
    [ -s "$1" ] || return 1
    pid="$(tr -dc '0-9' <"$1")"
    [ -n "$pid" ] && alive "$pid" || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$2" || return 1
    echo "$pid"
}

# stop_pid PID SIGNAL SECONDS: sends SIGNAL, waits up to SECONDS for the process to end, then SIGKILL.
stop_pid() {
    local pid=$1 signal=$2 limit=$3
    kill "-$signal" "$pid" 2>/dev/null || true
    local tries=$((limit * 10))
    while alive "$pid" && [ "$tries" -gt 0 ]; do
        sleep 0.1
        tries=$((tries - 1))
    done

    if alive "$pid"; then
        log "pid $pid did not stop within ${limit}s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
}

# wait_until SECONDS WHAT COMMAND...: runs COMMAND every 0.1 s until it succeeds; dies with
# "no WHAT within SECONDS s" when it never does.
wait_until() {
    local limit=$1 what=$2
    shift 2
    local tries=$((limit * 10))
    until "$@"; do
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || die "no $what within ${limit}s"
        sleep 0.1
    done
}

# ensure_password PREFIX: sets PASSWORD from STATE/credentials.env, creating it (random, mode 600) the
# first time, so a server keeps its password across restarts of the same state directory.
ensure_password() {
    local file="$STATE/credentials.env"
    if [ ! -s "$file" ]; then
        echo "PASSWORD=$1-$(openssl rand -hex 12)" >"$file.tmp"
        chmod 600 "$file.tmp"
        mv "$file.tmp" "$file"
    fi

    # shellcheck disable=SC1090
    . "$file"
}

# The test servers' certificates are valid for 30 days and made anew once fewer than 20 are left: always
# more than --cert-warning-days' default 14, so that no check of them warns unless a test asks it to.
CERTIFICATE_DAYS=30
CERTIFICATE_RENEW_SECONDS=$((20 * 86400))

# certificate_fresh PEM: whether the certificate exists and has more than 20 days left.
certificate_fresh() {
    [ -s "$1" ] && openssl x509 -checkend "$CERTIFICATE_RENEW_SECONDS" -noout -in "$1" >/dev/null 2>&1
}

# make_self_signed_certificate: STATE/tls/server.{crt,key} for localhost and 127.0.0.1 (kept while
# certificate_fresh). The caller sets the key's owner and mode: servers differ in what they accept.
make_self_signed_certificate() {
    if certificate_fresh "$STATE/tls/server.crt"; then
        return 0
    fi

    mkdir -p "$STATE/tls"
    openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha256 -days "$CERTIFICATE_DAYS" \
        -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
        -keyout "$STATE/tls/server.key" -out "$STATE/tls/server.crt" 2>/dev/null
    chmod 644 "$STATE/tls/server.crt"
}

# publish_env < KEY=VALUE lines: writes STATE/server.env, the tests' view of the server, all at once.
publish_env() {
    cat >"$STATE/server.env.tmp"
    mv "$STATE/server.env.tmp" "$STATE/server.env"
}

# stop_recorded SIGNAL: stops the one process running_pid reports (SIGNAL first, SIGKILL after
# STOP_LIMIT_SECONDS) and forgets its pid and env files; a no-op when it is not running.
stop_recorded() {
    local pid
    pid="$(running_pid)" || { rm -f "$STATE/server.pid" "$STATE/server.env"; return 0; }
    rm -f "$STATE/server.env"
    stop_pid "$pid" "$1" "$STOP_LIMIT_SECONDS"
    rm -f "$STATE/server.pid"
    log "stopped (pid $pid)"
}

# run_command COMMAND: every server script's interface, packages|start|stop|status, from the script's
# packages, cmd_start, cmd_stop and cmd_status.
run_command() {
    case "${1:-}" in
        packages) packages ;;
        start) cmd_start ;;
        stop) cmd_stop ;;
        status) cmd_status ;;
        *) echo "usage: $0 packages|start|stop|status" >&2; exit 3 ;;
    esac
}
