# Shared by the hooks and actions of the conn-check charm; sourced, not run.
# Paths outside the charm can be moved with environment variables, which the tests use:
#   CONN_CHECK_STATE_DIR  what the hooks remember between runs (default /var/lib/conn-check/charm)
#   NRPE_CHECK_FILE       the NRPE command file (default /etc/nagios/nrpe.d/check_conn_check.cfg)
#   NAGIOS_EXPORT_DIR     where the Nagios service definition is exported (default /var/lib/nagios/export)
#   CONN_CHECK_SERVE_UNIT the systemd unit of conn-check serve (default /etc/systemd/system/conn-check-serve.service)

CHARM_DIR="${CHARM_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
STATE_DIR="${CONN_CHECK_STATE_DIR:-/var/lib/conn-check/charm}"
NRPE_CHECK_FILE="${NRPE_CHECK_FILE:-/etc/nagios/nrpe.d/check_conn_check.cfg}"
NAGIOS_EXPORT_DIR="${NAGIOS_EXPORT_DIR:-/var/lib/nagios/export}"
SERVE_UNIT_FILE="${CONN_CHECK_SERVE_UNIT:-/etc/systemd/system/conn-check-serve.service}"
SERVE_UNIT="$(basename "$SERVE_UNIT_FILE")"
SERVE_USER=conn-check
NRPE_COMMAND=conn_check

log() { juju-log "conn-check: $*"; }

# Blocks the unit with MESSAGE and fails the hook, so Juju shows why and retries on resolve.
fail() {
    status-set blocked "$*"
    juju-log -l ERROR "conn-check: $*"
    exit 1
}

# remember NAME VALUE / recall NAME: state kept between hooks (the binary, the config path).
remember() {
    mkdir -p "$STATE_DIR"
    printf '%s\n' "$2" >"$STATE_DIR/$1.tmp"
    mv "$STATE_DIR/$1.tmp" "$STATE_DIR/$1"
}
recall() {
    [ -s "$STATE_DIR/$1" ] && cat "$STATE_DIR/$1"
}
forget() {
    rm -f "$STATE_DIR/$1"
}

# Readable by conn-check and by nagios (which runs the NRPE check), as the 1.x manual asks of the
# principal's own config file; the owner and group are set only when they exist on this machine.
share_with_nagios() {
    local path="$1" owner="" group=""
    chmod 0660 "$path"
    if getent passwd "$SERVE_USER" >/dev/null; then owner="$SERVE_USER"; fi
    if getent group nagios >/dev/null; then group=nagios; fi
    if [ -n "$owner" ]; then
        chown "$owner${group:+:$group}" "$path"
    elif [ -n "$group" ]; then
        chgrp "$group" "$path"
    fi
}

# The conn-check command line Nagios runs, as in the 1.x manual's NRPE example; prints nothing
# while there is no binary or no configuration yet.
nagios_command() {
    local binary config
    binary="$(recall binary)" || return 1
    config="$(recall config-path)" || return 1
    printf '%s --max-timeout=%s --exclude-tags=%s %s\n' \
        "$binary" "$(config-get max-timeout)" "$(config-get nagios-exclude-tags)" "$config"
}

# The host name the nrpe charm gave (remembered by the nrpe hook, since other hooks cannot ask
# that relation without knowing its unit), else charm-helpers' CONTEXT-APP-N.
nagios_hostname() {
    recall nagios-hostname || printf '%s-%s-%s\n' "$(config-get nagios_context)" "${JUJU_UNIT_NAME%%/*}" "${JUJU_UNIT_NAME##*/}"
}

