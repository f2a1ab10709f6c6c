# Shared by the bench/*.sh scripts (sourced, not run).
# Sets: bin (the published binary), dir (a temp dir removed on exit). Provides: median, overflows, measure.

bin="${CONN_CHECK_BIN:-$PWD/artifacts/conn-check}"
if [ ! -x "$bin" ]; then
    echo "bench: no binary at $bin; run: bash scripts/publish.sh" >&2; exit 1
fi
if [ ! -x /usr/bin/time ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "bench: need GNU time; run as root or: sudo apt-get install -y time" >&2; exit 1
    fi
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi

dir="$(mktemp -d)"
cleanups=("rm -rf '$dir'")
run_cleanups() { local c; for c in "${cleanups[@]}"; do eval "$c" || true; done; }
trap run_cleanups EXIT

now_ns() { date +%s%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# System-wide count of SYNs dropped because a listen queue was full: each one stalls a connect for
# a second (SYN retransmission), so a slow run with overflows measured the listener, not conn-check.
overflows() { awk '/^TcpExt:/ { if (!c) { for (i = 1; i <= NF; i++) if ($i == "ListenOverflows") c = i } else print $c }' /proc/net/netstat 2>/dev/null || echo 0; }

# timed_run ARGS...: runs "$bin ARGS..." once under GNU time, stdout and stderr to $dir/out.txt and
# $dir/err.txt. Sets status, wall_ms and rss_kib.
timed_run() {
    local start end
    start=$(now_ns)
    status=0
    /usr/bin/time -v -o "$dir/time.txt" "$bin" "$@" >"$dir/out.txt" 2>"$dir/err.txt" || status=$?
    end=$(now_ns)
    wall_ms=$(( (end - start) / 1000000 ))
    rss_kib=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$dir/time.txt")
}

# run_once EXPECTED_OK ARGS...: runs "$bin ARGS..." once; it must exit ${expect_status:-0} with EXPECTED_OK
# OK lines on stdout (any number for "-"). Sets wall_ms and rss_kib; logs the run, with the listen
# overflows it caused, on stderr.
run_once() {
    local expected=$1; shift
    local oks dropped
    dropped=$(overflows)
    timed_run "$@"
    oks=$(grep -c ' OK$' "$dir/out.txt" || true)
    if [ "$status" -ne "${expect_status:-0}" ] || { [ "$expected" != - ] && [ "$oks" -ne "$expected" ]; }; then
        echo "bench: exit $status, $oks of $expected OK" >&2; head -5 "$dir/out.txt" "$dir/err.txt" >&2; exit 1
    fi
    echo "  $wall_ms ms, peak RSS $rss_kib KiB, listen overflows $(( $(overflows) - dropped ))" >&2
}

# measure LABEL EXPECTED_OK RUNS ARGS...: runs "$bin ARGS..." RUNS times (see run_once).
# Prints the median wall time and median peak RSS.
measure() {
    local label=$1 expected=$2 runs=$3; shift 3
    local walls=() rss=() run
    for run in $(seq "$runs"); do
        run_once "$expected" "$@"
        walls+=("$wall_ms")
        rss+=("$rss_kib")
    done
    local median_wall median_rss
    median_wall=$(printf '%s\n' "${walls[@]}" | median)
    median_rss=$(printf '%s\n' "${rss[@]}" | median | awk '{ printf "%.1f", $1 / 1024 }')
    echo "$label: median wall ${median_wall} ms, median peak RSS ${median_rss} MiB ($runs runs)$(verdict "$median_wall" "$median_rss")"
}

# verdict WALL_MS RSS_MIB: with target_ms (and target_mib) set, whether the medians meet the target
# (issue "Performance"), as "; target ≤ 150 ms, ≤ 50 MiB: holds"; nothing when no target is set.
verdict() {
    [ -n "${target_ms:-}" ] || return 0
    awk -v wall="$1" -v rss="$2" -v ms="$target_ms" -v mib="${target_mib:-}" 'BEGIN {
        ok = wall <= ms && (mib == "" || rss <= mib)
        printf "; target ≤ %d ms%s: %s", ms, mib == "" ? "" : sprintf(", ≤ %d MiB", mib), ok ? "holds" : "does not hold"
    }'
}

# tcp_checks N: a configuration of N tcp checks to the demo peer host's tcp peer.
tcp_checks() {
    local i
    for ((i = 0; i < $1; i++)); do
        printf -- '- {type: tcp, host: 127.0.0.1, port: 18001}\n'
    done
}

# shellcheck source=scripts/lib/demo-peers.sh
source scripts/lib/demo-peers.sh
cleanups=("stop_demo_peers" "${cleanups[@]}")
