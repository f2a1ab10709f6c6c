#!/usr/bin/env bash
# Every target of the issue "Performance" in one run, the scripts that measure them one after another:
# the tcp scenarios and start-up against the physical floor (floor-ratios.sh), reading configurations
# (config-load.sh), firewall merges (fleet-merge.sh) and http checks at scale (http-checks.sh 1000 and
# 10000). Their output goes to standard error as they run; standard output gets every target with whether
# it holds, and last "N of M targets hold". Results: docs/benchmarks.md.
# Usage: bench/targets.sh [ROUNDS]    (floor-ratios.sh's rounds, default 7; CONN_CHECK_BIN as for each script)
set -euo pipefail
cd "$(dirname "$0")/.."

rounds="${1:-7}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

# Each script prints a target as a line (or a table row) ending in ": holds" or ": does not hold".
verdicts=': (holds|does not hold)( \|)?$'
bench() {
    echo "== bash bench/$*" >&2
    bash "bench/$1" "${@:2}" 2>&1 | tee -a "$log" >&2
}

bench floor-ratios.sh "$rounds"
bench config-load.sh
bench fleet-merge.sh
bench http-checks.sh 1000
bench http-checks.sh 10000

echo "## Targets of the issue \"Performance\" ($(date -u +%Y-%m-%d\ %H:%M) UTC, $(nproc) cores)"
grep -E "$verdicts" "$log" | sed -E 's/^\| //; s/ \|$//'
echo "$(grep -cE ': holds( \|)?$' "$log" || true) of $(grep -cE "$verdicts" "$log") targets hold"
