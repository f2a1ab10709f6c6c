#!/usr/bin/env bash
# conn-check against the physical floor (../shared/bench/floor.c: N non-blocking connects with epoll in
# C), on the same loopback targets, round-robin in one run: each round runs every scenario's floor and
# conn-check once, so that a busy moment of the machine costs both alike. Prints, per scenario, the
# median wall time and peak RSS of each, the ratio conn-check / floor, and whether its target holds.
# Every connection is to 127.0.0.1. Results: docs/benchmarks.md.
# Usage: bench/floor-ratios.sh [ROUNDS]    (default 7; CONN_CHECK_BIN overrides the binary,
#        FLOOR_C the floor's source)
set -euo pipefail
cd "$(dirname "$0")/.."

rounds="${1:-7}"
floor_c="${FLOOR_C:-$PWD/../shared/bench/floor.c}"
# shellcheck source=bench/lib.sh
source bench/lib.sh
if [ ! -f "$floor_c" ]; then
    echo "bench: no floor source at $floor_c (set FLOOR_C)" >&2; exit 1
fi
if ! command -v cc >/dev/null; then
    bash scripts/apt-install.sh gcc libc6-dev >/dev/null
fi
cc -O2 -o "$dir/floor" "$floor_c"

start_demo_peers "$dir" "${ARTIFACTS_PATH:-$PWD/.build}"
# The demo peer host's four ports that accept: 18001 (tcp), 18002 (silent), 18004 and 18005 (garbage).
open_ports=(18001 18002 18004 18005)

# A loopback port nothing listens on, for refused connects.
closed=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# A port whose SYNs are dropped: a listener that never accepts, its queue filled (as tests' Tarpit).
python3 - "$dir/tarpit.port" <<'PY' &
import socket, sys, time
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(0)
port = listener.getsockname()[1]
fillers = []
for _ in range(16):
    s = socket.socket()
    s.settimeout(0.3)
    try:
        s.connect(("127.0.0.1", port))
        fillers.append(s)
    except OSError:
        break
open(sys.argv[1], "w").write(str(port))
time.sleep(3600)
PY
tarpit_pid=$!
cleanups=("kill $tarpit_pid 2>/dev/null" "${cleanups[@]}")
for _ in $(seq 100); do [ -s "$dir/tarpit.port" ] && break; sleep 0.1; done
tarpit=$(cat "$dir/tarpit.port")

# checks N PORT...: N tcp checks cycling through the ports, as floor cycles through them.
checks() {
    local n=$1; shift
    local ports=("$@") i
    for ((i = 0; i < n; i++)); do
        printf -- '- {type: tcp, host: 127.0.0.1, port: %d}\n' "${ports[i % ${#ports[@]}]}"
    done
}
checks 1 18001 >"$dir/one.yaml"
checks 1000 "${open_ports[@]}" >"$dir/open-1000.yaml"
checks 10000 "${open_ports[@]}" >"$dir/open-10000.yaml"
checks 1000 "$closed" >"$dir/refused-1000.yaml"
checks 100 "$tarpit" >"$dir/hung-100.yaml"
ports_csv=$(IFS=,; echo "${open_ports[*]}")

# Scenario: NAME | floor arguments | conn-check arguments | expected exit | target (ratio, or ms for "abs")
scenarios=(
    "1 tcp check|1 18001|$dir/one.yaml|0|abs:14"
    "--version (start-up)|0 18001|--version|0|abs:13"
    "1,000 tcp checks, 4 open ports|1000 $ports_csv|$dir/open-1000.yaml|0|1.5"
    "1,000 tcp checks, refused|1000 $closed|$dir/refused-1000.yaml|2|2.5"
    "10,000 tcp checks, 4 open ports|10000 $ports_csv|$dir/open-10000.yaml|0|1.3"
    "100 tcp checks, SYNs dropped, timeout 2 s|100 $tarpit 127.0.0.1 2000|--connect-timeout 2 $dir/hung-100.yaml|2|abs:2060"
)

# run_timed FILE COMMAND...: appends "wall_ms rss_kib" of one run to FILE.
run_timed() {
    local file=$1; shift
    local start end status=0
    start=$(now_ns)
    /usr/bin/time -f '%M' -o "$dir/time.txt" "$@" >/dev/null 2>"$dir/err.txt" || status=$?
    end=$(now_ns)
    echo "$(( (end - start) / 1000 )) $(tail -1 "$dir/time.txt") $status" >>"$file"
}

for round in $(seq "$rounds"); do
    for i in "${!scenarios[@]}"; do
        IFS='|' read -r _ floor_args cc_args _ _ <<<"${scenarios[$i]}"
        # shellcheck disable=SC2086 # the arguments are words
        run_timed "$dir/floor.$i" "$dir/floor" $floor_args
        # shellcheck disable=SC2086
        run_timed "$dir/cc.$i" "$bin" $cc_args
    done
    echo "round $round of $rounds done" >&2
done

ms() { awk '{ print $1 }' "$1" | median | awk '{ printf "%.1f", $1 / 1000 }'; }
mib() { awk '{ print $2 }' "$1" | median | awk '{ printf "%.1f", $1 / 1024 }'; }
printf '%s\n' "| scenario | conn-check | floor | ratio | target |" "|---|---|---|---|---|"
for i in "${!scenarios[@]}"; do
    IFS='|' read -r name _ _ expected target <<<"${scenarios[$i]}"
    if awk -v e="$expected" '$3 != e { bad = 1 } END { exit !bad }' "$dir/cc.$i"; then
        echo "bench: $name: conn-check did not exit $expected:" >&2; cat "$dir/err.txt" >&2; exit 1
    fi
    cc_ms=$(ms "$dir/cc.$i"); floor_ms=$(ms "$dir/floor.$i")
    ratio=$(awk -v a="$cc_ms" -v b="$floor_ms" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
    if [[ $target == abs:* ]]; then
        limit=${target#abs:}
        verdict=$(awk -v a="$cc_ms" -v l="$limit" 'BEGIN { print (a <= l) ? "holds" : "does not hold" }')
        target_text="≤ $limit ms: $verdict"
    else
        verdict=$(awk -v r="$ratio" -v l="$target" 'BEGIN { print (r <= l) ? "holds" : "does not hold" }')
        target_text="≤ ${target}×: $verdict"
    fi
    echo "| $name | $cc_ms ms, $(mib "$dir/cc.$i") MiB | $floor_ms ms | ${ratio}× | $target_text |"
done
