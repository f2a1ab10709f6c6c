#!/usr/bin/env bash
# The README's sample of each result format, made by running conn-check: the demo's checks
# (examples/demo.yaml) against the demo peer host, narrowed by patterns to four results — one OK,
# one WARNING, one FAILED and one SKIPPED — in each format. Durations, times and dates change from
# run to run; they are replaced by fixed ones, so that the samples change only when a format does.
# Usage: scripts/format-samples.sh           print every sample
#        scripts/format-samples.sh --update  write them into README.md, between the sample markers
#        scripts/format-samples.sh --check   exit 1 when README.md's samples differ (the test suite runs this)
# CONN_CHECK_BIN selects the binary (default: a JIT build of src/ConnCheck.Cli); ARTIFACTS_PATH the build folder.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-print}"
artifacts="${ARTIFACTS_PATH:-$PWD/.build}"
# shellcheck source=scripts/lib/demo-peers.sh
source scripts/lib/demo-peers.sh
if [ -n "${CONN_CHECK_BIN:-}" ]; then
    cli="$CONN_CHECK_BIN"
else
    build_project src/ConnCheck.Cli "$artifacts"
    cli="$artifacts/bin/ConnCheck.Cli/release/conn-check"
fi

dir="$(mktemp -d)"
trap 'stop_demo_peers; rm -rf "$dir"' EXIT
mkdir "$dir/peers"
start_demo_peers "$dir/peers" "$artifacts"

patterns=('tcp:*:18001' 'tls:127.0.0.1:18443' 'http:*')
# fixed DATA: the run's varying numbers replaced by fixed ones, format by format.
fixed() {
    perl -pe '
        my $nonzero = qr/(?!0(?:\.0*)?(?![0-9.]))[0-9.]+/;
        s/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/2026-12-04T15:45:10.123Z/g;
        s/("not_after": ")[^"]*"/${1}2027-01-03T15:45:09Z"/g;
        s/(expires on )\d{4}-\d\d-\d\d/${1}2027-01-03/g;
        s/("duration_seconds": )$nonzero/${1}0.0012/g;
        s/^(  "duration_seconds": )[0-9.]+/${1}1.0042/;
        s/(\btime=")$nonzero"/${1}0.0012"/g;
        s/(<testsuites? [^>]*\btime=")[0-9.]+"/${1}1.0042"/g;
        s/(hostname=")[^"]*"/${1}web-1"/g;
        s/(duration_ms: )[0-9.]+/${1}1.2/g;
        s/^(conn_check_duration_seconds\{.*\} )[0-9.]+$/${1}0.0012/;
        s/^(conn_check_run_duration_seconds )[0-9.]+$/${1}1.0042/;
        s/^(conn_check_run_timestamp_seconds )[0-9.]+$/${1}1796399110.123/;
        s/^(conn_check_certificate_expiry_timestamp_seconds\{.*\} )[0-9.]+$/${1}1798991109/;
        s/(time=)[0-9.]+s;/${1}1.0042s;/g;
        s/(\x27=)[0-9.]+s;/${1}0.0012s;/g;
    '
}

samples="$dir/samples.md"
: >"$samples"
for format in text json junit tap prometheus nagios; do
    status=0
    "$cli" --tls-certs-path "$dir/peers/ca" --format "$format" examples/demo.yaml "${patterns[@]}" >"$dir/out" 2>"$dir/err" || status=$?
    if [ "$status" -ne 2 ] || [ -s "$dir/err" ]; then
        echo "format-samples: $format: exit $status (expected 2)" >&2; cat "$dir/err" >&2; exit 1
    fi
    case $format in json) fence=json ;; junit) fence=xml ;; *) fence=text ;; esac
    {
        echo "<!-- sample:$format -->"
        echo '```'"$fence"
        fixed <"$dir/out"
        echo '```'
        echo "<!-- /sample:$format -->"
    } >>"$samples"
done

case $mode in
    print) cat "$samples" ;;
    --update | --check)
        # README.md with each marked block replaced by the new sample.
        perl -0 -e '
            my ($readme, $samples) = @ARGV;
            local $/; open(my $r, "<", $readme) or die; my $text = <$r>;
            open(my $s, "<", $samples) or die; my $new = <$s>;
            while ($new =~ /(<!-- sample:(\w+) -->.*?<!-- \/sample:\2 -->)/gs) {
                my ($block, $name) = ($1, $2);
                $text =~ s/<!-- sample:\Q$name\E -->.*?<!-- \/sample:\Q$name\E -->/$block/s
                    or die "README.md has no sample markers for $name\n";
            }
            print $text;
        ' README.md "$samples" >"$dir/README.md"
        if [ "$mode" = --update ]; then
            cp "$dir/README.md" README.md
        elif ! diff -u README.md "$dir/README.md" >&2; then
            echo "format-samples: README.md's samples differ from what conn-check prints now; run scripts/format-samples.sh --update" >&2
            exit 1
        fi
        ;;
    *) echo "usage: $0 [--update | --check]" >&2; exit 3 ;;
esac
