#!/usr/bin/env bash
# What reading a configuration costs (not a test), SPEC C6: `conn-check --validate` of
#   - N tcp checks (default 200000) as bench/many-checks.sh writes them, one flow mapping a line, 5 runs;
#   - N checks in block style, tcp, http, tls and udp in turn, with tags and timeouts, 5 runs;
#   - 50 MB of the block-style checks, 3 runs;
# and how soon hostile files are refused (exit 3), 3 runs each: /dev/zero, a 65 MiB file, 200 KB of
# '[', 100,000 nested flow mappings, nine levels of ten aliases each, and a key that is a list over
# nested aliases. Prints the median wall time and peak RSS of each. Results: docs/benchmarks.md.
# Usage: bench/config-load.sh [N]    (CONN_CHECK_BIN overrides the binary)
set -euo pipefail
cd "$(dirname "$0")/.."

n="${1:-200000}"
# shellcheck source=bench/lib.sh
source bench/lib.sh

# checks COUNT BYTES: ordinary checks, COUNT of them or, with COUNT 0, until BYTES are written.
checks() {
    awk -v count="$1" -v bytes="$2" 'BEGIN {
        for (i = 0; count ? i < count : written < bytes; i++) {
            port = 1024 + i % 60000
            if (i % 4 == 0) s = sprintf("- type: tcp\n  host: db-%d.example.com\n  port: %d\n  tags: [db, prod]\n  timeout: 2\n", i, port)
            else if (i % 4 == 1) s = sprintf("- type: http\n  url: https://web-%d.example.com/health\n  expected_code: 200\n  tags: [web]\n", i)
            else if (i % 4 == 2) s = sprintf("- type: tls\n  host: web-%d.example.com\n  port: 443\n  timeout: 5\n", i)
            else s = sprintf("- type: udp\n  host: dns-%d.example.com\n  port: 53\n  send: ping\n  expect: pong\n", i)
            printf "%s", s
            written += length(s)
        }
    }'
}

tcp_checks "$n" >"$dir/tcp.yaml"
checks "$n" 0 >"$dir/many.yaml"
checks 0 50000000 >"$dir/50mb.yaml"
huge="$dir/huge.yaml"
checks 0 $((65 * 1024 * 1024 + 1)) >"$huge"
head -c 200000 /dev/zero | tr '\0' '[' >"$dir/brackets.yaml"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "{a: "; for (i = 0; i < 100000; i++) printf "}"; print "" }' >"$dir/mappings.yaml"
awk 'BEGIN {
    print "- &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"
    split("a b c d e f g h i", level, " ")
    for (l = 2; l <= 9; l++) {
        printf "- &%s [*%s", level[l], level[l - 1]
        for (j = 1; j < 10; j++) printf ", *%s", level[l - 1]
        print "]"
    }
}' >"$dir/laughs.yaml"
awk 'BEGIN {
    print "- &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"
    split("a b c d e", level, " ")
    for (l = 2; l <= 5; l++) {
        printf "- &%s [*%s", level[l], level[l - 1]
        for (j = 1; j < 9; j++) printf ", *%s", level[l - 1]
        print "]"
    }
    print "- {? [*e, *e]: x, ? [*e, *e]: y}"
}' >"$dir/key.yaml"
echo "files: $(du -b "$dir/tcp.yaml" | cut -f1) and $(du -b "$dir/many.yaml" | cut -f1) bytes of $n checks; $(du -b "$dir/50mb.yaml" | cut -f1) bytes of $(grep -c '^- type' "$dir/50mb.yaml") checks" >&2

# Targets: 200,000 checks within 1.0 s and 150 MiB (issue "Performance", for the one-line checks), a
# 50 MB file within 10 s, each hostile file refused within a second.
tcp_ms="" tcp_mib=""
if [ "$n" -eq 200000 ]; then tcp_ms=1000 tcp_mib=150; fi
target_ms=$tcp_ms target_mib=$tcp_mib measure "$n tcp checks, --validate" - 5 --validate "$dir/tcp.yaml"
measure "$n block-style checks of four types, --validate" - 5 --validate "$dir/many.yaml"
target_ms=10000 measure "50 MB of checks, --validate" - 3 --validate "$dir/50mb.yaml"
target_ms=1000 expect_status=3 measure "/dev/zero, refused" - 3 --validate /dev/zero
target_ms=1000 expect_status=3 measure "65 MiB file, refused" - 3 --validate "$huge"
target_ms=1000 expect_status=3 measure "200 KB of '[', refused" - 3 --validate "$dir/brackets.yaml"
target_ms=1000 expect_status=3 measure "100,000 nested flow mappings, refused" - 3 --validate "$dir/mappings.yaml"
target_ms=1000 expect_status=3 measure "billion laughs (9 levels of 10 aliases), refused" - 3 --validate "$dir/laughs.yaml"
target_ms=1000 expect_status=3 measure "list key over nested aliases, refused" - 3 --validate "$dir/key.yaml"
