#!/usr/bin/env bash
# The real servers the integration tests talk to, all on loopback and non-default ports, one script
# per server under scripts/servers/ (each takes packages|start|stop|status and keeps its state under
# ${CONN_CHECK_TEST_STATE:-/tmp/conn-check-test-servers}/NAME, where `start` writes server.env).
# Usage: scripts/test-servers.sh start|stop|status
#   start   installs every server's Debian packages in one apt-get run, then starts each server
#   stop    stops each server by the PIDs it recorded
#   status  one line per server; exits non-zero when any is not running
set -euo pipefail
cd "$(dirname "$0")/.."

servers=(scripts/servers/*.sh)
case "${1:-}" in
    start)
        # shellcheck disable=SC2046 # one word per package
        bash scripts/apt-install.sh $(for server in "${servers[@]}"; do bash "$server" packages; done)
        for server in "${servers[@]}"; do
            bash "$server" start
        done
        ;;
    stop | status)
        status=0
        for server in "${servers[@]}"; do
            bash "$server" "$1" || status=$?
        done
        exit "$status"
        ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 3 ;;
esac
