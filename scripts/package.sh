#!/usr/bin/env bash
# Builds the packages into artifacts/:
#   conn-check                      the Native AOT binary (scripts/publish.sh; linux-x64 unless RID is set)
#   conn-check_VERSION_ARCH.deb     that binary in /usr/bin with the conn-check-export-fw, -convert-fw and
#                                   -configs links, the man page, bash completion, README, examples and the result schemas
#   conn-check.VERSION.nupkg        the .NET tool (framework-dependent): dotnet tool install --add-source artifacts conn-check
#   ConnCheck.Generation.VERSION.nupkg  the settings-generator library users extend
#   conn-check-VERSION.oci.tar      the container image (scripts/image.sh); IMAGE=0 skips it
# CONN_CHECK_BUILD_DIR sets where dotnet builds (default .build, as for every build of the project).
set -euo pipefail
cd "$(dirname "$0")/.."
umask 022

build_dir="${CONN_CHECK_BUILD_DIR:-$PWD/.build}"
# shellcheck source=scripts/lib/release.sh
source scripts/lib/release.sh

# Earlier builds' packages (of other versions too) must not be picked up by dotnet tool install.
rm -f artifacts/conn-check_*.deb artifacts/conn-check.*.nupkg artifacts/ConnCheck.Generation.*.nupkg

bash scripts/publish.sh -p:ArtifactsPath="$build_dir"
# dpkg-shlibdeps computes the .deb's Depends.
bash scripts/apt-install.sh dpkg-dev

# The .NET tool and the library are built apart from the AOT publish, whose intermediate files
# (other properties, a runtime identifier) they would otherwise overwrite.
dotnet pack src/ConnCheck.Cli/ConnCheck.Cli.csproj -c Release -o artifacts -nologo -v quiet \
    -p:ArtifactsPath="$build_dir/pack-tool" -p:ConnCheckTool=true
dotnet pack src/ConnCheck.Generation/ConnCheck.Generation.csproj -c Release -o artifacts -nologo -v quiet \
    -p:ArtifactsPath="$build_dir/pack-lib"

# The Debian package, laid out in a staging tree and built by dpkg-deb (no debhelper). The tree sits
# where dpkg-shlibdeps expects a package's files (debian/PACKAGE under the directory it runs in).
deb_dir="$build_dir/deb"
root="$deb_dir/debian/conn-check"
rm -rf "$deb_dir"
doc="$root/usr/share/doc/conn-check"
install -d "$root/DEBIAN" "$doc/examples"
install_commands "$root/usr" gzip

install -m 0644 packaging/copyright "$doc/copyright"
install -d "$root/usr/share/lintian/overrides"
install -m 0644 packaging/lintian-overrides "$root/usr/share/lintian/overrides/conn-check"
gzip -9n <README.md >"$doc/README.md.gz"
gzip -9n <CHANGELOG.md >"$doc/CHANGELOG.md.gz"
install -m 0644 examples/demo.yaml examples/settings-to-conn-check.cs "$doc/examples/"
install -d "$doc/examples/hwaas"
install -m 0644 examples/hwaas/*.py "$doc/examples/hwaas/"
install -d "$doc/examples/textfile-collector" "$doc/schemas"
install -m 0644 examples/textfile-collector/* "$doc/examples/textfile-collector/"
install -d "$doc/examples/kubernetes" "$doc/examples/prometheus"
install -m 0644 examples/kubernetes/* "$doc/examples/kubernetes/"
install -m 0644 examples/prometheus/* "$doc/examples/prometheus/"
install -m 0644 schemas/* "$doc/schemas/"
{
    echo "conn-check ($version) unstable; urgency=medium"
    echo
    echo "  * Built from the conn-check source tree by scripts/package.sh."
    echo
    echo " -- conn-check developers <conn-check@users.noreply.invalid>  $(date -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n >"$doc/changelog.gz" # a native package's changelog (no Debian revision), so not changelog.Debian.gz

# Depends: the libraries the binary links (libc6, zlib1g), at the versions whose symbols it uses, as
# dpkg-shlibdeps computes them from the installed packages' symbols files; then what it loads at run
# time, which no ELF header names: the .NET runtime dlopens libssl.so.3 (with libcrypto) for every TLS
# connection (tls, https, postgres/mysql/redis/amqp/smtp/mongodb with TLS), and the TLS checks verify
# certificates against the system's CA bundle (/etc/ssl/certs, from ca-certificates). libssl3t64 is
# the same library under its 64-bit time_t name (Debian 13, Ubuntu 24.04). No ICU: the binary is
# built with InvariantGlobalization. libgssapi_krb5.so.2 is loaded only when a server asks for Kerberos
# (GSSAPI) authentication, which the checks do not otherwise need: Suggests.
printf 'Source: conn-check\n\nPackage: conn-check\nArchitecture: any\n' >"$deb_dir/debian/control"
shlibs="$(cd "$deb_dir" && dpkg-shlibdeps -O debian/conn-check/usr/bin/conn-check | sed -n 's/^shlibs:Depends=//p')"
rm "$deb_dir/debian/control"
if [ -z "$shlibs" ]; then
    echo "package: dpkg-shlibdeps found no library dependencies" >&2
    exit 1
fi
depends="$shlibs, libssl3 | libssl3t64, ca-certificates"
cat >"$root/DEBIAN/control" <<EOF
Package: conn-check
Version: $version
Architecture: $arch
Maintainer: conn-check developers <conn-check@users.noreply.invalid>
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $depends
Suggests: libgssapi-krb5-2
Section: net
Priority: optional
Description: check that the services an application needs are reachable
 conn-check reads a YAML list of checks (TCP, TLS, UDP, HTTP, PostgreSQL,
 MySQL, Redis, memcached, AMQP, SMTP, MongoDB), runs them in parallel within
 a hard time bound and prints one line per result in a format Nagios
 understands. It also exports the egress firewall rules those connections
 need (conn-check-export-fw, conn-check-convert-fw) and writes its
 configuration from Django or .NET settings (conn-check-configs). A successor
 of conn-check 1.x, whose configuration files and command lines keep working.
EOF
(cd "$root" && find usr -type f -printf '%P\n' | LC_ALL=C sort | sed 's|^|usr/|' | xargs md5sum) >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"

dpkg-deb --root-owner-group -Zxz --build "$root" "artifacts/conn-check_${version}_$arch.deb" >/dev/null

ls -l artifacts/conn-check artifacts/conn-check_*.deb artifacts/*.nupkg

if [ "${IMAGE:-1}" != 0 ]; then
    bash scripts/image.sh
fi
