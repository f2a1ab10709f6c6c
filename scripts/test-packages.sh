#!/usr/bin/env bash
# CI step for the packages: builds the release (scripts/release.sh, which runs scripts/package.sh and
# so scripts/image.sh); checks the .deb's Depends and runs lintian on it; installs it with dpkg -i, runs
# conn-check through each of its four names on a loopback-only config, removes the package again and
# checks nothing is left; installs the .NET tool into a temp tool path and runs it; unpacks the tarball
# into a temp prefix as the README says and runs it there, with its man pages and bash completion;
# checks that SHA256SUMS lists every release file and that sha256sum -c accepts it; runs the container
# image with buildah (its own storage in a temp directory, the host's network for loopback peers): its
# config, user, files, CA bundle and size, and conn-check in it; builds and runs a console project that
# references the ConnCheck.Generation package. Needs root (dpkg, buildah), python3 (TCP and TLS
# listeners on 127.0.0.1), lintian, man-db, openssl (a test CA) and buildah, and installs them if
# missing. Ends with "N passed, N failed"; exit status 1 on a failure. SKIP_BUILD=1 tests the release
# already in artifacts/; IMAGE=0 leaves the image out.
set -uo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; shift; printf '     %s\n' "$@"; }
# wait_for_file FILE: until a listener started in the background has written FILE (its ports), 10 s at most.
wait_for_file() { for _ in $(seq 100); do [ -s "$1" ] && return; sleep 0.1; done; }

