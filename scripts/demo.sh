#!/usr/bin/env bash
# Shows conn-check's output against local peers: OK, WARNING, FAILED and SKIPPED lines. Needs only the
# .NET SDK (the CLI runs as a normal build, not Native AOT) and touches only 127.0.0.1.
# ARTIFACTS_PATH overrides the build output folder (default: the repository's .build).
set -euo pipefail
cd "$(dirname "$0")/.."

artifacts="${ARTIFACTS_PATH:-$PWD/.build}"
# The build's output is shown only when it fails, so the demo's own output stays readable.
build() {
    local log
    log="$(dotnet build "$1" -c Release -nologo -v quiet -p:ArtifactsPath="$artifacts" 2>&1)" \
        || { printf '%s\n' "$log" >&2; exit 1; }
}
echo "demo: building conn-check and the demo peers..." >&2
build src/ConnCheck.Cli
build tests/ConnCheck.TestPeers
cli="$artifacts/bin/ConnCheck.Cli/release/conn-check"
peers="$artifacts/bin/ConnCheck.TestPeers/release/ConnCheck.TestPeers.dll"

dir="$(mktemp -d)"
peers_pid=""
cleanup() {
    if [ -n "$peers_pid" ]; then
        kill "$peers_pid" 2>/dev/null || true
        wait "$peers_pid" 2>/dev/null || true
    fi
    rm -rf "$dir"
}
trap cleanup EXIT

# A coprocess, so that the peer host's stdin is a pipe from this script: the host also stops
# by itself if this script dies without running its trap. `dotnet X.dll` keeps the PID we kill.
coproc PEERS { exec dotnet "$peers" demo "$dir" >"$dir/peers.log" 2>&1; }
peers_pid=$PEERS_PID
for _ in $(seq 300); do
    [ -e "$dir/ready" ] && break
    if ! kill -0 "$peers_pid" 2>/dev/null; then
        echo "demo: the peer host exited:" >&2; cat "$dir/peers.log" >&2; exit 1
    fi
    sleep 0.1
done
if [ ! -e "$dir/ready" ]; then
    echo "demo: the peer host was not ready after 30 s" >&2; exit 1
fi

# conn-check exits 2 when a check failed, which this demo wants; 3 would be a broken config.
echo "\$ conn-check --tls-certs-path DIR/ca examples/demo.yaml"
status=0
run="$("$cli" --tls-certs-path "$dir/ca" examples/demo.yaml)" || status=$?
printf '%s\n(exit status %s)\n\n' "$run" "$status"

if [ "$status" -eq 2 ] && grep -q ' OK$' <<<"$run" && grep -q ' WARNING - ' <<<"$run" && grep -q ' FAILED - ' <<<"$run" && grep -q '^SKIPPED: ' <<<"$run"; then
    exit 0
fi
echo "demo: expected OK, WARNING, FAILED and SKIPPED lines (and exit status 2 from the real run)" >&2
exit 1
