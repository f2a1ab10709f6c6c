#!/usr/bin/env bash
# Exim for the smtp check's tests: Debian's exim4-daemon-light run with its own configuration,
# spool, logs and mail under STATE/exim, never the system's Exim. All on 127.0.0.1:
#   14465  implicit TLS (tls_on_connect_ports); AUTH PLAIN and LOGIN offered
#   14587  STARTTLS; AUTH offered only once TLS is on
#   14025  plain: neither STARTTLS nor AUTH is offered
#   14026  plain, refuses EHLO (550) and accepts HELO, and takes mail without AUTH, as an old
#          server would from its own network: for helo_fallback
# One test user whose random password lives in STATE/exim/credentials.env; the authenticators
# compare against it in the configuration (plaintext driver, no password file).
# Mail to any local part @conncheck.test (after AUTH, except on 14026) is delivered to one Maildir,
# STATE/exim/maildir; every other recipient is refused with 550, and so is a sender
# @rejected.conncheck.test. The main log lists the recipients of every message received.
# `start` writes STATE/exim/server.env (KEY=VALUE) once an AUTH PLAIN over TLS succeeds.
#
# Exim refuses a configuration that is not owned by root or that others can write, and Debian's
# binary keeps root privilege for `-C FILE` only when FILE is listed in TRUSTED_CONFIG_LIST
# (/etc/exim4/trusted_configs) or the caller is root; as root the daemon starts as root, listens,
# and receives and delivers as Debian-exim. That is how this script runs it (as CI does).
#
# Usage: scripts/servers/exim.sh packages|start|stop|status
set -euo pipefail

NAME=exim
BASE="$(realpath -m "${CONN_CHECK_TEST_STATE:-/tmp/conn-check-test-servers}")"
STATE="$BASE/$NAME"
CONF="$STATE/exim.conf"
TLS_PORT=14465
STARTTLS_PORT=14587
PLAIN_PORT=14025
NO_EHLO_PORT=14026
DOMAIN=conncheck.test
REJECTED_SENDER_DOMAIN=rejected.conncheck.test
USER_NAME=conncheck
EXIM_USER=Debian-exim
READY_LIMIT_SECONDS=20
STOP_LIMIT_SECONDS=15

# shellcheck source=scripts/lib/server.sh
source "$(dirname "$0")/../lib/server.sh"

packages() { echo "exim4-daemon-light openssl swaks libnet-ssleay-perl"; }

exim_binary() {
    [ -x /usr/sbin/exim4 ] || die "Exim is not installed: apt-get install -y $(packages)"
    echo /usr/sbin/exim4
}

# The daemon's PID as recorded by start, if that process still runs on our configuration.
running_pid() {
    local pid
    [ -s "$STATE/server.pid" ] || return 1
    pid="$(tr -dc '0-9' <"$STATE/server.pid")"
    [ -n "$pid" ] && alive "$pid" || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$CONF" || return 1
    echo "$pid"
}

make_certificate() {
    make_self_signed_certificate
    # Read by the receiving process, which runs as the Exim user.
    chmod 640 "$STATE/tls/server.key"
    if is_root; then
        chgrp "$EXIM_USER" "$STATE/tls/server.key"
    fi
}

configure() {
    # Owned by root when root runs this (Exim insists), by the caller otherwise.
    local run_as_lines="" transport_user=""
    if is_root; then
        run_as_lines="exim_user = $EXIM_USER
exim_group = $EXIM_USER"
        transport_user="user = $EXIM_USER"
    fi

    cat >"$CONF.tmp" <<EOF
# Written by scripts/servers/exim.sh at every start; nothing outside $STATE.
$run_as_lines
primary_hostname = smtp.$DOMAIN
qualify_domain = $DOMAIN
local_interfaces = 127.0.0.1
daemon_smtp_ports = $PLAIN_PORT : $TLS_PORT : $STARTTLS_PORT : $NO_EHLO_PORT
tls_on_connect_ports = $TLS_PORT
tls_certificate = $STATE/tls/server.crt
tls_privatekey = $STATE/tls/server.key
# STARTTLS everywhere but the plain ports.
tls_advertise_hosts = \${if or{{eq{\$received_port}{$PLAIN_PORT}}{eq{\$received_port}{$NO_EHLO_PORT}}}{}{*}}
spool_directory = $STATE/spool
log_file_path = $STATE/log/%slog
log_selector = +received_recipients +smtp_connection +smtp_protocol_error
pid_file_path = $STATE/exim.pid
keep_environment =
# No DNS and no ident callbacks: loopback only, and no waiting on lookups.
host_lookup =
rfc1413_hosts =
rfc1413_query_timeout = 0s
smtp_accept_max = 200
smtp_accept_max_per_host = 200
smtp_accept_queue_per_connection = 0
acl_smtp_helo = acl_helo
acl_smtp_mail = acl_mail
acl_smtp_rcpt = acl_rcpt

begin acl

acl_helo:
  deny    condition = \${if and{{eq{\$received_port}{$NO_EHLO_PORT}}{eqi{\${extract{1}{ }{\$smtp_command}}}{EHLO}}}}
          message = EHLO not supported here, say HELO
  accept

acl_mail:
  deny    senders = *@$REJECTED_SENDER_DOMAIN
          message = sender rejected by the conn-check test server
  accept

acl_rcpt:
  deny    !authenticated = *
          condition = \${if !eq{\$received_port}{$NO_EHLO_PORT}}
          message = authentication required
  accept  domains = $DOMAIN
  deny    message = no such recipient here

begin routers

maildir:
  driver = accept
  domains = $DOMAIN
  transport = maildir_delivery

begin transports

maildir_delivery:
  driver = appendfile
  directory = $STATE/maildir
  maildir_format
  create_directory
  delivery_date_add
  envelope_to_add
  return_path_add
  mode = 0644
  directory_mode = 0755
  $transport_user

begin authenticators

plain:
  driver = plaintext
  public_name = PLAIN
  server_prompts = :
  server_condition = \${if and{{eq{\$auth2}{$USER_NAME}}{eq{\$auth3}{$PASSWORD}}}}
  server_set_id = \$auth2
  server_advertise_condition = \${if def:tls_in_cipher}

login:
  driver = plaintext
  public_name = LOGIN
  server_prompts = <| Username: | Password:
  server_condition = \${if and{{eq{\$auth1}{$USER_NAME}}{eq{\$auth2}{$PASSWORD}}}}
  server_set_id = \$auth1
  server_advertise_condition = \${if def:tls_in_cipher}
EOF
    # The password is in it: only root (or the caller) and the Exim group may read it.
    chmod 640 "$CONF.tmp"
    if is_root; then
        chown root:"$EXIM_USER" "$CONF.tmp"
    fi

    mv "$CONF.tmp" "$CONF"
}