# Writes the NRPE command and the Nagios service definition the nrpe charm collects, then tells
# the nrpe charm over the relation (charm-helpers' "monitors" format), which makes it reload nrpe.
write_nrpe_check() {
    local command host groups export_file
    if ! command="$(nagios_command)"; then
        log "no configuration yet; the NRPE check is written once the conn-check relation gives one"
        return 0
    fi

    mkdir -p "$(dirname "$NRPE_CHECK_FILE")"
    cat >"$NRPE_CHECK_FILE.tmp" <<CFG
# Written by the conn-check charm (${JUJU_UNIT_NAME}); changes are overwritten.
command[$NRPE_COMMAND]=$command
CFG
    chmod 0644 "$NRPE_CHECK_FILE.tmp"
    mv "$NRPE_CHECK_FILE.tmp" "$NRPE_CHECK_FILE"

    host="$(nagios_hostname)"
    groups="$(config-get nagios_servicegroups)"
    groups="${groups:-$(config-get nagios_context)}"
    export_file="$NAGIOS_EXPORT_DIR/service__${host}_conn_check.cfg"
    mkdir -p "$NAGIOS_EXPORT_DIR"
    cat >"$export_file.tmp" <<CFG
# Written by the conn-check charm (${JUJU_UNIT_NAME}); changes are overwritten.
define service {
    use                  active-service
    host_name            $host
    service_description  connection checks with conn-check
    check_command        check_nrpe!$NRPE_COMMAND
    servicegroups        $groups
}
CFG
    chmod 0644 "$export_file.tmp"
    mv "$export_file.tmp" "$export_file"
    log "NRPE check written to $NRPE_CHECK_FILE: $command"
}

# Rewrites the NRPE check on every nrpe-external-master relation there is (none: nothing to do).
refresh_nrpe_relations() {
    local id
    for id in $(relation-ids nrpe-external-master); do
        write_nrpe_check
        relation-set -r "$id" monitors="$(monitors)"
    done
}

monitors() {
    printf 'monitors:\n  remote:\n    nrpe:\n      %s:\n        command: %s\n' "$NRPE_COMMAND" "$NRPE_COMMAND"
}

# Runs conn-check for an action with ARGS before the config file; sets output, exit-code and status.
run_action() {
    local binary config output code status
    binary="$(recall binary)" || { action-fail "conn-check is not installed yet"; return 0; }
    config="$(recall config-path)" || { action-fail "no configuration yet: relate the principal over the conn-check relation"; return 0; }
    code=0
    output="$("$binary" --max-timeout="$(config-get max-timeout)" "$@" "$config" 2>&1)" || code=$?
    case "$code" in
        0) status=OK ;;
        2) status=CRITICAL ;;
        *) status=UNKNOWN ;;
    esac
    action-set output="$output" exit-code="$code" status="$status"
    if [ "$code" -ne 0 ]; then
        action-fail "$status: ${output%%$'\n'*}"
    fi
}

# The unit's status once it has a configuration: what it checks, and where serve answers.
set_active_status() {
    local config
    config="$(recall config-path)" || return 0
    if [ -f "$SERVE_UNIT_FILE" ]; then
        status-set active "checks $config, served on $(config-get serve-listen)"
    else
        status-set active "checks $config"
    fi
}

# One ExecStart argument, quoted for systemd: spaces, quotes, backslashes, $ and % keep their meaning.
systemd_quote() {
    local s="$1"
    s="${s//\\/\\\\}"
    s="${s//\"/\\\"}"
    s="${s//%/%%}"
    s="${s//\$/\$\$}"
    printf '"%s"' "$s"
}

