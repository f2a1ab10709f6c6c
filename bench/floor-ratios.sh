#!/usr/bin/env bash
# conn-check against the physical floor (../shared/bench/floor.c: N non-blocking connects with epoll in
# C), on the same loopback targets, round-robin in one run: each round runs every scenario's floor and
# conn-check once, so that a busy moment of the machine costs both alike. Prints, per scenario, the
# median wall time and peak RSS of each, the ratio conn-check / floor, and whether its target holds;
# then, for each ratio target, how much of it conn-check's start-up and reading leave for its connects.
# Every connection is to 127.0.0.1. Results: docs/benchmarks.md.
# With BASELINE_BIN set to another build of conn-check, each round also runs that binary beside this
# one (each going first in turn), and a second table compares the two: how a change moved each scenario.
# Usage: bench/floor-ratios.sh [ROUNDS]    (default 7; CONN_CHECK_BIN overrides the binary,
#        BASELINE_BIN adds the comparison, FLOOR_C the floor's source)
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

# One scenario per line: NAME | floor's arguments | conn-check's arguments | conn-check's exit | target
# (a ratio, or "abs:MS" for a bound on conn-check's own time).
cat >"$dir/scenarios.txt" <<EOF
1 tcp check|1 18001|$dir/one.yaml|0|abs:14
--version (start-up)|0 18001|--version|0|abs:13
1,000 tcp checks, 4 open ports|1000 $ports_csv|$dir/open-1000.yaml|0|1.5
1,000 tcp checks, refused|1000 $closed|$dir/refused-1000.yaml|2|2.5
10,000 tcp checks, 4 open ports|10000 $ports_csv|$dir/open-10000.yaml|0|1.3
100 tcp checks, SYNs dropped, timeout 2 s|100 $tarpit 127.0.0.1 2000|--connect-timeout 2 $dir/hung-100.yaml|2|abs:2060
EOF

# The runs are timed from python3, which spawns each process and waits for it with wait4: wall time
# from spawn to exit and the peak RSS the kernel reports, with nothing else forked per run (a `date`
# or `time` process per run would add milliseconds to both sides and hide the start-up cost).
# Each binary runs from a copy written now. How a file's pages came into the page cache changes how
# the kernel maps them: the same bytes started 6 to 22 % faster from a file just written than from one
# whose pages had been evicted and read back through page faults, so a build published an hour ago
# would lose to one published a minute ago for no reason of its own (docs/benchmarks.md).
cp "$bin" "$dir/conn-check"
baseline=""
if [ -n "${BASELINE_BIN:-}" ]; then
    cp "$BASELINE_BIN" "$dir/baseline"
    baseline="$dir/baseline"
fi

python3 - "$dir/floor" "$dir/conn-check" "$rounds" "$dir/scenarios.txt" "$dir/err.txt" "$baseline" "${BASELINE_BIN:-}" <<'PY'
import os, statistics, sys, time

floor, binary, rounds, scenarios_file, err_file, baseline, baseline_name = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7]
scenarios = [line.rstrip("\n").split("|") for line in open(scenarios_file) if line.strip()]


