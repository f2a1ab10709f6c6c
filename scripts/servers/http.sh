#!/usr/bin/env bash
# Real servers for the http check's integration tests, all on 127.0.0.1, on fixed ports:
#   Apache httpd  18180 (HTTP) and 18543 (HTTPS, mod_ssl): /cgi/record (a CGI that records every
#                 request it gets and answers ?status=NNN, default 200), /basic/record (Basic auth),
#                 /digest/record (Digest auth, mod_auth_digest), /redirect/X (302 to /cgi/record/X),
#                 /missing (404)
#   squid         13128 (open), 13129 (Basic proxy auth), 13130 (TLS: squid's own https_port);
#                 CONNECT and plain requests to loopback only, no caching
#   nginx         18280 (200 on /; for the benchmarks)
#   Apache httpd  18643 (HTTPS requiring a client certificate from the test client CA; TLS 1.3 when
#                 the client offers it) and 18644 (the same, TLS 1.2 only: the server's verdict on the
#                 client certificate comes within the handshake), for mutual TLS
# Everything the servers write or read lives under one directory,
# ${CONN_CHECK_TEST_STATE:-/tmp/conn-check-test-servers}; `start` writes STATE/http/server.env
# (KEY=VALUE lines: ports, log paths, the CA directory, users and passwords) for the tests.
#
# Usage: scripts/servers/http.sh packages|start|stop|status (scripts/test-servers.sh runs every server script)
#   packages  the Debian packages it needs (scripts/test-servers.sh installs them)
#   start   starts whatever is not running; a no-op
#           when everything runs. Waits (bounded) until every server answers.
#   stop    stops the servers by the PIDs recorded under STATE; a no-op when nothing runs.
#   status  one line per server; exits 0 when all run, 3 otherwise.
set -euo pipefail

STATE="$(realpath -m "${CONN_CHECK_TEST_STATE:-/tmp/conn-check-test-servers}")/http"
case "$STATE" in
    *[[:space:]]*) echo "test-servers: the state directory must not contain spaces: '$STATE'" >&2; exit 1 ;;
esac

APACHE_HTTP_PORT=18180
APACHE_HTTPS_PORT=18543
SQUID_PORT=13128
SQUID_AUTH_PORT=13129
SQUID_TLS_PORT=13130
NGINX_PORT=18280
APACHE_MTLS_PORT=18643
APACHE_MTLS12_PORT=18644
SERVERS=(apache squid nginx)
READY_LIMIT_SECONDS=20
STOP_LIMIT_SECONDS=15
MODULES=/usr/lib/apache2/modules

NAME=http
# shellcheck source=scripts/lib/server.sh
source "$(dirname "$0")/../lib/server.sh"

# ---------------------------------------------------------------------------------------- install

packages() {
    # curl probes the servers; flock (util-linux) serialises start and stop.
    echo apache2 apache2-utils squid nginx-light openssl curl util-linux
}

# ---------------------------------------------------------------------------------------- state

ensure_state_dir() {
    mkdir -p "$STATE"
    # The servers drop to www-data (Apache, nginx) and proxy (squid): they must be able to walk into it.
    chmod 755 "$STATE"
}

# Users and passwords: random once per state directory, so a secret that leaks into output cannot
# hide behind a value that appears there for another reason.
ensure_credentials() {
    local file="$STATE/credentials.env"
    if [ ! -s "$file" ]; then
        {
            echo "BASIC_USER=basic-user"
            echo "BASIC_PASSWORD=basic-$(openssl rand -hex 8)"
            echo "DIGEST_USER=digest-user"
            echo "DIGEST_PASSWORD=digest-$(openssl rand -hex 8)"
            echo "DIGEST_REALM=conn-check-digest"
            echo "PROXY_USER=proxy-user"
            echo "PROXY_PASSWORD=proxy-$(openssl rand -hex 8)"
        } >"$file.tmp"
        mv "$file.tmp" "$file"
    fi

    if ! grep -q '^CLIENT_KEY_PASSPHRASE=' "$file"; then
        echo "CLIENT_KEY_PASSPHRASE=client-key-$(openssl rand -hex 8)" >>"$file"
    fi

    # shellcheck disable=SC1090
    . "$file"
}

