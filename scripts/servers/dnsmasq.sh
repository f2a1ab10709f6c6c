#!/usr/bin/env bash
# A DNS server for the dns check's and the --resolver tests: Debian's dnsmasq on 127.0.0.1:15353 (UDP
# and TCP), answering only the fixed records below: no upstream, no /etc/hosts, no DHCP, its own
# configuration under STATE/dnsmasq, never the system's.
#
# Names under conn-check.test (anything else there is NXDOMAIN; names outside it are REFUSED):
#   three   A 127.0.0.1, 127.0.0.2, 127.0.0.3
#   one     A 127.0.0.1, AAAA ::1
#   v6      AAAA ::1
#   alias   CNAME one.conn-check.test
#   @       MX 10 mail.conn-check.test, 20 backup.conn-check.test
#   _svc._tcp  SRV 0 5 5432 one.conn-check.test
#   txt     TXT "v=conn-check1" and "hello world"
#   *.fail  SERVFAIL
# SERVFAIL comes from DNSSEC validation, the one answer dnsmasq turns into SERVFAIL by itself: a
# second dnsmasq on 127.0.0.1:15354 serves fail.conn-check.test unsigned, while the first holds made-up
# trust anchors, so every answer from there is bogus. Local records are never validated.
# `start` writes STATE/dnsmasq/server.env (KEY=VALUE) once both answer.
#
# Usage: scripts/servers/dnsmasq.sh packages|start|stop|status
set -euo pipefail

NAME=dnsmasq
BASE="$(realpath -m "${CONN_CHECK_TEST_STATE:-/tmp/conn-check-test-servers}")"
STATE="$BASE/$NAME"
PORT=15353
UPSTREAM_PORT=15354
READY_LIMIT_SECONDS=20
STOP_LIMIT_SECONDS=15
DNSMASQ=/usr/sbin/dnsmasq
# A made-up DS digest: it matches no key, which is what makes fail.conn-check.test bogus.
BOGUS_DS="12345,8,2,$(printf '0%.0s' {1..64})"

# shellcheck source=scripts/lib/server.sh
source "$(dirname "$0")/../lib/server.sh"
# shellcheck source=scripts/lib/dns.sh
source "$(dirname "$0")/../lib/dns.sh"

# dnsmasq-base: the daemon without the system service that would take port 53.
packages() { echo "dnsmasq-base"; }

# running_pid [upstream]: the PID that instance recorded, if it still runs with our pid file.
running_pid() { recorded_pid "$STATE/${1:-server}.pid" "$STATE/${1:-server}.pid"; }

ready() {
    [ "$(probe_rcode three.conn-check.test 1 "$PORT" "$STATE")" = 0 ] &&
        [ "$(probe_rcode x.fail.conn-check.test 1 "$UPSTREAM_PORT" "$STATE")" = 0 ] &&
        running_pid >/dev/null && running_pid upstream >/dev/null
}

write_config() {
    local common="port=%s
listen-address=127.0.0.1
bind-interfaces
no-resolv
no-hosts
no-poll
log-facility=%s
"
    # shellcheck disable=SC2059 # the format is ours
    {
        printf "$common" "$UPSTREAM_PORT" "$STATE/upstream.log"
        cat <<CONF
local=/fail.conn-check.test/
host-record=x.fail.conn-check.test,127.0.0.9
CONF
    } >"$STATE/upstream.conf"

    # shellcheck disable=SC2059
    {
        printf "$common" "$PORT" "$STATE/dnsmasq.log"
        cat <<CONF
local=/conn-check.test/
host-record=three.conn-check.test,127.0.0.1
host-record=three.conn-check.test,127.0.0.2
host-record=three.conn-check.test,127.0.0.3
host-record=one.conn-check.test,127.0.0.1,::1
host-record=v6.conn-check.test,::1
host-record=mail.conn-check.test,127.0.0.1
host-record=backup.conn-check.test,127.0.0.2
cname=alias.conn-check.test,one.conn-check.test
mx-host=conn-check.test,mail.conn-check.test,10
mx-host=conn-check.test,backup.conn-check.test,20
srv-host=_svc._tcp.conn-check.test,one.conn-check.test,5432,0,5
txt-record=txt.conn-check.test,"v=conn-check1"
txt-record=txt.conn-check.test,"hello world"
server=/fail.conn-check.test/127.0.0.1#$UPSTREAM_PORT
dnssec
trust-anchor=.,$BOGUS_DS
trust-anchor=fail.conn-check.test,$BOGUS_DS
CONF
    } >"$STATE/dnsmasq.conf"
}

write_env() {
    publish_env <<EOF
HOST=127.0.0.1
PORT=$PORT
RESOLVER=127.0.0.1:$PORT
THREE=three.conn-check.test
ONE=one.conn-check.test
V6=v6.conn-check.test
ALIAS=alias.conn-check.test
MX=conn-check.test
SRV=_svc._tcp.conn-check.test
TXT=txt.conn-check.test
SERVFAIL=x.fail.conn-check.test
NXDOMAIN=nope.conn-check.test
LOG=$STATE/dnsmasq.log
EOF
}

# start_instance NAME: starts dnsmasq with STATE/NAME.conf unless the one it recorded still runs.
start_instance() {
    local instance=$1 pidfile="$STATE/$1.pid"
    [ "$instance" = dnsmasq ] && pidfile="$STATE/server.pid"
    if [ "$instance" = dnsmasq ] && running_pid >/dev/null; then return 0; fi
    if [ "$instance" = upstream ] && running_pid upstream >/dev/null; then return 0; fi
    rm -f "$pidfile"
    "$DNSMASQ" --conf-file="$STATE/$instance.conf" --pid-file="$pidfile" \
        </dev/null >"$STATE/$instance.out" 2>&1 9>&- ||
        { cat "$STATE/$instance.out" >&2 || true; die "dnsmasq ($instance) did not start"; }
}

cmd_start() {
    [ -x "$DNSMASQ" ] || die "dnsmasq is not installed: apt-get install -y $(packages)"
    mkdir -p "$STATE"
    rm -f "$STATE/server.env"
    write_config
    start_instance upstream
    start_instance dnsmasq

    # Ready when both answer and their pid files name them; stop only ever kills PIDs they recorded.
    wait_until "$READY_LIMIT_SECONDS" "answers, or no pid files, (log: $STATE/dnsmasq.log)" ready

    write_env
    cmd_status
}

cmd_stop() {
    local pid
    stop_recorded TERM
    if pid="$(running_pid upstream)"; then
        stop_pid "$pid" TERM "$STOP_LIMIT_SECONDS"
        log "stopped upstream (pid $pid)"
    fi
    rm -f "$STATE/upstream.pid"
}

cmd_status() {
    local pid upstream
    if pid="$(running_pid)" && upstream="$(running_pid upstream)"; then
        echo "$NAME running (pids $pid, $upstream) 127.0.0.1:$PORT"
    else
        echo "$NAME stopped"
        return 3
    fi
}

run_command "$@"
