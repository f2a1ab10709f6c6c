#!/usr/bin/env bash
# What the structured formats cost (not a test): N tcp checks (default 10000) to one loopback listener,
# text on standard output alone, against the same run also writing --format json:FILE --format
# junit:FILE --format prometheus:FILE. The two alternate, run after run (RUNS each, default 7), so
# that the machine's drift hits both alike. Prints the medians and whether the target holds: at most
# 10 % more wall time and 20 MiB more peak RSS. Results: docs/benchmarks.md.
# Usage: bench/formats.sh [N [RUNS]]    (CONN_CHECK_BIN overrides the binary; ARTIFACTS_PATH the build folder)
set -euo pipefail
cd "$(dirname "$0")/.."

n="${1:-10000}"
runs="${2:-7}"
artifacts="${ARTIFACTS_PATH:-$PWD/.build}"
# shellcheck source=bench/lib.sh
source bench/lib.sh

start_demo_peers "$dir" "$artifacts"
config="$dir/checks.yaml"
tcp_checks "$n" >"$config"

structured=(--format text --format "json:$dir/results.json" --format "junit:$dir/results.xml" --format "prometheus:$dir/results.prom")
text_walls=() text_rss=() all_walls=() all_rss=()
for run in $(seq "$runs"); do
    echo "run $run, text alone:" >&2
    run_once "$n" "$config"
    text_walls+=("$wall_ms"); text_rss+=("$rss_kib")
    echo "run $run, text + json + junit + prometheus:" >&2
    run_once "$n" "${structured[@]}" "$config"
    all_walls+=("$wall_ms"); all_rss+=("$rss_kib")
done

for file in results.json results.xml results.prom; do
    [ -s "$dir/$file" ] || { echo "bench: $file was not written" >&2; exit 1; }
done

text_wall=$(printf '%s\n' "${text_walls[@]}" | median)
all_wall=$(printf '%s\n' "${all_walls[@]}" | median)
text_mib=$(printf '%s\n' "${text_rss[@]}" | median | awk '{ printf "%.1f", $1 / 1024 }')
all_mib=$(printf '%s\n' "${all_rss[@]}" | median | awk '{ printf "%.1f", $1 / 1024 }')
echo "$n tcp checks, text alone: median wall ${text_wall} ms, median peak RSS ${text_mib} MiB ($runs runs)"
echo "$n tcp checks, + json, junit, prometheus files: median wall ${all_wall} ms, median peak RSS ${all_mib} MiB ($runs runs)"
awk -v tw="$text_wall" -v aw="$all_wall" -v tm="$text_mib" -v am="$all_mib" 'BEGIN {
    wall = (aw - tw) / tw * 100; mem = am - tm
    printf "added: %+.1f %% wall (target <= 10 %%: %s), %+.1f MiB peak RSS (target <= 20 MiB: %s)\n",
        wall, wall <= 10 ? "holds" : "MISSED", mem, mem <= 20 ? "holds" : "MISSED"
}'