certificates_valid() {
    [ -s "$STATE/ca/ca.pem" ] && [ -s "$STATE/pki/server.pem" ] && [ -s "$STATE/pki/server.key" ] &&
        certificate_fresh "$STATE/pki/server.pem" && certificate_fresh "$STATE/ca/ca.pem"
}

# A throw-away CA (its certificate alone in STATE/ca, for --tls-certs-path) and a server
# certificate for localhost and 127.0.0.1 that Apache's HTTPS port and squid's https_port present.
make_certificates() {
    local pki="$STATE/pki"
    rm -rf "$pki" "$STATE/ca"
    mkdir -p "$pki" "$STATE/ca"
    openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha256 -days "$CERTIFICATE_DAYS" \
        -subj "/CN=conn-check test servers CA $(openssl rand -hex 4)" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -keyout "$pki/ca.key" -out "$STATE/ca/ca.pem" 2>/dev/null
    openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha256 -subj "/CN=localhost" \
        -keyout "$pki/server.key" -out "$pki/server.csr" 2>/dev/null
    cat >"$pki/server.ext" <<EOF
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1
EOF
    openssl x509 -req -sha256 -days "$CERTIFICATE_DAYS" -in "$pki/server.csr" -CA "$STATE/ca/ca.pem" -CAkey "$pki/ca.key" \
        -CAcreateserial -CAserial "$pki/ca.srl" -extfile "$pki/server.ext" -out "$pki/server.pem" 2>/dev/null
    chmod 644 "$STATE/ca/ca.pem" "$pki/server.pem"
    chmod 600 "$pki/ca.key"
    chmod 640 "$pki/server.key"
    if is_root; then
        # squid reads its key again as proxy when it reconfigures.
        chgrp proxy "$pki/server.key"
    fi
}

client_certificates_valid() {
    local mtls="$STATE/mtls" file
    for file in client-ca.pem client.pem client.key client-encrypted.key other-client.pem other-client.key; do
        [ -s "$mtls/$file" ] || return 1
    done
    certificate_fresh "$mtls/client.pem" && certificate_fresh "$mtls/client-ca.pem" && certificate_fresh "$mtls/other-client.pem"
}

