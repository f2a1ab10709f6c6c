# The demo peer host (tests/ConnCheck.TestPeers `demo`) for scripts/demo.sh, scripts/format-samples.sh
# and bench/*.sh (sourced, not run). It listens on 127.0.0.1 only: TCP 18001, 18002 (silent), 18004 and
# 18005 (64 KiB of random bytes, then silent; 18005's start with a long message's length), TLS 18443
# (certificate for localhost and 127.0.0.1 from a throw-away CA in DIR/ca), UDP 18125.

# build_project PROJECT ARTIFACTS: a Release build, its output shown only when it fails.
build_project() {
    local log
    log="$(dotnet build "$1" -c Release -nologo -v quiet -p:ArtifactsPath="$2" 2>&1)" \
        || { printf '%s\n' "$log" >&2; exit 1; }
}

# start_demo_peers DIR ARTIFACTS: builds and starts the peer host, writing its state into DIR, and
# waits until it is ready. Sets demo_peers_pid; the caller stops it (stop_demo_peers) on exit.
start_demo_peers() {
    local dir=$1 artifacts=$2
    build_project tests/ConnCheck.TestPeers "$artifacts"
    # A coprocess, so that the host's stdin is a pipe from this script: the host also stops by itself
    # if the script dies without running its trap. `dotnet X.dll` keeps the PID we stop.
    coproc DEMO_PEERS { exec dotnet "$artifacts/bin/ConnCheck.TestPeers/release/ConnCheck.TestPeers.dll" demo "$dir" >"$dir/peers.log" 2>&1; }
    demo_peers_pid=$DEMO_PEERS_PID
    for _ in $(seq 300); do
        [ -e "$dir/ready" ] && return 0
        if ! kill -0 "$demo_peers_pid" 2>/dev/null; then
            echo "the demo peer host exited:" >&2; cat "$dir/peers.log" >&2; exit 1
        fi
        sleep 0.1
    done
    echo "the demo peer host was not ready after 30 s" >&2; exit 1
}

stop_demo_peers() {
    if [ -n "${demo_peers_pid:-}" ]; then
        kill "$demo_peers_pid" 2>/dev/null || true
        wait "$demo_peers_pid" 2>/dev/null || true
        demo_peers_pid=""
    fi
}