work="$(mktemp -d /tmp/conn-check-test-packages.XXXXXX)"
listener_pid=""
lintian_pid=""
tls_listener_pid=""
deb_installed_by_us=""
image_storage=()
cleanup() {
    for pid in $listener_pid $lintian_pid $tls_listener_pid; do
        kill "$pid" 2>/dev/null || true
    done
    if [ ${#image_storage[@]} -gt 0 ]; then
        buildah "${image_storage[@]}" rm --all >/dev/null 2>&1 || true
    fi
    if [ -n "$deb_installed_by_us" ] && dpkg-query -W -f='${Status}' conn-check 2>/dev/null | grep 'install ok installed' >/dev/null; then
        dpkg -r conn-check >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "$(id -u)" -ne 0 ]; then
    echo "test-packages: dpkg -i needs root" >&2
    exit 1
fi

# run NAME EXPECTED_STATUS GREP_PATTERN COMMAND...: runs COMMAND, checks its status and that its
# standard output has a line matching the (extended) pattern; the output is kept in $work/out.
run() {
    local name="$1" expected="$2" pattern="$3"
    shift 3
    local status=0
    timeout 60 "$@" >"$work/out" 2>"$work/err" || status=$?
    if [ "$status" -ne "$expected" ]; then
        fail "$name" "exit status $status, expected $expected: $*" "stdout: $(head -c 600 "$work/out")" "stderr: $(head -c 600 "$work/err")"
    elif ! grep -Eq -- "$pattern" "$work/out"; then
        fail "$name" "no line matches /$pattern/: $*" "stdout: $(head -c 600 "$work/out")" "stderr: $(head -c 600 "$work/err")"
    else
        pass "$name"
    fi
}

if [ "${SKIP_BUILD:-}" != 1 ]; then
    if ! bash scripts/release.sh; then
        fail "release.sh builds the packages, the tarball and SHA256SUMS"
        echo "$passed passed, $failed failed"
        exit 1
    fi
fi
version="$(dotnet msbuild src/ConnCheck.Cli/ConnCheck.Cli.csproj -getProperty:Version -nologo)"
deb="$repo/artifacts/conn-check_${version}_amd64.deb"

# One version, from VERSION: the build's, the .deb's and both nupkgs'; and one licence, Apache-2.0.
# (A pipe's last command never stops reading early here, `grep -q` would: under pipefail the writer
# before it could then die of SIGPIPE mid-file, and a check that holds would fail.)
if [ "$version" = "$(cat VERSION)" ] && [ "$(dpkg-deb -f "$deb" Version)" = "$version" ] \
    && [ -f "artifacts/conn-check.$version.nupkg" ] && [ -f "artifacts/ConnCheck.Generation.$version.nupkg" ]; then
    pass "the build, the .deb and both nupkgs have VERSION's version ($version)"
else
    fail "the build, the .deb and both nupkgs have VERSION's version" "VERSION: $(cat VERSION), build: $version, deb: $(dpkg-deb -f "$deb" Version)" "$(ls artifacts)"
fi
command -v unzip >/dev/null || bash scripts/apt-install.sh unzip >&2
nuspecs_licensed=0
for nupkg in "artifacts/conn-check.$version.nupkg" "artifacts/ConnCheck.Generation.$version.nupkg"; do
    unzip -p "$nupkg" '*.nuspec' 2>/dev/null | grep '<license type="expression">Apache-2.0</license>' >/dev/null && nuspecs_licensed=$((nuspecs_licensed + 1))
done
if [ "$nuspecs_licensed" -eq 2 ] && dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/share/doc/conn-check/copyright | grep '^License: Apache-2.0$' >/dev/null; then
    pass "both nupkgs and the .deb's copyright say Apache-2.0"
else
    fail "both nupkgs and the .deb's copyright say Apache-2.0" "$nuspecs_licensed of 2 nupkgs"
fi

# A TCP listener on 127.0.0.1 for the OK result, and a port nothing listens on for the FAILED one.
command -v python3 >/dev/null || bash scripts/apt-install.sh python3 >&2
python3 - "$work" <<'EOF' &
import socket, sys, time
closed = socket.socket(); closed.bind(("127.0.0.1", 0)); closed_port = closed.getsockname()[1]; closed.close()
server = socket.socket(); server.bind(("127.0.0.1", 0)); server.listen(64)
open(sys.argv[1] + "/ports.tmp", "w").write(f"{server.getsockname()[1]} {closed_port}\n")
import os; os.rename(sys.argv[1] + "/ports.tmp", sys.argv[1] + "/ports")
server.settimeout(1)
deadline = time.monotonic() + 600
while time.monotonic() < deadline:
    try:
        connection, _ = server.accept()
        connection.close()
    except socket.timeout:
        pass
EOF
listener_pid=$!
wait_for_file "$work/ports"
read -r open_port closed_port <"$work/ports"

cat >"$work/checks.yaml" <<EOF
- type: tcp
  host: 127.0.0.1
  port: $open_port
- type: tcp
  host: 127.0.0.1
  port: $closed_port
  tags: [closed]
EOF
cat >"$work/appsettings.json" <<EOF
{
  "Health": { "BaseUrl": "http://127.0.0.1:$open_port/health" },
  "ConnectionStrings": { "Redis": "127.0.0.1:$closed_port" }
}
EOF

# exercise PREFIX NAME_SUFFIX: the four names; PREFIX is the directory holding them ("" for PATH).
exercise() {
    local bin="$1" how="$2" ok_line="tcp:127.0.0.1:$open_port OK"
    run "$how: conn-check --version" 0 "^conn-check $version\$" "${bin}conn-check" --version
    run "$how: conn-check FILE (OK)" 0 "^$ok_line\$" "${bin}conn-check" --exclude-tags closed "$work/checks.yaml"
    run "$how: conn-check FILE (FAILED first, exit 2)" 2 "tcp:127.0.0.1:$closed_port FAILED" "${bin}conn-check" "$work/checks.yaml"
    if head -n 1 "$work/out" | grep -q FAILED; then
        pass "$how: the failure is the first line"
    else
        fail "$how: the failure is the first line" "$(cat "$work/out")"
    fi
    if [ "$how" != tool ]; then
        run "$how: conn-check-export-fw FILE" 0 "ports: \[$open_port\]" "${bin}conn-check-export-fw" --exclude-tags closed "$work/checks.yaml"
        cp "$work/out" "$work/export.yaml"
        run "$how: conn-check-convert-fw -t iptables EXPORT" 0 "^iptables -A FORWARD -p tcp --dport $open_port -s .+ -d 127\.0\.0\.1 -j ACCEPT\$" \
            "${bin}conn-check-convert-fw" -t iptables "$work/export.yaml"
        run "$how: conn-check-configs dotnet --appsettings FILE" 0 "url: http://127\.0\.0\.1:$open_port/health" \
            "${bin}conn-check-configs" dotnet --appsettings "$work/appsettings.json"
    else
        run "$how: conn-check export-fw FILE" 0 "ports: \[$open_port\]" "${bin}conn-check" export-fw --exclude-tags closed "$work/checks.yaml"
        cp "$work/out" "$work/export.yaml"
        run "$how: conn-check convert-fw -t iptables EXPORT" 0 "^iptables -A FORWARD -p tcp --dport $open_port -s .+ -d 127\.0\.0\.1 -j ACCEPT\$" \
            "${bin}conn-check" convert-fw -t iptables "$work/export.yaml"
        run "$how: conn-check configs dotnet --appsettings FILE" 0 "url: http://127\.0\.0\.1:$open_port/health" \
            "${bin}conn-check" configs dotnet --appsettings "$work/appsettings.json"
    fi
    cp "$work/out" "$work/generated.yaml"
    run "$how: the generated file runs" 0 "^http:http://127\.0\.0\.1:$open_port/health:tcp:127\.0\.0\.1:$open_port OK\$" \
        "${bin}conn-check" "$work/generated.yaml" 'http:*:tcp:*'
}

# The Debian package.
if [ ! -f "$deb" ]; then
    fail "the .deb exists" "$deb"
else
    # Depends: what dpkg-shlibdeps found the binary links (libc6 at least), and what it loads at run
    # time without naming it in its ELF header: libssl (TLS) and the CA certificates (verification).
    depends="$(dpkg-deb -f "$deb" Depends)"
    missing=""
    for package in libc6 libssl3 ca-certificates; do
        grep -Eq "(^|[ ,|])$package( |,|\$)" <<<"$depends" || missing+=" $package"
    done
    if [ -z "$missing" ]; then
        pass "deb: Depends names libc6, libssl3 and ca-certificates"
    else
        fail "deb: Depends names libc6, libssl3 and ca-certificates" "missing:$missing" "Depends: $depends"
    fi
    # Debian's checks of the package (packaging/lintian.md): no error and no warning. lintian takes
    # about ten seconds, so it runs while the package is installed and tried.
    command -v lintian >/dev/null || bash scripts/apt-install.sh lintian >&2
    lintian --fail-on error,warning "$deb" >"$work/lintian.log" 2>&1 &
    lintian_pid=$!
    deb_installed_by_us=1
    if dpkg -i "$deb" >"$work/dpkg.log" 2>&1; then
        pass "dpkg -i $(basename "$deb")"
        if [ "$(readlink -f "$(command -v conn-check-export-fw)")" = /usr/bin/conn-check ] \
            && [ "$(readlink -f "$(command -v conn-check-convert-fw)")" = /usr/bin/conn-check ] \
            && [ "$(readlink -f "$(command -v conn-check-configs)")" = /usr/bin/conn-check ]; then
            pass "deb: the three names link to /usr/bin/conn-check"
        else
            fail "deb: the three names link to /usr/bin/conn-check" "$(ls -l /usr/bin/conn-check* 2>&1)"
        fi
        listed="$(dpkg -L conn-check)"
        missing=""
        for path in /usr/share/man/man1/conn-check.1.gz /usr/share/man/man1/conn-check-export-fw.1.gz \
            /usr/share/man/man1/conn-check-convert-fw.1.gz /usr/share/man/man1/conn-check-configs.1.gz \
            /usr/share/bash-completion/completions/conn-check \
            /usr/share/doc/conn-check/copyright /usr/share/doc/conn-check/CHANGELOG.md.gz /usr/share/doc/conn-check/examples/demo.yaml \
            /usr/share/doc/conn-check/schemas/conn-check-results.schema.json /usr/share/doc/conn-check/schemas/junit.xsd \
            /usr/share/doc/conn-check/examples/textfile-collector/conn-check.timer \
            /usr/share/doc/conn-check/examples/kubernetes/daemonset.yaml \
            /usr/share/doc/conn-check/examples/prometheus/conn-check-alerts.yaml; do
            grep -qx "$path" <<<"$listed" || missing+=" $path"
        done
        if [ -z "$missing" ]; then
            pass "deb: man page, bash completion, copyright and examples are listed"
        else
            fail "deb: man page, bash completion, copyright and examples are listed" "missing:$missing"
        fi
        if bash -c 'source /usr/share/bash-completion/completions/conn-check && COMP_WORDS=(conn-check-convert-fw -t nf) COMP_CWORD=2 && _conn_check && [ "${COMPREPLY[*]}" = "nftables nft" ]'; then
            pass "deb: bash completion completes convert-fw types"
        else
            fail "deb: bash completion completes convert-fw types"
        fi
        if bash -c 'source /usr/share/bash-completion/completions/conn-check && COMP_WORDS=(conn-check --format p) COMP_CWORD=2 && _conn_check && [ "${COMPREPLY[*]}" = "prometheus" ]'; then
            pass "deb: bash completion completes result formats"
        else
            fail "deb: bash completion completes result formats"
        fi
        exercise "" deb
    else
        fail "dpkg -i $(basename "$deb")" "$(tail -n 20 "$work/dpkg.log")"
    fi
    files="$(dpkg-deb --fsys-tarfile "$deb" | tar -t | sed -n 's|^\./|/|p' | grep -v '/$')"
    if dpkg -r conn-check >"$work/dpkg.log" 2>&1; then
        deb_installed_by_us=""
        pass "dpkg -r conn-check"
        left=""
        while read -r path; do
            if [ -e "$path" ] || [ -L "$path" ]; then left+=" $path"; fi
        done <<<"$files"
        [ -e /usr/share/doc/conn-check ] && left+=" /usr/share/doc/conn-check"
        if [ -z "$left" ]; then
            pass "dpkg -r leaves no file behind"
        else
            fail "dpkg -r leaves no file behind" "left:$left"
        fi
    else
        fail "dpkg -r conn-check" "$(tail -n 20 "$work/dpkg.log")"
    fi
    if wait "$lintian_pid"; then
        pass "deb: lintian finds no error and no warning"
    else
        fail "deb: lintian finds no error and no warning" "$(grep -E '^[EW]: ' "$work/lintian.log" || tail -n 20 "$work/lintian.log")"
    fi
    lintian_pid=""
fi

# The NuGet packages: dotnet caches a package by id and version, so a rebuilt one of the same
# version would be shadowed by the copy cached from the last run.
packages_dir="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')"
rm -rf "${packages_dir%/}/conn-check/$version" "${packages_dir%/}/conncheck.generation/$version"

# The .NET tool, from artifacts/ only (a package of the same name elsewhere must not win).
cat >"$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="conn-check-artifacts" value="$repo/artifacts" />
  </packageSources>
</configuration>
EOF
if dotnet tool install --tool-path "$work/tools" --configfile "$work/nuget.config" --add-source "$repo/artifacts" \
    conn-check --version "$version" >"$work/tool.log" 2>&1; then
    pass "dotnet tool install --tool-path DIR conn-check"
    exercise "$work/tools/" tool
else
    fail "dotnet tool install --tool-path DIR conn-check" "$(tail -n 20 "$work/tool.log")"
fi

# The tarball, unpacked into a temporary prefix with the README's command (there: -C /usr/local).
tarball="$repo/artifacts/conn-check-$version-linux-x64.tar.gz"
prefix="$work/prefix"
epoch="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}"
if [ ! -f "$tarball" ]; then
    fail "the tarball exists" "$tarball"
else
    # Reproducible: one top directory, owner 0:0, every mtime the commit's, gzip without a time stamp.
    listing="$(TZ=UTC tar --numeric-owner --full-time -tvzf "$tarball")"
    odd="$(awk -v top="conn-check-$version/" -v when="$(date -u -d "@$epoch" '+%Y-%m-%d %H:%M:%S')" \
        '$2 != "0/0" || $4 " " $5 != when || index($6, top) != 1' <<<"$listing")"
    gzip_mtime="$(od -An -tu4 -j4 -N4 "$tarball" | tr -d ' ')"
    if [ -z "$odd" ] && [ "$gzip_mtime" = 0 ]; then
        pass "tarball: one top directory, owner 0:0, mtime of the last commit, no gzip time stamp"
    else
        fail "tarball: one top directory, owner 0:0, mtime of the last commit, no gzip time stamp" "gzip mtime: $gzip_mtime" "$(head -n 5 <<<"$odd")"
    fi
    mkdir -p "$prefix"
    if tar -C "$prefix" --strip-components=1 -xzf "$tarball" 2>"$work/tar.log"; then
        pass "tar -C PREFIX --strip-components=1 -xzf $(basename "$tarball")"
        missing=""
        for path in bin/conn-check share/bash-completion/completions/conn-check \
            share/doc/conn-check/LICENSE share/doc/conn-check/README.md share/doc/conn-check/CHANGELOG.md; do
            [ -f "$prefix/$path" ] || missing+=" $path"
        done
        for name in export-fw convert-fw configs; do
            [ "$(readlink "$prefix/bin/conn-check-$name")" = conn-check ] || missing+=" bin/conn-check-$name"
            [ "$(readlink "$prefix/share/bash-completion/completions/conn-check-$name")" = conn-check ] \
                || missing+=" share/bash-completion/completions/conn-check-$name"
        done
        if [ -z "$missing" ]; then
            pass "tarball: the binary, its three names, bash completion, LICENSE, README.md and CHANGELOG.md"
        else
            fail "tarball: the binary, its three names, bash completion, LICENSE, README.md and CHANGELOG.md" "missing:$missing"
        fi
        # Every man page of packaging/man, found by man under the prefix and rendered.
        command -v man >/dev/null || bash scripts/apt-install.sh man-db >&2
        unrendered=""
        for page in packaging/man/*.1; do
            name="$(basename "$page" .1)"
            if [ "$(MAN_DISABLE_SECCOMP=1 man -M "$prefix/share/man" -w "$name" 2>/dev/null)" != "$prefix/share/man/man1/$name.1" ] \
                || ! MAN_DISABLE_SECCOMP=1 MANWIDTH=80 man -P cat -l "$prefix/share/man/man1/$name.1" 2>/dev/null | grep "^NAME" >/dev/null; then
                unrendered+=" $name"
            fi
        done
        if [ -z "$unrendered" ] && [ "$(find "$prefix/share/man/man1" -name '*.1' | wc -l)" -eq "$(find packaging/man -name '*.1' | wc -l)" ]; then
            pass "tarball: man -w finds and man -l renders every page of packaging/man"
        else
            fail "tarball: man -w finds and man -l renders every page of packaging/man" "not found or not rendered:$unrendered" "$(ls "$prefix/share/man/man1" 2>&1)"
        fi
        if bash -c 'source "$1/share/bash-completion/completions/conn-check-convert-fw" && COMP_WORDS=(conn-check-convert-fw -t nf) COMP_CWORD=2 && _conn_check && [ "${COMPREPLY[*]}" = "nftables nft" ]' _ "$prefix"; then
            pass "tarball: bash completion completes convert-fw types"
        else
            fail "tarball: bash completion completes convert-fw types"
        fi
        exercise "$prefix/bin/" tarball
    else
        fail "tar -C PREFIX --strip-components=1 -xzf $(basename "$tarball")" "$(tail -n 20 "$work/tar.log")"
    fi
fi

# SHA256SUMS: every release file in artifacts/ is listed, by name alone, and each sum holds.
# The OCI archive belongs to the release unless IMAGE=0 left it out (then an older one is no part of it).
release_files=("conn-check-$version-linux-x64.tar.gz" "conn-check_${version}_amd64.deb" "conn-check.$version.nupkg" "ConnCheck.Generation.$version.nupkg")
[ "${IMAGE:-}" = 0 ] || release_files+=("conn-check-$version.oci.tar")
expected="$(cd artifacts && ls -1 -- "${release_files[@]}" 2>/dev/null | LC_ALL=C sort)"
listed="$(sed -n 's/^[0-9a-f]\{64\}  //p' artifacts/SHA256SUMS 2>/dev/null | LC_ALL=C sort)"
if [ "${IMAGE:-}" != 0 ] && [ -f scripts/image.sh ] && ! grep -qx "conn-check-$version.oci.tar" <<<"$expected"; then
    fail "SHA256SUMS lists every release file" "no conn-check-$version.oci.tar in artifacts/ (IMAGE=0 releases without it)"
elif [ -n "$listed" ] && [ "$listed" = "$expected" ] && [ "$(wc -l <artifacts/SHA256SUMS)" -eq "$(wc -l <<<"$listed")" ]; then
    pass "SHA256SUMS lists every release file: $(tr '\n' ' ' <<<"$listed")"
else
    fail "SHA256SUMS lists every release file" "listed: $(tr '\n' ' ' <<<"$listed")" "in artifacts/: $(tr '\n' ' ' <<<"$expected")"
fi
if (cd artifacts && sha256sum --quiet --strict -c SHA256SUMS) >"$work/sums.log" 2>&1; then
    pass "sha256sum -c SHA256SUMS"
else
    fail "sha256sum -c SHA256SUMS" "$(tail -n 10 "$work/sums.log")"
fi

# The container image, as a user gets it: pulled from the OCI archive (into storage of this test's
# own), inspected, and run with buildah on the host's network, where the listeners are.
image_archive="$repo/artifacts/conn-check-$version.oci.tar"
test_image() {
    command -v buildah >/dev/null || bash scripts/apt-install.sh buildah >&2
    command -v openssl >/dev/null || bash scripts/apt-install.sh openssl >&2
    image_storage=(--root "$work/buildah/root" --runroot "$work/buildah/run" --storage-driver vfs)
    local ref container mount size
    ref="$(tar -xOf "$image_archive" index.json | python3 -c 'import json, sys; print(*(m.get("annotations", {}).get("org.opencontainers.image.ref.name", "") for m in json.load(sys.stdin)["manifests"]))')"
    if [ "$ref" = "conn-check:$version" ]; then
        pass "image: the OCI archive's index names conn-check:$version"
    else
        fail "image: the OCI archive's index names conn-check:$version" "names: $ref"
    fi
    if ! container="$(buildah "${image_storage[@]}" from --quiet "oci-archive:$image_archive" 2>"$work/err")"; then
        fail "image: buildah from oci-archive:$(basename "$image_archive")" "$(tail -n 5 "$work/err")"
        return
    fi
    pass "image: buildah from oci-archive:$(basename "$image_archive")"

    buildah "${image_storage[@]}" inspect --type image "localhost/conn-check:$version" >"$work/image.json" 2>"$work/err"
    if python3 - "$work/image.json" "$version" >"$work/out" <<'EOF'; then
import json, sys
config = json.load(open(sys.argv[1]))["OCIv1"]["config"]
labels = config.get("Labels", {})
wrong = [f"{key}: {actual!r}, expected {expected!r}" for key, actual, expected in [
    ("User", config.get("User"), "65532:65532"),
    ("Entrypoint", config.get("Entrypoint"), ["/usr/bin/conn-check"]),
    ("PATH", [e for e in config.get("Env", []) if e.startswith("PATH=")], ["PATH=/usr/bin"]),
    ("version label", labels.get("org.opencontainers.image.version"), sys.argv[2]),
    ("licenses label", labels.get("org.opencontainers.image.licenses"), "Apache-2.0"),
    ("title label", labels.get("org.opencontainers.image.title"), "conn-check"),
] if actual != expected]
if not labels.get("org.opencontainers.image.description"):
    wrong.append("no description label")
print("\n".join(wrong))
sys.exit(1 if wrong else 0)
EOF
        pass "image: loads as conn-check:$version; user 65532:65532, entrypoint /usr/bin/conn-check, OCI labels"
    else
        fail "image: loads as conn-check:$version; user 65532:65532, entrypoint /usr/bin/conn-check, OCI labels" "$(cat "$work/out" "$work/err")"
    fi

    # The size as unpacked: the layers' uncompressed tar streams.
    size="$(python3 - "$image_archive" <<'EOF'
import gzip, json, sys, tarfile
with tarfile.open(sys.argv[1]) as archive:
    blob = lambda digest: archive.extractfile("blobs/" + digest.replace(":", "/"))
    index = json.load(archive.extractfile("index.json"))
    manifest = json.load(blob(index["manifests"][0]["digest"]))
    total = 0
    for layer in manifest["layers"]:
        with gzip.open(blob(layer["digest"])) as stream:
            while chunk := stream.read(1 << 20):
                total += len(chunk)
print(total)
EOF
)"
    if [ -n "$size" ] && [ "$size" -le 60000000 ]; then
        pass "image: $size bytes uncompressed, at most 60 MB"
    else
        fail "image: at most 60 MB uncompressed" "${size:-no size} bytes"
    fi

    mount="$(buildah "${image_storage[@]}" mount "$container")"
    if grep -qx 'conn-check:x:65532:65532:[^:]*:[^:]*:[^:]*' "$mount/etc/passwd" && grep -qx 'conn-check:x:65532:' "$mount/etc/group"; then
        pass "image: /etc/passwd and /etc/group name 65532 conn-check"
    else
        fail "image: /etc/passwd and /etc/group name 65532 conn-check" "$(cat "$mount/etc/passwd" "$mount/etc/group")"
    fi
    local present="" path
    for path in /bin/sh /usr/bin/sh /bin/bash /usr/bin/dpkg /usr/bin/apt-get /usr/bin/openssl /usr/bin/perl \
        /usr/share/doc /usr/share/man /usr/share/locale /var/lib/dpkg; do
        if [ -e "$mount$path" ] || [ -L "$mount$path" ]; then present+=" $path"; fi
    done
    if [ -z "$present" ]; then
        pass "image: no shell, no package manager, no documentation"
    else
        fail "image: no shell, no package manager, no documentation" "present:$present"
    fi
    if [ "$(readlink "$mount/usr/bin/conn-check-export-fw")" = conn-check ] && [ "$(readlink "$mount/usr/bin/conn-check-convert-fw")" = conn-check ] \
        && [ "$(readlink "$mount/usr/bin/conn-check-configs")" = conn-check ] && [ -x "$mount/usr/bin/conn-check" ]; then
        pass "image: /usr/bin/conn-check and its three names"
    else
        fail "image: /usr/bin/conn-check and its three names" "$(ls -l "$mount/usr/bin")"
    fi
    # Every certificate of the bundle loads as a trusted root, and there are as many as Debian ships.
    local bundle="$mount/etc/ssl/certs/ca-certificates.crt" pems loaded shipped
    pems="$(grep -c -- '-----BEGIN CERTIFICATE-----' "$bundle" 2>/dev/null || true)"
    loaded="$(python3 -c 'import ssl, sys; print(ssl.create_default_context(cafile=sys.argv[1]).cert_store_stats()["x509_ca"])' "$bundle" 2>/dev/null || true)"
    shipped="$(find "$mount/usr/share/ca-certificates" -name '*.crt' 2>/dev/null | wc -l)"
    if [ -n "$pems" ] && [ "$pems" -ge 100 ] && [ "$loaded" = "$pems" ] && [ "$shipped" = "$pems" ]; then
        pass "image: /etc/ssl/certs/ca-certificates.crt holds the $pems CA certificates ca-certificates ships"
    else
        fail "image: /etc/ssl/certs/ca-certificates.crt holds the CA certificates ca-certificates ships" \
            "PEM blocks: ${pems:-none}, loaded: ${loaded:-none}, shipped: $shipped"
    fi
    cat "$bundle" >"$work/bundle-and-test-ca.crt" 2>/dev/null
    buildah "${image_storage[@]}" umount "$container" >/dev/null

    # The checks where the examples mount them. A file only 65532 may read is read: conn-check runs as
    # 65532 (root could read it too, but not the second file, which only root may read).
    mkdir -m 0755 "$work/image-checks"
    install -m 0400 -o 65532 -g 65532 "$work/checks.yaml" "$work/image-checks/checks.yaml"
    install -m 0400 -o 0 -g 0 "$work/checks.yaml" "$work/image-checks/root-only.yaml"
    local in_image=(buildah "${image_storage[@]}" run --isolation chroot --network host
        -v "$work/image-checks:/etc/conn-check:ro" "$container" --)
    # By name, as the Kubernetes examples' commands run it.
    run "image: conn-check --version" 0 "^conn-check $version\$" "${in_image[@]}" conn-check --version
    run "image: a tcp check to a loopback peer, from a file only 65532 may read (OK)" 0 "^tcp:127\.0\.0\.1:$open_port OK\$" \
        "${in_image[@]}" conn-check --exclude-tags closed /etc/conn-check/checks.yaml
    run "image: a tcp check to a closed port (FAILED, exit 2)" 2 "^tcp:127\.0\.0\.1:$closed_port FAILED" \
        "${in_image[@]}" conn-check /etc/conn-check/checks.yaml
    local status=0
    timeout 60 "${in_image[@]}" conn-check /etc/conn-check/root-only.yaml >"$work/out" 2>"$work/err" || status=$?
    if [ "$status" -eq 3 ] && grep -q 'permission denied' "$work/err"; then
        pass "image: a file only root may read is not read (not root)"
    else
        fail "image: a file only root may read is not read (not root)" "exit status $status" "stderr: $(head -c 600 "$work/err")"
    fi

    # TLS: the runtime in the image takes its trusted roots from /etc/ssl/certs/ca-certificates.crt. A
    # server whose certificate a test CA signed is not trusted; with that CA added to the bundle, it is.
    local tls="$work/tls"
    mkdir -m 0755 "$tls"
    if ! (openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=conn-check-test-ca \
            -days 90 -keyout "$tls/ca.key" -out "$tls/ca.pem" \
        && openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=127.0.0.1 \
            -keyout "$tls/server.key" -out "$tls/server.csr" \
        && openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -days 90 \
            -extfile <(echo 'subjectAltName=IP:127.0.0.1') -out "$tls/server.pem") >"$work/openssl.log" 2>&1; then
        fail "image: a test CA and a server certificate" "$(tail -n 5 "$work/openssl.log")"
        return
    fi
    cat "$tls/ca.pem" >>"$work/bundle-and-test-ca.crt"
    python3 - "$tls" <<'EOF' &
import os, socket, ssl, sys, time
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(sys.argv[1] + "/server.pem", sys.argv[1] + "/server.key")
server = socket.socket(); server.bind(("127.0.0.1", 0)); server.listen(16)
open(sys.argv[1] + "/port.tmp", "w").write(f"{server.getsockname()[1]}\n")
os.rename(sys.argv[1] + "/port.tmp", sys.argv[1] + "/port")
server.settimeout(1)
deadline = time.monotonic() + 600
while time.monotonic() < deadline:
    try:
        connection, _ = server.accept()
    except socket.timeout:
        continue
    try:
        context.wrap_socket(connection, server_side=True).close()
    except (ssl.SSLError, OSError):
        connection.close()
EOF
    tls_listener_pid=$!
    wait_for_file "$tls/port"
    local tls_port
    read -r tls_port <"$tls/port"
    printf -- '- type: tls\n  host: 127.0.0.1\n  port: %s\n' "$tls_port" >"$work/image-checks/tls.yaml"
    chmod 0444 "$work/image-checks/tls.yaml"
    run "image: a tls check to a server the bundle does not vouch for (FAILED)" 2 "^tls:127\.0\.0\.1:$tls_port FAILED .*not trusted" \
        "${in_image[@]}" conn-check /etc/conn-check/tls.yaml
    in_image=(buildah "${image_storage[@]}" run --isolation chroot --network host -v "$work/image-checks:/etc/conn-check:ro"
        -v "$work/bundle-and-test-ca.crt:/etc/ssl/certs/ca-certificates.crt:ro" "$container" --)
    run "image: the same check with the test CA in /etc/ssl/certs/ca-certificates.crt (OK)" 0 "^tls:127\.0\.0\.1:$tls_port OK\$" \
        "${in_image[@]}" conn-check /etc/conn-check/tls.yaml
    kill "$tls_listener_pid" 2>/dev/null || true
    tls_listener_pid=""
}
if [ "${IMAGE:-1}" = 0 ]; then
    echo "(the container image is left out: IMAGE=0)"
elif [ ! -f "$image_archive" ]; then
    fail "the OCI archive exists" "$image_archive"
else
    test_image
fi

# The library: a console project outside the repository that takes ConnCheck.Generation from artifacts/.
mkdir -p "$work/consumer"
cat >"$work/consumer/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="conn-check-artifacts" value="$repo/artifacts" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="conn-check-artifacts"><package pattern="ConnCheck.Generation" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
EOF
cat >"$work/consumer/Consumer.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="ConnCheck.Generation" Version="$version" />
  </ItemGroup>
</Project>
EOF
cat >"$work/consumer/Program.cs" <<'EOF'
using ConnCheck.Generation;

var generator = new DotNetGenerator();
generator.ExtraCheckMakers.Add((settings, options) =>
    [new GeneratedCheck("tcp") { { "host", "127.0.0.1" }, { "port", 7 } }]);
return await ConfigsProgram.RunAsync(args, generator);
EOF
if (cd "$work/consumer" && dotnet build -nologo -v quiet -o "$work/consumer/out") >"$work/consumer.log" 2>&1; then
    pass "a project builds against the ConnCheck.Generation package"
    run "the library's program runs with an extra check maker" 0 "port: 7\$" \
        "$work/consumer/out/Consumer" --appsettings "$work/appsettings.json"
else
    fail "a project builds against the ConnCheck.Generation package" "$(grep -E 'error|warn' "$work/consumer.log" | head -n 10)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
