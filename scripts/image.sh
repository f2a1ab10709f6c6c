#!/usr/bin/env bash
# Builds the container image artifacts/conn-check-VERSION.oci.tar (an OCI archive whose index names
# conn-check:VERSION) from Debian packages only and the Native AOT binary artifacts/conn-check:
#   - mmdebstrap unpacks libc6, libssl3 (libssl3t64 where Debian renamed it), zlib1g and
#     ca-certificates from the suite and mirrors this machine's apt uses; the CA bundle is generated
#     here, as no maintainer script runs in an unpacked-only root file system;
#   - the binary goes to /usr/bin/conn-check with its export-fw, convert-fw and configs links, and
#     /etc/passwd and /etc/group name the user it runs as, conn-check (65532:65532);
#   - buildah (vfs storage under .build/image, so no other storage is touched) makes the image:
#     entrypoint /usr/bin/conn-check, user 65532:65532, OCI labels, layers gzip-compressed.
# No shell, no package manager, no documentation in the image. Needs root (mmdebstrap's root mode,
# buildah); installs mmdebstrap and buildah if missing. Run by scripts/package.sh after the publish.
# SOURCE_DATE_EPOCH (default: the last commit's time) dates the files and the image, so a rebuild
# from the same commit and the same Debian packages gives the same image digest. SOURCE_URL (an https
# address) becomes the org.opencontainers.image.source label.
set -euo pipefail
cd "$(dirname "$0")/.."
umask 022

# shellcheck source=scripts/lib/release.sh
source scripts/lib/release.sh

binary="$PWD/artifacts/conn-check"
archive="$PWD/artifacts/conn-check-$version.oci.tar"
work="${CONN_CHECK_BUILD_DIR:-$PWD/.build}/image"
# The user in the image: 65532, the uid distroless images give their "nonroot" user, which no Debian
# package or user-creation default takes.
uid=65532

if [ ! -x "$binary" ]; then
    echo "image: $binary is missing; run scripts/publish.sh first" >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "image: mmdebstrap's root mode and buildah's vfs storage need root" >&2
    exit 1
fi
bash scripts/apt-install.sh mmdebstrap buildah

# The image's libraries come from the suite this machine (and so the binary's build) uses: the
# binary needs a glibc at least as new as the one it was linked against.
sources=/etc/apt/sources.list.d/debian.sources
[ -f "$sources" ] || sources=/etc/apt/sources.list
suite="$(. /etc/os-release && echo "${VERSION_CODENAME:?no VERSION_CODENAME in /etc/os-release}")"
libssl="$(dpkg-query -S '*/libssl.so.3' 2>/dev/null | sed -n '1s/:.*//p' || true)"
libssl="${libssl:-libssl3}"

rm -rf "$work"
mkdir -p "$work"
rootfs="$work/rootfs"

# The extract variant unpacks the packages and what they depend on without running any maintainer
# script, which would need a shell (and, for another architecture's packages, an emulator).
# ca-certificates depends on openssl and debconf only for its postinst; their files are removed
# below. The downloaded .debs are kept to know whose file is whose.
mmdebstrap --quiet --variant=extract --architectures="$arch" --include="libc6,$libssl,zlib1g,ca-certificates" \
    --skip=cleanup/apt/cache --skip=output/dev --skip=output/mknod \
    "$suite" "$rootfs" "$sources"

