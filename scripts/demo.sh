#!/usr/bin/env bash
# Shows conn-check's output against local peers: OK, WARNING, FAILED and SKIPPED lines. Needs only the
# .NET SDK (the CLI runs as a normal build, not Native AOT) and touches only 127.0.0.1.
# ARTIFACTS_PATH overrides the build output folder (default: the repository's .build).
set -euo pipefail
cd "$(dirname "$0")/.."

artifacts="${ARTIFACTS_PATH:-$PWD/.build}"
# shellcheck source=scripts/lib/demo-peers.sh
source scripts/lib/demo-peers.sh
echo "demo: building conn-check and the demo peers..." >&2
build_project src/ConnCheck.Cli "$artifacts"
cli="$artifacts/bin/ConnCheck.Cli/release/conn-check"

dir="$(mktemp -d)"
trap 'stop_demo_peers; rm -rf "$dir"' EXIT
start_demo_peers "$dir" "$artifacts"

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