# Writes, starts, reloads or removes the conn-check-serve service as the serve settings say. A new
# unit is started; a changed one restarted; a changed checks file only reloaded (SIGHUP), which keeps
# the latest results and the metrics' counters.
refresh_serve() {
    local enabled listen interval port binary config unit address existed=false
    enabled="$(config-get serve)"
    case "${enabled,,}" in
        true) ;;
        false | "")
            remove_serve
            return 0
            ;;
        *) fail "serve must be true or false, not '$enabled'" ;;
    esac

    listen="$(config-get serve-listen)"
    if [[ "$listen" =~ ^(\[[0-9A-Fa-f:.]+\]|[0-9]{1,3}(\.[0-9]{1,3}){3}):([0-9]{1,5})$ ]] \
        && ((10#${BASH_REMATCH[3]} >= 1 && 10#${BASH_REMATCH[3]} <= 65535)); then
        address="${BASH_REMATCH[1]}"
        port="$((10#${BASH_REMATCH[3]}))"
    else
        fail "serve-listen must be ADDRESS:PORT, an IP address and a port from 1 to 65535 ([::1]:19190 for IPv6), not '$listen'"
    fi
    interval="$(config-get serve-interval)"
    if ! [[ "$interval" =~ ^[0-9]{1,9}$ ]] || ((10#$interval < 1)); then
        fail "serve-interval must be a whole number of seconds from 1, not '$interval'"
    fi
    interval="$((10#$interval))"

    binary="$(recall binary)" && config="$(recall config-path)" || {
        log "no configuration yet; conn-check serve starts once the conn-check relation gives one"
        return 0
    }
    [[ "$config" != *$'\n'* ]] || fail "the configuration path holds a line break: $config"

    ensure_serve_user
    # The file the charm writes from the deprecated inline config: readable by the service's user too.
    if [ "$config" = "$(config-get config-path)" ] && [ -f "$config" ]; then
        share_with_nagios "$config"
    fi

    unit="$(serve_unit "$binary" "$config" "$listen" "$interval" "$port")"
    [ -f "$SERVE_UNIT_FILE" ] && existed=true
    if [ "$existed" = true ] && [ "$unit" = "$(cat "$SERVE_UNIT_FILE")" ]; then
        if [ "$(checksum "$config")" != "$(recall serve-config-checksum)" ]; then
            systemctl reload "$SERVE_UNIT"
            log "conn-check serve reloads $config"
        fi
    else
        mkdir -p "$(dirname "$SERVE_UNIT_FILE")"
        printf '%s\n' "$unit" >"$SERVE_UNIT_FILE.tmp"
        chmod 0644 "$SERVE_UNIT_FILE.tmp"
        mv "$SERVE_UNIT_FILE.tmp" "$SERVE_UNIT_FILE"
        systemctl daemon-reload
        if [ "$existed" = true ]; then
            systemctl restart "$SERVE_UNIT"
        else
            systemctl enable --now "$SERVE_UNIT"
        fi
        log "conn-check serve on $listen every ${interval} s: $config"
    fi
    remember serve-config-checksum "$(checksum "$config")"

    # Juju opens only what a unit asks for; loopback needs nothing.
    local opened
    opened="$(recall serve-port)" || opened=""
    if [[ "$address" == 127.* || "$address" == "[::1]" ]]; then
        port=""
    fi
    if [ -n "$opened" ] && [ "$opened" != "$port" ]; then
        close-port "$opened/tcp"
        forget serve-port
    fi
    if [ -n "$port" ] && [ "$opened" != "$port" ]; then
        open-port "$port/tcp"
        remember serve-port "$port"
    fi
}

# Stops, disables and removes the service, and closes its port; nothing to do when there is none.
remove_serve() {
    local opened
    if [ -f "$SERVE_UNIT_FILE" ]; then
        systemctl disable --now "$SERVE_UNIT"
        rm -f "$SERVE_UNIT_FILE"
        systemctl daemon-reload
        log "conn-check serve stopped and removed"
    fi
    if opened="$(recall serve-port)"; then
        close-port "$opened/tcp"
        forget serve-port
    fi
    forget serve-config-checksum
}

# The service runs as a system user of its own, which the 1.x manual already asks the principal's
# config file to be readable by.
ensure_serve_user() {
    if ! getent passwd "$SERVE_USER" >/dev/null; then
        useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$SERVE_USER"
    fi
}

checksum() {
    if [ -r "$1" ]; then sha256sum <"$1"; else echo unreadable; fi
}

# The systemd unit of conn-check serve; ports below 1024 get the one capability they need.
serve_unit() {
    local binary="$1" config="$2" listen="$3" interval="$4" port="$5" capabilities="" groups=""
    if ((port < 1024)); then
        capabilities=CAP_NET_BIND_SERVICE
    fi
    # A config file shared with nagios (see share_with_nagios) is read through that group.
    if getent group nagios >/dev/null; then
        groups=$'\nSupplementaryGroups=nagios'
    fi
    cat <<UNIT
# Written by the conn-check charm (${JUJU_UNIT_NAME}); changes are overwritten.
[Unit]
Description=conn-check serve: connection checks of the unit, for Prometheus
Documentation=man:conn-check(1)
Wants=network-online.target
After=network-online.target

[Service]
Type=exec
ExecStart=$(systemd_quote "$binary") serve --listen $listen --interval $interval $(systemd_quote "$config")
ExecReload=/bin/kill -HUP \$MAINPID
Restart=on-failure
RestartSec=5
User=$SERVE_USER
Group=$SERVE_USER$groups
AmbientCapabilities=$capabilities
CapabilityBoundingSet=$capabilities
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=read-only
PrivateTmp=yes
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
LockPersonality=yes
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK
SystemCallArchitectures=native
UMask=0077

[Install]
WantedBy=multi-user.target
UNIT
}