# The packages to keep: the three libraries with their dependencies, and ca-certificates itself.
debs="$rootfs/var/cache/apt/archives"
declare -A deb_of=()
for deb in "$debs"/*.deb; do
    deb_of["$(dpkg-deb -f "$deb" Package)"]="$deb"
done
keep=("libc6" "$libssl" "zlib1g")
declare -A kept=()
while [ ${#keep[@]} -gt 0 ]; do
    package="${keep[-1]}"
    unset 'keep[-1]'
    [ -n "${kept[$package]:-}" ] && continue
    kept["$package"]=1
    depends="$(dpkg-deb -f "${deb_of[$package]}" Pre-Depends Depends | sed 's/^[A-Za-z-]*: //' | tr ',' '\n' | sed 's/|.*//; s/[ (].*//; s/:any$//; /^$/d')"
    for dependency in $depends; do
        if [ -n "${deb_of[$dependency]:-}" ]; then keep+=("$dependency"); fi
    done
done
kept[ca-certificates]=1
for package in "${!deb_of[@]}"; do
    [ -n "${kept[$package]:-}" ] && continue
    dpkg-deb --fsys-tarfile "${deb_of[$package]}" | tar -t | sed 's|^\./||; /\/$/d; /^$/d' | while read -r path; do
        rm -f "$rootfs/$path"
    done
done
echo "image: packages: $(printf '%s\n' "${!kept[@]}" | LC_ALL=C sort | xargs)" >&2

# What only apt, dpkg and people read; mmdebstrap's own configuration; and the directories left empty.
rm -rf "$rootfs"/usr/share/{doc,man,info,locale,lintian} \
    "$rootfs"/etc/{apt,dpkg,hostname,resolv.conf,fstab} "$rootfs"/var "$rootfs"/dev
find "$rootfs" -depth -mindepth 1 -type d -empty ! -path "$rootfs/tmp" -delete

# The CA bundle, as ca-certificates' postinst makes it on a default install (every certificate it
# ships trusted): /etc/ca-certificates.conf lists them, and update-ca-certificates concatenates them
# into /etc/ssl/certs/ca-certificates.crt, where .NET reads the trusted roots. OpenSSL's own default
# names for it, /usr/lib/ssl/cert.pem and /usr/lib/ssl/certs, are links of the openssl package
# (removed with it above), made again here.
(cd "$rootfs/usr/share/ca-certificates" && find . -name '*.crt' -printf '%P\n' | LC_ALL=C sort) >"$work/certs"
if [ ! -s "$work/certs" ]; then
    echo "image: ca-certificates shipped no certificate" >&2
    exit 1
fi
{
    echo "# Generated by conn-check's scripts/image.sh: the certificates in /usr/share/ca-certificates"
    cat "$work/certs"
} >"$rootfs/etc/ca-certificates.conf"
install -d -m 0755 "$rootfs/etc/ssl/certs" "$rootfs/usr/lib/ssl"
while read -r cert; do
    sed -e '$a\' "$rootfs/usr/share/ca-certificates/$cert"
done <"$work/certs" >"$rootfs/etc/ssl/certs/ca-certificates.crt"
ln -sfn /etc/ssl/certs/ca-certificates.crt "$rootfs/usr/lib/ssl/cert.pem"
ln -sfn /etc/ssl/certs "$rootfs/usr/lib/ssl/certs"

# Without /etc/nsswitch.conf glibc asks DNS before /etc/hosts, so names the runtime puts in
# /etc/hosts (Kubernetes hostAliases, docker --add-host) would lose to the DNS answer.
printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nconn-check:x:%s:%s:conn-check:/nonexistent:/usr/sbin/nologin\n' \
    "$uid" "$uid" >"$rootfs/etc/passwd"
printf 'root:x:0:\nconn-check:x:%s:\n' "$uid" >"$rootfs/etc/group"

install -d -m 0755 "$rootfs/usr/bin"
install -d -m 1777 "$rootfs/tmp"
install -m 0755 "$binary" "$rootfs/usr/bin/conn-check"
for name in export-fw convert-fw configs; do
    # The binary runs the command it is named after.
    ln -s conn-check "$rootfs/usr/bin/conn-check-$name"
done

# One layer, in a stable order with stable owners and times.
tar -C "$rootfs" --sort=name --numeric-owner --owner=0 --group=0 --mtime="@$SOURCE_DATE_EPOCH" --clamp-mtime \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -cf "$work/rootfs.tar" .
echo "image: root file system $(du -sb "$rootfs" | cut -f1) bytes" >&2

# buildah with its own storage, so that it neither needs nor changes the machine's container setup.
buildah() {
    command buildah --root "$work/storage" --runroot "$work/run" --storage-driver vfs "$@"
}
export BUILDAH_ISOLATION=chroot
container="$(buildah from --quiet scratch)"
trap 'buildah rm "$container" >/dev/null 2>&1 || true' EXIT
buildah add --quiet "$container" "$work/rootfs.tar" /
labels=(
    --label "org.opencontainers.image.title=conn-check"
    --label "org.opencontainers.image.description=Checks that the services an application needs are reachable and that its credentials work"
    --label "org.opencontainers.image.version=$version"
    --label "org.opencontainers.image.licenses=Apache-2.0"
    --label "org.opencontainers.image.vendor=conn-check developers"
    --label "org.opencontainers.image.created=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)"
)
if revision="$(git rev-parse HEAD 2>/dev/null)"; then
    labels+=(--label "org.opencontainers.image.revision=$revision")
fi
# Where the source lives: SOURCE_URL, or the https remote this tree was cloned from. Not any other
# remote: a path or an address with credentials in it says nothing to the image's users, or too much.
source_url="${SOURCE_URL:-$(git remote get-url origin 2>/dev/null || true)}"
if [[ "$source_url" =~ ^https://[^@/]+/[^@]+$ ]]; then
    labels+=(--label "org.opencontainers.image.source=$source_url")
fi
# PATH: the Kubernetes examples run the command by name. 19190: conn-check serve's port in the examples.
buildah config --entrypoint '["/usr/bin/conn-check"]' --cmd '' --user "$uid:$uid" --workingdir / \
    --env PATH=/usr/bin --port 19190/tcp --os linux --arch "$arch" \
    --author "conn-check developers" --created-by "scripts/image.sh" "${labels[@]}" "$container"
rm -f artifacts/conn-check-*.oci.tar
buildah commit --quiet --format oci --disable-compression=false --timestamp "$SOURCE_DATE_EPOCH" --rm \
    "$container" "oci-archive:$archive:conn-check:$version" >/dev/null
trap - EXIT
ls -l "$archive"
