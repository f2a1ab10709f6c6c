#!/usr/bin/env bash
# Prometheus for serve's end-to-end tests: Debian's prometheus, an instance of our own under
# STATE/prometheus (configuration, TSDB, log), never the system's. It listens on 127.0.0.1:19390
# and scrapes one fixed target, 127.0.0.1:19391 (job "conn-check"), every second, where the tests
# run `conn-check serve`; it evaluates examples/prometheus/conn-check-alerts.yaml every second.
# Nothing else: no Alertmanager, no remote write, nothing scraped but that target.
# `start` writes STATE/prometheus/server.env (KEY=VALUE) once it is ready with the rules loaded;
# when it already runs, `start` reloads it (SIGHUP) if the configuration or the rules changed.
#
# Usage: scripts/servers/prometheus.sh packages|start|stop|status
set -euo pipefail

NAME=prometheus
BASE="$(realpath -m "${CONN_CHECK_TEST_STATE:-/tmp/conn-check-test-servers}")"
STATE="$BASE/$NAME"
PORT=19390
TARGET=127.0.0.1:19391
JOB=conn-check
RULES_SOURCE="$(realpath "$(dirname "$0")/../../examples/prometheus/conn-check-alerts.yaml")"
READY_LIMIT_SECONDS=30
STOP_LIMIT_SECONDS=15

# shellcheck source=scripts/lib/server.sh
source "$(dirname "$0")/../lib/server.sh"

# curl asks it whether it is ready and which rules it loaded.
packages() { echo "prometheus curl"; }

# The PID recorded at start, if it still runs with our configuration file.
running_pid() { recorded_pid "$STATE/server.pid" "$STATE/prometheus.yml"; }

# Whether anything accepts connections on 127.0.0.1:PORT; bash's /dev/tcp needs no client package.
port_taken() {
    timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# The configuration and the rules as this checkout has them, in STATE/new, checked by promtool;
# the rules are named relative to the configuration, so the pair checked is the pair installed.
write_config() {
    rm -rf "$STATE/new"
    mkdir -p "$STATE/new"
    cp "$RULES_SOURCE" "$STATE/new/conn-check-alerts.yaml"
    cat >"$STATE/new/prometheus.yml" <<CONFIG
# Written by scripts/servers/prometheus.sh; nothing outside $STATE.
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
rule_files:
  - conn-check-alerts.yaml
scrape_configs:
  - job_name: $JOB
    static_configs:
      - targets: ["$TARGET"]
CONFIG
    /usr/bin/promtool check config "$STATE/new/prometheus.yml" >"$STATE/new/check.log" 2>&1 ||
        { cat "$STATE/new/check.log" >&2; die "promtool rejects the configuration or the rules"; }
}

# Moves STATE/new's files into place; returns 1 when they are what was there.
install_config() {
    local changed=1 file
    for file in prometheus.yml conn-check-alerts.yaml; do
        if ! cmp -s "$STATE/new/$file" "$STATE/$file"; then
            changed=0
        fi
    done

    # The rules first: the configuration names the file it loads.
    mv "$STATE/new/conn-check-alerts.yaml" "$STATE/conn-check-alerts.yaml"
    mv "$STATE/new/prometheus.yml" "$STATE/prometheus.yml"
    rm -rf "$STATE/new"
    return "$changed"
}

# Ready, and its rules loaded from the file this start installed: every alert in it has a rule.
ready() {
    running_pid >/dev/null || return 1
    [ "$(curl -s -o /dev/null --max-time 2 --noproxy '' -w '%{http_code}' "http://127.0.0.1:$PORT/-/ready")" = 200 ] || return 1
    local rules alert
    rules="$(curl -s --max-time 2 --noproxy '' "http://127.0.0.1:$PORT/api/v1/rules?type=alert")" || return 1
    for alert in $(sed -n 's/^[[:space:]]*- alert:[[:space:]]*\([A-Za-z0-9_]*\).*/\1/p' "$STATE/conn-check-alerts.yaml"); do
        [[ "$rules" == *"\"name\":\"$alert\""* ]] || return 1
    done
}

write_env() {
    publish_env <<ENV
URL=http://127.0.0.1:$PORT
TARGET=$TARGET
JOB=$JOB
SCRAPE_INTERVAL_SECONDS=1
RULES=$STATE/conn-check-alerts.yaml
LOG=$STATE/prometheus.log
ENV
}

cmd_start() {
    [ -x /usr/bin/prometheus ] && [ -x /usr/bin/promtool ] || die "prometheus is not installed: apt-get install -y $(packages)"
    [ -s "$RULES_SOURCE" ] || die "no rules file at $RULES_SOURCE"
    mkdir -p "$STATE"
    exec 9>"$STATE/.lock"
    flock -w 60 9 || die "another servers/prometheus.sh holds $STATE/.lock"

    write_config
    local pid
    if pid="$(running_pid)"; then
        if install_config; then
            log "configuration or rules changed; reloading (pid $pid)"
            kill -HUP "$pid"
        fi
    else
        rm -f "$STATE/server.env" "$STATE/server.pid"
        port_taken "$PORT" && die "127.0.0.1:$PORT is in use by another program"
        install_config || true
        mkdir -p "$STATE/data"
        # setsid: it outlives this script and the terminal's signals; it writes no pid file, so
        # the PID is the one this shell started.
        setsid /usr/bin/prometheus \
            --config.file="$STATE/prometheus.yml" \
            --storage.tsdb.path="$STATE/data" \
            --storage.tsdb.retention.time=1d \
            --web.listen-address="127.0.0.1:$PORT" \
            --log.level=warn \
            </dev/null >"$STATE/prometheus.log" 2>&1 9>&- &
        echo $! >"$STATE/server.pid"
    fi

    wait_until "$READY_LIMIT_SECONDS" "ready Prometheus with every rule of $RULES_SOURCE loaded (log: $STATE/prometheus.log)" ready

    write_env
    cmd_status
}

cmd_stop() {
    [ -d "$STATE" ] || return 0
    stop_recorded TERM
}

cmd_status() {
    local pid
    if pid="$(running_pid)"; then
        echo "$NAME running (pid $pid) http://127.0.0.1:$PORT, scraping $TARGET every 1 s"
    else
        echo "$NAME stopped"
        return 3
    fi
}

run_command "$@"