# One client CA whose certificates the mutual-TLS ports accept, a client certificate it signed (its
# key also encrypted with CLIENT_KEY_PASSPHRASE), and a client certificate of another CA they refuse.
make_client_certificates() {
    local mtls="$STATE/mtls" ca
    rm -rf "$mtls"
    mkdir -p "$mtls"
    printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" "extendedKeyUsage=clientAuth" >"$mtls/client.ext"
    for ca in client-ca other-ca; do
        openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha256 -days "$CERTIFICATE_DAYS" \
            -subj "/CN=conn-check test $ca $(openssl rand -hex 4)" \
            -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
            -keyout "$mtls/$ca.key" -out "$mtls/$ca.pem" 2>/dev/null
    done
    local name issuer
    for name in client other-client; do
        issuer=client-ca
        [ "$name" = other-client ] && issuer=other-ca
        openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha256 -subj "/CN=conn-check $name" \
            -keyout "$mtls/$name.key" -out "$mtls/$name.csr" 2>/dev/null
        openssl x509 -req -sha256 -days "$CERTIFICATE_DAYS" -in "$mtls/$name.csr" -CA "$mtls/$issuer.pem" -CAkey "$mtls/$issuer.key" \
            -CAcreateserial -CAserial "$mtls/$issuer.srl" -extfile "$mtls/client.ext" -out "$mtls/$name.pem" 2>/dev/null
    done
    openssl pkey -in "$mtls/client.key" -aes256 -passout "pass:$CLIENT_KEY_PASSPHRASE" -out "$mtls/client-encrypted.key"
    chmod 644 "$mtls"/*.pem
    chmod 600 "$mtls"/*.key
}

write_servers_env() {
    publish_env <<EOF
STATE_DIR=$STATE
CA_DIR=$STATE/ca
APACHE_HTTP_PORT=$APACHE_HTTP_PORT
APACHE_HTTPS_PORT=$APACHE_HTTPS_PORT
APACHE_REQUEST_LOG=$STATE/apache/requests.log
APACHE_ACCESS_LOG=$STATE/apache/access.log
APACHE_ERROR_LOG=$STATE/apache/error.log
RECORD_PATH=/cgi/record
BASIC_PATH=/basic/record
DIGEST_PATH=/digest/record
REDIRECT_PATH=/redirect
MISSING_PATH=/missing
BASIC_USER=$BASIC_USER
BASIC_PASSWORD=$BASIC_PASSWORD
DIGEST_USER=$DIGEST_USER
DIGEST_PASSWORD=$DIGEST_PASSWORD
DIGEST_REALM=$DIGEST_REALM
SQUID_PORT=$SQUID_PORT
SQUID_AUTH_PORT=$SQUID_AUTH_PORT
SQUID_TLS_PORT=$SQUID_TLS_PORT
SQUID_ACCESS_LOG=$STATE/squid/access.log
SQUID_CACHE_LOG=$STATE/squid/cache.log
PROXY_USER=$PROXY_USER
PROXY_PASSWORD=$PROXY_PASSWORD
NGINX_PORT=$NGINX_PORT
NGINX_ERROR_LOG=$STATE/nginx/error.log
APACHE_MTLS_PORT=$APACHE_MTLS_PORT
APACHE_MTLS12_PORT=$APACHE_MTLS12_PORT
CLIENT_CERT=$STATE/mtls/client.pem
CLIENT_KEY=$STATE/mtls/client.key
CLIENT_KEY_ENCRYPTED=$STATE/mtls/client-encrypted.key
CLIENT_KEY_PASSPHRASE=$CLIENT_KEY_PASSPHRASE
OTHER_CLIENT_CERT=$STATE/mtls/other-client.pem
OTHER_CLIENT_KEY=$STATE/mtls/other-client.key
EOF
}

# ---------------------------------------------------------------------------------------- processes

pid_file() {
    case "$1" in
        apache) echo "$STATE/apache/run/httpd.pid" ;;
        squid) echo "$STATE/squid/squid.pid" ;;
        nginx) echo "$STATE/nginx/nginx.pid" ;;
    esac
}

config_file() {
    case "$1" in
        apache) echo "$STATE/apache/httpd.conf" ;;
        squid) echo "$STATE/squid/squid.conf" ;;
        nginx) echo "$STATE/nginx/nginx.conf" ;;
    esac
}

# Whether a process exists and is not a zombie waiting for a parent to reap it.
# The PID recorded for a server, if that process still runs with our configuration file (a PID
# reused by an unrelated process is never ours).
running_pid() {
    local file pid
    file="$(pid_file "$1")"
    [ -s "$file" ] || return 1
    pid="$(tr -dc '0-9' <"$file")"
    [ -n "$pid" ] && alive "$pid" || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$(config_file "$1")" || return 1
    echo "$pid"
}

stop_server() {
    local name="$1" pid
    pid="$(running_pid "$name")" || { rm -f "$(pid_file "$name")"; return 0; }
    kill -TERM "$pid" 2>/dev/null || true
    local tries=$((STOP_LIMIT_SECONDS * 10))
    while alive "$pid" && [ "$tries" -gt 0 ]; do
        sleep 0.1
        tries=$((tries - 1))
    done

    if alive "$pid"; then
        log "$name (pid $pid) did not stop within ${STOP_LIMIT_SECONDS}s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi

    rm -f "$(pid_file "$name")"
    log "stopped $name (pid $pid)"
}

# ---------------------------------------------------------------------------------------- apache

configure_apache() {
    local dir="$STATE/apache"
    mkdir -p "$dir/run" "$dir/htdocs" "$dir/cgi-bin"
    echo "conn-check test server" >"$dir/htdocs/index.html"
    # Written by the CGI, which runs as www-data when Apache starts as root. A fresh start, a fresh log.
    : >"$dir/requests.log"
    if is_root; then
        chown www-data "$dir/requests.log"
        chmod 644 "$dir/requests.log"
    else
        chmod 666 "$dir/requests.log"
    fi

    htpasswd -b -c "$dir/htpasswd" "$BASIC_USER" "$BASIC_PASSWORD" 2>/dev/null
    # The htdigest line (what `htdigest` writes interactively): user:realm:MD5(user:realm:password).
    printf '%s:%s:%s\n' "$DIGEST_USER" "$DIGEST_REALM" \
        "$(printf '%s:%s:%s' "$DIGEST_USER" "$DIGEST_REALM" "$DIGEST_PASSWORD" | md5sum | cut -d' ' -f1)" >"$dir/htdigest"
    chmod 644 "$dir/htpasswd" "$dir/htdigest"

    cat >"$dir/cgi-bin/record" <<EOF
#!/bin/sh
# Appends one line per request to requests.log: TAB-separated NAME=VALUE fields (every request
# header as header.NAME, Content-Type as content_type, the body base64-encoded), then answers
# with the status given as ?status=NNN (default 200).
set -f
status=200
IFS='&'
for pair in \${QUERY_STRING:-}; do
    case "\$pair" in
        status=[1-5][0-9][0-9]) status="\${pair#status=}" ;;
    esac
done
unset IFS
body=""
if [ -n "\${CONTENT_LENGTH:-}" ] && [ "\$CONTENT_LENGTH" -gt 0 ] 2>/dev/null; then
    body="\$(head -c "\$CONTENT_LENGTH" | base64 -w0)"
fi
headers="\$(env | sed -n 's/^HTTP_\([A-Z0-9_]*\)=/header.\1=/p' | sort | tr '\n' '\t')"
printf 'method=%s\turi=%s\tpath=%s\tquery=%s\tuser=%s\tscheme=%s\tcontent_type=%s\t%sbody=%s\n' \\
    "\$REQUEST_METHOD" "\$REQUEST_URI" "\${SCRIPT_NAME}\${PATH_INFO:-}" "\${QUERY_STRING:-}" \\
    "\${REMOTE_USER:-}" "\${REQUEST_SCHEME:-}" "\${CONTENT_TYPE:-}" "\$headers" "\$body" >>"$dir/requests.log"
printf 'Status: %s Recorded\r\nContent-Type: text/plain\r\n\r\nrecorded\n' "\$status"
EOF
    chmod 755 "$dir/cgi-bin/record"

    local user_lines=""
    if is_root; then
        user_lines=$'User www-data\nGroup www-data'
    fi

    cat >"$dir/httpd.conf" <<EOF
# Written by scripts/servers/http.sh; not Debian's configuration, nothing outside $STATE.
ServerRoot "$dir"
ServerName 127.0.0.1
Listen 127.0.0.1:$APACHE_HTTP_PORT
Listen 127.0.0.1:$APACHE_HTTPS_PORT
Listen 127.0.0.1:$APACHE_MTLS_PORT
Listen 127.0.0.1:$APACHE_MTLS12_PORT
PidFile "$dir/run/httpd.pid"
DefaultRuntimeDir "$dir/run"
Mutex file:$dir/run default
ErrorLog "$dir/error.log"
LogLevel warn
$user_lines

LoadModule mpm_event_module $MODULES/mod_mpm_event.so
LoadModule authn_core_module $MODULES/mod_authn_core.so
LoadModule authn_file_module $MODULES/mod_authn_file.so
LoadModule authz_core_module $MODULES/mod_authz_core.so
LoadModule authz_user_module $MODULES/mod_authz_user.so
LoadModule auth_basic_module $MODULES/mod_auth_basic.so
LoadModule auth_digest_module $MODULES/mod_auth_digest.so
LoadModule alias_module $MODULES/mod_alias.so
LoadModule cgid_module $MODULES/mod_cgid.so
LoadModule dir_module $MODULES/mod_dir.so
LoadModule mime_module $MODULES/mod_mime.so
LoadModule socache_shmcb_module $MODULES/mod_socache_shmcb.so
LoadModule ssl_module $MODULES/mod_ssl.so

StartServers 1
ServerLimit 4
ThreadsPerChild 25
MaxRequestWorkers 100
MinSpareThreads 25
MaxSpareThreads 75
ScriptSock "$dir/run/cgid.sock"
TypesConfig /etc/mime.types
LogFormat "%h %u %t \"%r\" %>s %b" common
CustomLog "$dir/access.log" common
SSLSessionCache "shmcb:$dir/run/ssl_cache(65536)"

DocumentRoot "$dir/htdocs"
DirectoryIndex index.html
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory "$dir/htdocs">
    Require all granted
</Directory>
<Directory "$dir/cgi-bin">
    Options +ExecCGI
    # Lets the recorder see the Authorization header the client sent.
    CGIPassAuth On
    Require all granted
</Directory>

ScriptAlias /cgi/ "$dir/cgi-bin/"
ScriptAlias /basic/ "$dir/cgi-bin/"
ScriptAlias /digest/ "$dir/cgi-bin/"
Redirect 302 /redirect/ /cgi/record/

<Location /basic/>
    AuthType Basic
    AuthName "conn-check-basic"
    AuthBasicProvider file
    AuthUserFile "$dir/htpasswd"
    Require valid-user
</Location>
<Location /digest/>
    AuthType Digest
    AuthName "$DIGEST_REALM"
    AuthDigestDomain /digest/
    AuthDigestProvider file
    AuthUserFile "$dir/htdigest"
    Require valid-user
</Location>

<VirtualHost 127.0.0.1:$APACHE_HTTPS_PORT>
    SSLEngine on
    SSLCertificateFile "$STATE/pki/server.pem"
    SSLCertificateKeyFile "$STATE/pki/server.key"
</VirtualHost>
<VirtualHost 127.0.0.1:$APACHE_MTLS_PORT>
    SSLEngine on
    SSLCertificateFile "$STATE/pki/server.pem"
    SSLCertificateKeyFile "$STATE/pki/server.key"
    SSLCACertificateFile "$STATE/mtls/client-ca.pem"
    SSLVerifyClient require
    SSLVerifyDepth 2
</VirtualHost>
<VirtualHost 127.0.0.1:$APACHE_MTLS12_PORT>
    SSLEngine on
    SSLProtocol -all +TLSv1.2
    SSLCertificateFile "$STATE/pki/server.pem"
    SSLCertificateKeyFile "$STATE/pki/server.key"
    SSLCACertificateFile "$STATE/mtls/client-ca.pem"
    SSLVerifyClient require
    SSLVerifyDepth 2
</VirtualHost>
EOF
}

start_apache() {
    configure_apache
    /usr/sbin/apache2 -t -f "$STATE/apache/httpd.conf" >/dev/null 2>"$STATE/apache/configtest.log" ||
        { cat "$STATE/apache/configtest.log" >&2; die "apache configuration rejected"; }
    /usr/sbin/apache2 -f "$STATE/apache/httpd.conf" -k start </dev/null >"$STATE/apache/start.log" 2>&1 9>&- ||
        { tail -n 20 "$STATE/apache/start.log" "$STATE/apache/error.log" >&2 || true; die "apache did not start"; }
}

# ---------------------------------------------------------------------------------------- squid

configure_squid() {
    local dir="$STATE/squid"
    mkdir -p "$dir"
    htpasswd -b -c "$dir/passwd" "$PROXY_USER" "$PROXY_PASSWORD" 2>/dev/null
    : >"$dir/access.log"
    : >"$dir/cache.log"

    local user_line=""
    if is_root; then
        user_line="cache_effective_user proxy"
    fi

    cat >"$dir/squid.conf" <<EOF
# Written by scripts/servers/http.sh; nothing outside $STATE.
http_port 127.0.0.1:$SQUID_PORT name=open
http_port 127.0.0.1:$SQUID_AUTH_PORT name=auth
https_port 127.0.0.1:$SQUID_TLS_PORT name=tls tls-cert=$STATE/pki/server.pem tls-key=$STATE/pki/server.key
visible_hostname conn-check-test-squid
$user_line
pid_filename $dir/squid.pid
cache_log $dir/cache.log
coredump_dir $dir
# The tests find their own requests by a User-Agent they make up; CONNECT requests carry it too.
logformat conncheck %ts.%03tu %>a %>lp %Ss/%03>Hs %rm %ru %un "%{User-Agent}>h"
access_log stdio:$dir/access.log conncheck
buffered_logs off
cache_store_log none
cache deny all
cache_mem 8 MB
pinger_enable off
icp_port 0
htcp_port 0
client_db off
hosts_file /etc/hosts
shutdown_lifetime 1 seconds

auth_param basic program /usr/lib/squid/basic_ncsa_auth $dir/passwd
auth_param basic children 2 startup=1 idle=1
auth_param basic realm conn-check-squid

acl from_loopback src 127.0.0.0/8 ::1
acl to_loopback dst 127.0.0.0/8 ::1
acl open_ports myportname open tls
acl auth_port myportname auth
acl authenticated proxy_auth REQUIRED
http_access deny !from_loopback
http_access deny !to_loopback
http_access allow open_ports
http_access allow auth_port authenticated
http_access deny all
EOF
    if is_root; then
        chown -R proxy:proxy "$dir"
    fi
}

start_squid() {
    configure_squid
    /usr/sbin/squid -k parse -f "$STATE/squid/squid.conf" >"$STATE/squid/parse.log" 2>&1 ||
        { grep -iE 'error|fatal|bungled' "$STATE/squid/parse.log" >&2 || true; die "squid configuration rejected"; }
    /usr/sbin/squid -f "$STATE/squid/squid.conf" </dev/null >"$STATE/squid/start.log" 2>&1 9>&- ||
        { tail -n 20 "$STATE/squid/start.log" "$STATE/squid/cache.log" >&2 || true; die "squid did not start"; }
}

# ---------------------------------------------------------------------------------------- nginx

configure_nginx() {
    local dir="$STATE/nginx"
    mkdir -p "$dir/tmp"
    local user_line=""
    if is_root; then
        user_line="user www-data;"
        chown www-data "$dir/tmp"
    fi

    cat >"$dir/nginx.conf" <<EOF
# Written by scripts/servers/http.sh; nothing outside $STATE.
$user_line
worker_processes auto;
worker_rlimit_nofile 16384;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events {
    worker_connections 8192;
}
http {
    access_log off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT backlog=4096;
        location = / {
            default_type text/plain;
            return 200 "ok\n";
        }
        location / {
            return 404;
        }
    }
}
EOF
}

start_nginx() {
    configure_nginx
    local args=(-p "$STATE/nginx/" -c "$STATE/nginx/nginx.conf" -e "$STATE/nginx/error.log")
    /usr/sbin/nginx -t -q "${args[@]}" || die "nginx configuration rejected"
    /usr/sbin/nginx "${args[@]}" </dev/null >"$STATE/nginx/start.log" 2>&1 9>&- ||
        { tail -n 20 "$STATE/nginx/start.log" "$STATE/nginx/error.log" >&2 || true; die "nginx did not start"; }
}

# ---------------------------------------------------------------------------------------- readiness

# Each server proves it is up by answering a real request, not just by accepting connections.
probe() {
    local ca="$STATE/ca/ca.pem" plain="http://127.0.0.1:$APACHE_HTTP_PORT/"
    local curl=(curl -s -o /dev/null --max-time 2 --noproxy '' -w '%{http_code}')
    case "$1" in
        apache)
            [ "$("${curl[@]}" "$plain")" = 200 ] &&
                [ "$("${curl[@]}" --cacert "$ca" "https://localhost:$APACHE_HTTPS_PORT/")" = 200 ] &&
                [ "$("${curl[@]}" --cacert "$ca" --cert "$STATE/mtls/client.pem" --key "$STATE/mtls/client.key" \
                    "https://localhost:$APACHE_MTLS_PORT/")" = 200 ]
            ;;
        squid)
            [ "$("${curl[@]}" -A conn-check-test-servers-probe --proxy "http://127.0.0.1:$SQUID_PORT" "$plain")" = 200 ] &&
                [ "$("${curl[@]}" -A conn-check-test-servers-probe --proxy "http://127.0.0.1:$SQUID_AUTH_PORT" \
                    --proxy-user "$PROXY_USER:$PROXY_PASSWORD" "$plain")" = 200 ] &&
                [ "$("${curl[@]}" -A conn-check-test-servers-probe --proxy "https://localhost:$SQUID_TLS_PORT" \
                    --proxy-cacert "$ca" "$plain")" = 200 ]
            ;;
        nginx)
            [ "$("${curl[@]}" "http://127.0.0.1:$NGINX_PORT/")" = 200 ]
            ;;
    esac
}

wait_ready() {
    local name="$1" tries=$((READY_LIMIT_SECONDS * 10))
    until probe "$name"; do
        tries=$((tries - 1))
        if [ "$tries" -le 0 ] || ! running_pid "$name" >/dev/null; then
            die "$name did not answer within ${READY_LIMIT_SECONDS}s (logs under $STATE/$name/)"
        fi

        sleep 0.1
    done
}

# ---------------------------------------------------------------------------------------- commands

lock_state() {
    exec 9>"$STATE/.lock"
    flock -w 120 9 || die "another servers/http.sh holds $STATE/.lock"
}

cmd_start() {
    ensure_state_dir
    lock_state
    local started=$SECONDS
    ensure_credentials
    if ! certificates_valid; then
        # Servers still presenting an old certificate would contradict the new CA.
        for name in "${SERVERS[@]}"; do stop_server "$name"; done
        make_certificates
    fi

    if ! client_certificates_valid; then
        # Apache reads the client CA when it starts.
        stop_server apache
        make_client_certificates
    fi

    write_servers_env
    local name any=""
    for name in "${SERVERS[@]}"; do
        if running_pid "$name" >/dev/null; then
            continue
        fi

        "start_$name"
        any=1
    done

    for name in "${SERVERS[@]}"; do
        wait_ready "$name"
    done

    if [ -n "$any" ]; then
        log "started in $((SECONDS - started))s; state in $STATE"
    fi

    cmd_status
}

cmd_stop() {
    [ -d "$STATE" ] || return 0
    lock_state
    local name
    for name in "${SERVERS[@]}"; do
        stop_server "$name"
    done
}

cmd_status() {
    local name pid all=0
    for name in "${SERVERS[@]}"; do
        if pid="$(running_pid "$name")"; then
            case "$name" in
                apache) printf '%-7s running (pid %s) http://127.0.0.1:%s https://127.0.0.1:%s, mutual TLS :%s (TLS 1.2 :%s)\n' "$name" "$pid" "$APACHE_HTTP_PORT" "$APACHE_HTTPS_PORT" "$APACHE_MTLS_PORT" "$APACHE_MTLS12_PORT" ;;
                squid) printf '%-7s running (pid %s) proxy 127.0.0.1:%s, with auth :%s, TLS :%s\n' "$name" "$pid" "$SQUID_PORT" "$SQUID_AUTH_PORT" "$SQUID_TLS_PORT" ;;
                nginx) printf '%-7s running (pid %s) http://127.0.0.1:%s\n' "$name" "$pid" "$NGINX_PORT" ;;
            esac
        else
            printf '%-7s stopped\n' "$name"
            all=3
        fi
    done

    return "$all"
}

run_command "$@"
