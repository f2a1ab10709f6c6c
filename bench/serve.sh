#!/usr/bin/env bash
# Whole-process benchmark of `conn-check serve` (not a test), with N checks (default 1000) configured:
#   - idle RSS after the first run and one scrape;
#   - /metrics under load: wrk, 200 connections, 10 s, as Prometheus scrapes (Accept-Encoding: gzip)
#     and without gzip; p50 and p99 latency, requests per second;
#   - the memory of 10,000 idle connections (opened by python3, which sends nothing on them);
#   - the binary's size.
# Every connection is to 127.0.0.1. Prints which targets of docs/benchmarks.md hold.
# Usage: bench/serve.sh [N]    (CONN_CHECK_BIN overrides the binary)
set -euo pipefail
cd "$(dirname "$0")/.."

n="${1:-1000}"
# shellcheck source=bench/lib.sh
source bench/lib.sh
for tool in wrk python3; do
    if ! command -v "$tool" >/dev/null; then
        bash scripts/apt-install.sh "$tool" >/dev/null
    fi
done

# N checks, each its own series: the demo peer host's tcp peer, told apart by name.
start_demo_peers "$dir" "${ARTIFACTS_PATH:-$PWD/.build}"
config="$dir/checks.yaml"
for ((i = 0; i < n; i++)); do
    printf -- '- {type: tcp, host: 127.0.0.1, port: 18001, name: c%d}\n' "$i"
done >"$config"

"$bin" serve --listen 127.0.0.1:0 --interval 3600 "$config" 2>"$dir/serve.log" &
pid=$!
cleanups=("kill $pid 2>/dev/null" "${cleanups[@]}")
for _ in $(seq 300); do
    grep -q ' run 1: ' "$dir/serve.log" && break
    sleep 0.1
done
grep -q ' run 1: ' "$dir/serve.log" || { echo "bench: serve did not finish its first run:" >&2; cat "$dir/serve.log" >&2; exit 1; }
url="$(sed -n 's/^conn-check serve: listening on //p' "$dir/serve.log")/metrics"
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status"; }

plain_bytes=$(curl -s "$url" | wc -c)
gzip_bytes=$(curl -s -H 'Accept-Encoding: gzip' "$url" | wc -c)
sleep 1
idle_kib=$(rss_kib)
echo "serve, $n checks: /metrics is $plain_bytes bytes, $gzip_bytes gzipped; idle RSS $(awk -v k="$idle_kib" 'BEGIN { printf "%.1f", k / 1024 }') MiB"

# wrk_p99 LABEL [HEADER]: wrk's latency distribution for 10 s over 200 connections; sets p99_ms.
wrk_p99() {
    local label="$1"; shift
    wrk -t2 -c200 -d10s --latency "$@" "$url" >"$dir/wrk.txt"
    local p50 p99 rps
    p50=$(awk '$1 == "50%" { print $2 }' "$dir/wrk.txt")
    p99=$(awk '$1 == "99%" { print $2 }' "$dir/wrk.txt")
    rps=$(awk '/^Requests\/sec:/ { printf "%d", $2 }' "$dir/wrk.txt")
    p99_ms=$(awk -v v="$p99" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0; else printf "%.2f", v * 1000 }')
    echo "/metrics, 200 connections, 10 s, $label: p50 $p50, p99 $p99, $rps requests/s"
}
wrk_p99 "Accept-Encoding: gzip (as Prometheus scrapes)" -H 'Accept-Encoding: gzip'
gzip_p99_ms=$p99_ms
wrk_p99 "no gzip"
loaded_kib=$(rss_kib)
echo "RSS after the load: $(awk -v k="$loaded_kib" 'BEGIN { printf "%.1f", k / 1024 }') MiB"

# 10,000 idle connections: what each costs serve, and whether a scrape still gets through.
port="${url#http://127.0.0.1:}"; port="${port%%/*}"
before_kib=$(rss_kib)
python3 - "$port" "$dir/idle.ready" <<'PY' &
import socket, sys, time
sockets = []
for _ in range(10000):
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
    sockets.append(s)
open(sys.argv[2], "w").close()
time.sleep(15)
PY
idle_pid=$!
cleanups=("kill $idle_pid 2>/dev/null" "${cleanups[@]}")
for _ in $(seq 600); do [ -e "$dir/idle.ready" ] && break; sleep 0.1; done
sleep 1
scrape=$(curl -s -o /dev/null -w '%{http_code} in %{time_total} s' "$url")
with_idle_kib=$(rss_kib)
kill "$idle_pid" 2>/dev/null || true
per_connection=$(awk -v a="$before_kib" -v b="$with_idle_kib" 'BEGIN { printf "%.1f", (b - a) / 10000 }')
echo "10,000 idle connections: RSS $(awk -v k="$with_idle_kib" 'BEGIN { printf "%.1f", k / 1024 }') MiB (+${per_connection} KiB each); a scrape meanwhile: $scrape"

size=$(stat -c %s "$bin")
echo "binary: $size bytes"

holds() { if awk "BEGIN { exit !($1) }"; then echo holds; else echo "does not hold"; fi; }
echo "target /metrics p99 (gzip) <= 20 ms: $(holds "$gzip_p99_ms <= 20")"
echo "target idle RSS <= 60 MiB: $(holds "$idle_kib <= 60 * 1024")"
