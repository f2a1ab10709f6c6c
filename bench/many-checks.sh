#!/usr/bin/env bash
# Whole-process benchmark of the published binary (not a test):
#   - N tcp checks (default 10000) to one loopback listener, no -j: median wall time and peak RSS of 5 runs;
#   - `conn-check --version`: median wall time of 20 runs (start-up cost).
# The listener is the demo peer host's tcp peer on 127.0.0.1:18001. Results: docs/benchmarks.md.
# Usage: bench/many-checks.sh [N]    (CONN_CHECK_BIN overrides the binary; ARTIFACTS_PATH the build folder)
set -euo pipefail
cd "$(dirname "$0")/.."

n="${1:-10000}"
artifacts="${ARTIFACTS_PATH:-$PWD/.build}"
# shellcheck source=bench/lib.sh
source bench/lib.sh

start_demo_peers "$dir" "$artifacts"

config="$dir/checks.yaml"
tcp_checks "$n" >"$config"

measure "$n tcp checks" "$n" 5 "$config"

versions=()
for _ in $(seq 20); do
    start=$(now_ns)
    "$bin" --version >/dev/null
    end=$(now_ns)
    versions+=($(( (end - start) / 1000 )))
done

version_ms=$(printf '%s\n' "${versions[@]}" | median | awk '{ printf "%.1f", $1 / 1000 }')
echo "--version: median wall ${version_ms} ms (20 runs)"