prepare_directories() {
    mkdir -p "$STATE/spool" "$STATE/log" "$STATE/maildir"
    if is_root; then
        chown "$EXIM_USER:$EXIM_USER" "$STATE/spool" "$STATE/log" "$STATE/maildir"
    fi

    chmod 750 "$STATE/spool"
    chmod 755 "$STATE/log" "$STATE/maildir"
}

# A real AUTH PLAIN over implicit TLS, and the plain port's greeting, prove the daemon is ready.
probe() {
    swaks --server 127.0.0.1 --port "$TLS_PORT" --tls-on-connect --auth PLAIN \
        --auth-user "$USER_NAME" --auth-password "$PASSWORD" --quit-after AUTH --timeout 2 >/dev/null 2>&1 &&
        swaks --server 127.0.0.1 --port "$PLAIN_PORT" --quit-after EHLO --timeout 2 >/dev/null 2>&1
}

write_env() {
    publish_env <<EOF
HOST=127.0.0.1
TLS_PORT=$TLS_PORT
STARTTLS_PORT=$STARTTLS_PORT
PLAIN_PORT=$PLAIN_PORT
NO_EHLO_PORT=$NO_EHLO_PORT
USER=$USER_NAME
PASSWORD=$PASSWORD
DOMAIN=$DOMAIN
REJECTED_SENDER_DOMAIN=$REJECTED_SENDER_DOMAIN
MAILDIR=$STATE/maildir
MAINLOG=$STATE/log/mainlog
TLS_CERT=$STATE/tls/server.crt
EOF
}

cmd_start() {
    local exim
    exim="$(exim_binary)"
    command -v swaks >/dev/null 2>&1 || die "swaks is not installed: apt-get install -y $(packages)"
    mkdir -p "$BASE" "$STATE"
    # The receiving and delivering processes run as the Exim user: they must walk into STATE.
    chmod 755 "$BASE" "$STATE"
    ensure_password smtp
    if ! running_pid >/dev/null; then
        rm -f "$STATE/server.env"
        make_certificate
        prepare_directories
        configure
        "$exim" -C "$CONF" -bV >"$STATE/configtest.log" 2>&1 ||
            { tail -n 20 "$STATE/configtest.log" >&2; die "exim rejected $CONF"; }
        # -bdf: the daemon stays in the foreground of its own process, so $! is its PID; -q is not
        # given, so each message is delivered as soon as it is received, with no queue runner.
        "$exim" -C "$CONF" -bdf </dev/null >"$STATE/daemon.log" 2>&1 9>&- &
        echo "$!" >"$STATE/server.pid"
    fi

    local tries=$((READY_LIMIT_SECONDS * 10))
    until probe; do
        tries=$((tries - 1))
        if [ "$tries" -le 0 ] || ! running_pid >/dev/null; then
            tail -n 20 "$STATE/daemon.log" "$STATE/log/paniclog" "$STATE/log/mainlog" >&2 2>/dev/null || true
            die "exim did not answer within ${READY_LIMIT_SECONDS}s (logs under $STATE/log)"
        fi

        sleep 0.1
    done

    write_env
    cmd_status
}

cmd_stop() {
    stop_recorded TERM
}

cmd_status() {
    local pid
    if pid="$(running_pid)"; then
        echo "$NAME running (pid $pid) 127.0.0.1: TLS $TLS_PORT, STARTTLS $STARTTLS_PORT, plain $PLAIN_PORT, no EHLO $NO_EHLO_PORT"
    else
        echo "$NAME stopped"
        return 3
    fi
}

run_command "$@"
