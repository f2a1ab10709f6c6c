#!/usr/bin/env bash
# Whole-process benchmark of the published binary (not a test): N checks (default 200) of one driver-backed
# type, timeout 1 s, against a peer that sends each connection 64 KiB of random bytes and then holds it
# open saying nothing; five runs each, for mongodb and amqp, against two such peers of the demo peer host:
#   - 127.0.0.1:18004, random bytes from the first;
#   - 127.0.0.1:18005, random bytes behind a header that claims a 32 MiB message (MongoDB) or frame (AMQP).
# Every check fails (exit 2), and the whole run should end within timeout + 0.5 s. Prints the median and
# the largest wall time and peak RSS of each, and the commonest failures. Results: docs/benchmarks.md.
# Usage: bench/garbage-peers.sh [N]    (CONN_CHECK_BIN overrides the binary; ARTIFACTS_PATH the build folder)
set -euo pipefail
cd "$(dirname "$0")/.."

n="${1:-200}"
runs=5
artifacts="${ARTIFACTS_PATH:-$PWD/.build}"
# shellcheck source=bench/lib.sh
source bench/lib.sh

start_demo_peers "$dir" "$artifacts"

# checks TYPE PORT: N checks of TYPE against the peer on PORT.
checks() {
    local i
    for ((i = 0; i < n; i++)); do
        case $1 in
            mongodb) printf -- '- {type: mongodb, host: 127.0.0.1, port: %s, timeout: 1}\n' "$2" ;;
            amqp) printf -- '- {type: amqp, host: 127.0.0.1, port: %s, timeout: 1, username: u, password: p, use_tls: false}\n' "$2" ;;
        esac
    done
}

# Every check fails, so the run exits 2; its tcp subchecks are the OK lines, all of them on an idle machine.
expect_status=2
for type in mongodb amqp; do
    for port in 18004 18005; do
        config="$dir/$type-$port.yaml"
        checks "$type" "$port" >"$config"
        walls=() rss=()
        for _ in $(seq "$runs"); do
            run_once - "$config"
            walls+=("$wall_ms")
            rss+=("$rss_kib")
        done
        wall_median=$(printf '%s\n' "${walls[@]}" | median)
        wall_max=$(printf '%s\n' "${walls[@]}" | sort -n | tail -1)
        rss_median=$(printf '%s\n' "${rss[@]}" | median | awk '{ printf "%.1f", $1 / 1024 }')
        rss_max=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1 | awk '{ printf "%.1f", $1 / 1024 }')
        echo "$n $type checks, 127.0.0.1:$port: wall median ${wall_median} ms, max ${wall_max} ms; peak RSS median ${rss_median} MiB, max ${rss_max} MiB ($runs runs)"
        # What the last run's results were, most common first.
        sed -E 's/^[^ ]+ FAILED - \([^)]*\) /FAILED - /; s/^[^ ]+ FAILED - /FAILED - /; s/^[^ ]+ OK$/OK/; s/^SKIPPED: .*/SKIPPED/' "$dir/out.txt" \
            | sort | uniq -c | sort -rn | head -4 | sed 's/^/    /'
    done
done
