#!/usr/bin/env bash
# Whole-process benchmark of the published binary (not a test): N http checks (default 1000) to a
# local nginx (Debian's nginx-light, started here on 127.0.0.1:18290 with its own config), no -j:
# median wall time and peak RSS of 5 runs. Each check makes its tcp connect and its GET.
# Results: docs/benchmarks.md.   Usage: bench/http-checks.sh [N]   (CONN_CHECK_BIN overrides the binary)
set -euo pipefail
cd "$(dirname "$0")/.."

n="${1:-1000}"
port=18290
# shellcheck source=bench/lib.sh
source bench/lib.sh

if ! command -v nginx >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || { echo "bench: need nginx; run as root or: sudo apt-get install -y nginx-light" >&2; exit 1; }
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
fi

mkdir -p "$dir/nginx"
cat >"$dir/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log;
events { worker_connections 8192; }
http {
    access_log off;
    client_body_temp_path $dir/nginx/body; proxy_temp_path $dir/nginx/proxy;
    fastcgi_temp_path $dir/nginx/fastcgi; uwsgi_temp_path $dir/nginx/uwsgi; scgi_temp_path $dir/nginx/scgi;
    server { listen 127.0.0.1:$port backlog=4096; location / { return 200 "ok\n"; } }
}
CONF
nginx -c "$dir/nginx/nginx.conf"
cleanups=("kill \$(cat '$dir/nginx/nginx.pid')" "${cleanups[@]}")

config="$dir/checks.yaml"
for i in $(seq "$n"); do
    printf -- '- {type: http, url: "http://127.0.0.1:%s/item/%s"}\n' "$port" "$i"
done >"$config"

# Two results per check: the tcp connect and the request. The issue "Performance" sets targets for
# 1,000 and 10,000 checks.
case "$n" in
    1000) target_ms=150 target_mib=50 ;;
    10000) target_ms=1500 ;;
esac
measure "$n http checks" $((2 * n)) 5 "$config"