def run(argv):
    actions = [(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0),
               (os.POSIX_SPAWN_OPEN, 2, err_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    # Also the CPU time and the minor page faults: the first touches of fresh memory, which a busy
    # moment of the machine does not change (times on a shared VM move by ±15 % from run to run).
    return wall, usage.ru_maxrss, os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, usage.ru_minflt


def conn_check(name, binary, cc_args, expected):
    result = run([binary] + cc_args.split())
    if result[2] != int(expected):
        sys.exit(f"bench: {name}: {binary} exited {result[2]}, not {expected}:\n" + open(err_file).read())
    return result


# What each ratio leaves for the connects: conn-check reads and checks the whole configuration before
# its first connect (a bad last line must stop a run before anything is done), so --validate of the same
# file is the least it spends first; the floor's start is its run with N=0. Both run at the start of a
# round, after the quiet wait of the hung checks, not while a peer still closes the last scenario's
# connections: the least each costs.
ratio_scenarios = [i for i, s in enumerate(scenarios) if not s[4].startswith("abs:")]
runs = {i: {"floor": [], "cc": [], "baseline": [], "validate": []} for i in range(len(scenarios))}
floor_start = []
for round_number in range(1, rounds + 1):
    floor_start.append(run([floor, "0", "1"]))
    for i in ratio_scenarios:
        runs[i]["validate"].append(conn_check(scenarios[i][0], binary, "--validate " + scenarios[i][2], 0))
    for i, (name, floor_args, cc_args, expected, _) in enumerate(scenarios):
        runs[i]["floor"].append(run([floor] + floor_args.split()))
        # With a baseline, the two take turns at going first.
        order = [("cc", binary), ("baseline", baseline)] if baseline else [("cc", binary)]
        for key, program in order if round_number % 2 else reversed(order):
            runs[i][key].append(conn_check(name, program, cc_args, expected))
    print(f"round {round_number} of {rounds} done", file=sys.stderr)


def median_ms(samples):
    return statistics.median(r[0] for r in samples) * 1000


def median_ms_mib(samples):
    return median_ms(samples), statistics.median(r[1] for r in samples) / 1024


print("| scenario | conn-check | floor | ratio | target |")
print("|---|---|---|---|---|")
for i, (name, _, _, _, target) in enumerate(scenarios):
    cc_ms, cc_mib = median_ms_mib(runs[i]["cc"])
    floor_ms = median_ms(runs[i]["floor"])
    ratio = cc_ms / floor_ms if floor_ms else 0
    if target.startswith("abs:"):
        verdict = f"≤ {target[4:]} ms: {'holds' if cc_ms <= float(target[4:]) else 'does not hold'}"
    else:
        verdict = f"≤ {target}×: {'holds' if ratio <= float(target) else 'does not hold'}"
    print(f"| {name} | {cc_ms:.1f} ms, {cc_mib:.1f} MiB | {floor_ms:.1f} ms | {ratio:.2f}× | {verdict} |")

floor_start_ms = median_ms(floor_start)
print()
print(f"The floor's start (N=0): {floor_start_ms:.1f} ms.")
print()
print("| scenario | target | conn-check before its first connect (--validate) | left for its connects | the floor's connects "
      "| the target allows conn-check's connects | conn-check's connects now |")
print("|---|---|---|---|---|---|---|")
for i in ratio_scenarios:
    name, target = scenarios[i][0], float(scenarios[i][4])
    floor_ms, cc_ms, before_ms = median_ms(runs[i]["floor"]), median_ms(runs[i]["cc"]), median_ms(runs[i]["validate"])
    target_ms = target * floor_ms
    floor_connects = floor_ms - floor_start_ms
    left = target_ms - before_ms
    print(f"| {name} | ≤ {target_ms:.1f} ms | {before_ms:.1f} ms | {left:.1f} ms | {floor_connects:.1f} ms "
          f"| {left / floor_connects:.2f}× the floor's | {cc_ms - before_ms:.1f} ms, {(cc_ms - before_ms) / floor_connects:.2f}× |")

if baseline:
    # Beside the change of the medians, the median of each round's own ratio (the two ran back to back,
    # so a slow moment of the machine weighs on both), for the wall time and for the CPU time.
    def paired(i, k):
        return 100 * (statistics.median(c[k] / b[k] for c, b in zip(runs[i]["cc"], runs[i]["baseline"])) - 1)

    def faults(samples):
        return statistics.median(r[4] for r in samples)

    print()
    print(f"| scenario | baseline ({baseline_name}) | this binary | change | wall, paired | CPU, paired | page faults |")
    print("|---|---|---|---|---|---|---|")
    for i, (name, _, _, _, _) in enumerate(scenarios):
        (base_ms, base_mib), (cc_ms, cc_mib) = median_ms_mib(runs[i]["baseline"]), median_ms_mib(runs[i]["cc"])
        print(f"| {name} | {base_ms:.1f} ms, {base_mib:.1f} MiB | {cc_ms:.1f} ms, {cc_mib:.1f} MiB | {100 * (cc_ms / base_ms - 1):+.1f} % "
              f"| {paired(i, 0):+.1f} % | {paired(i, 3):+.1f} % | {faults(runs[i]['baseline']):,.0f} → {faults(runs[i]['cc']):,.0f} |")
PY
