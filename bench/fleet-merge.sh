#!/usr/bin/env bash
# What merging a fleet's firewall exports costs (not a test): `conn-check convert-fw` over N export
# files of 50 rules each (default: 1,000, then 10,000), as export-fw writes them, from N hosts to a
# shared pool of 2,000 destinations, so that most rules overlap as a fleet's do (its hosts reach the
# same databases, caches and APIs). Each size is merged into -t nftables and -t aws, 3 runs each.
# The pool's names are resolved through --resolver by a dnsmasq this script starts on a loopback port
# with the pool's records (127.1.x.y addresses): no other DNS server is asked, every answer is
# local and immediate, and nothing is ever sent to those addresses. Prints the median wall time and
# peak RSS of each, and whether the targets of the issue "Performance" hold (1,000 files within 1 s
# and 200 MiB, 10,000 within 10 s). Results: docs/benchmarks.md.
# Usage: bench/fleet-merge.sh [SIZES...]    (CONN_CHECK_BIN overrides the binary)
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
# shellcheck source=bench/lib.sh
source bench/lib.sh
# shellcheck source=scripts/lib/dns.sh
source scripts/lib/dns.sh

pool=2000
if ! command -v dnsmasq >/dev/null; then
    bash scripts/apt-install.sh dnsmasq-base >/dev/null
fi

# The pool: svc-K.fleet.conn-check.test at 127.1.(K / 250).(K % 250 + 1), as dnsmasq configuration
# (read before it drops root, unlike a hosts file, which the user it becomes could not read here).
awk -v n="$pool" 'BEGIN { for (k = 0; k < n; k++) printf "host-record=svc-%d.fleet.conn-check.test,127.1.%d.%d\n", k, int(k / 250), k % 250 + 1 }' >"$dir/fleet.conf"
port=$(python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dnsmasq --keep-in-foreground --conf-file="$dir/fleet.conf" --no-resolv --no-hosts --no-poll --bind-interfaces \
    --listen-address=127.0.0.1 --port="$port" --local=/conn-check.test/ \
    --cache-size=10000 --dns-forward-max=5000 --pid-file="$dir/dnsmasq.pid" >"$dir/dnsmasq.log" 2>&1 &
dnsmasq_pid=$!
cleanups=("kill $dnsmasq_pid 2>/dev/null" "${cleanups[@]}")
for _ in $(seq 50); do
    [ "$(probe_rcode svc-0.fleet.conn-check.test 1 "$port" "$dir")" = 0 ] && break
    sleep 0.1
done

# export_files N DIR: N hosts' export files, 50 rules each: a destination of the pool and one of its
# ports, the same few services on many hosts (skewed towards the first destinations, as a fleet's
# shared databases are), tcp but for statsd and DNS over udp.
export_files() {
    mkdir -p "$2"
    awk -v n="$1" -v pool="$pool" -v out="$2" 'BEGIN {
        split("5432 6432 3306 6379 11211 5672 443 80 25 8125 53", ports, " ")
        srand(42)
        for (h = 0; h < n; h++) {
            file = sprintf("%s/fw-app-%05d.yaml", out, h)
            printf "egress:\n" >file
            for (r = 0; r < 50; r++) {
                k = int(pool * rand() ^ 3)
                p = ports[k % 11 + 1]
                printf "- from_host: app-%d.fleet.conn-check.test\n  to_host: svc-%d.fleet.conn-check.test\n  protocol: %s\n  ports: [%d]\n", h, k, (p == 8125 || p == 53) ? "udp" : "tcp", p >file
            }
            close(file)
        }
    }'
}

for n in "${sizes[@]}"; do
    export_files "$n" "$dir/fleet-$n"
    files=("$dir/fleet-$n"/fw-app-*.yaml)
    echo "$n files, $(cat "${files[@]}" | grep -c '^- from_host') rules, $(du -sh "$dir/fleet-$n" | cut -f1)" >&2
    # The issue's targets: 1,000 files within 1 s and 200 MiB, 10,000 within 10 s; other sizes have none.
    case "$n" in
        1000) target_ms=1000 target_mib=200 ;;
        10000) target_ms=10000 target_mib='' ;;
        *) target_ms='' target_mib='' ;;
    esac
    for type in nftables aws; do
        measure "convert-fw -t $type, $n files of 50 rules" - 3 convert-fw -t "$type" --resolver "127.0.0.1:$port" "${files[@]}"
        echo "  output: $(wc -l <"$dir/out.txt") lines; stderr: $(wc -l <"$dir/err.txt") lines" >&2
    done
    rm -rf "$dir/fleet-$n"
done
