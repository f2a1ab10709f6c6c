# Shared by the hooks and actions of the conn-check charm; sourced, not run.
# Paths outside the charm can be moved with environment variables, which the tests use:
#   CONN_CHECK_STATE_DIR  what the hooks remember between runs (default /var/lib/conn-check/charm)
#   NRPE_CHECK_FILE       the NRPE command file (default /etc/nagios/nrpe.d/check_conn_check.cfg)
#   NAGIOS_EXPORT_DIR     where the Nagios service definition is exported (default /var/lib/nagios/export)

CHARM_DIR="${CHARM_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
STATE_DIR="${CONN_CHECK_STATE_DIR:-/var/lib/conn-check/charm}"
NRPE_CHECK_FILE="${NRPE_CHECK_FILE:-/etc/nagios/nrpe.d/check_conn_check.cfg}"
NAGIOS_EXPORT_DIR="${NAGIOS_EXPORT_DIR:-/var/lib/nagios/export}"
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

# Readable by conn-check and by nagios (which runs the NRPE check), as the 1.x manual asks of the
# principal's own config file; the owner and group are set only when they exist on this machine.
share_with_nagios() {
    local path="$1"
    chmod 0660 "$path"
    if getent group nagios >/dev/null; then
        if getent passwd conn-check >/dev/null; then
            chown conn-check:nagios "$path"
        else
            chgrp nagios "$path"
        fi
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
