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
