#!/usr/bin/env bash
# Builds a release into artifacts/: the packages of scripts/package.sh (the Native AOT binary, the .deb,
# both nupkgs and, unless IMAGE=0, the OCI archive conn-check-VERSION.oci.tar), then
#   conn-check-VERSION-linux-x64.tar.gz   one directory conn-check-VERSION/ to unpack over a prefix:
#                                         bin/ (the binary and its three command names), share/man/man1/,
#                                         share/bash-completion/completions/, share/doc/conn-check/
#                                         (LICENSE, README.md, CHANGELOG.md); installed with
#                                         tar -C /usr/local --strip-components=1 -xzf conn-check-VERSION-linux-x64.tar.gz
#   SHA256SUMS                            sha256sum's lines for the tarball, the .deb, both nupkgs and the OCI archive
# The tarball is reproducible: names sorted, owner 0:0, every mtime SOURCE_DATE_EPOCH (default: the last
# commit's time), gzip without a name or time stamp. PACKAGE=0 takes the packages already in artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
umask 022

# shellcheck source=scripts/lib/release.sh
source scripts/lib/release.sh

if [ "${PACKAGE:-}" != 0 ]; then
    bash scripts/package.sh
fi

deb="conn-check_${version}_$arch.deb"
tool="conn-check.$version.nupkg"
library="ConnCheck.Generation.$version.nupkg"
image="conn-check-$version.oci.tar"
tarball="conn-check-$version-$rid.tar.gz"
for file in conn-check "$deb" "$tool" "$library"; do
    if [ ! -f "artifacts/$file" ]; then
        echo "release: artifacts/$file is missing (scripts/package.sh builds it)" >&2
        exit 1
    fi
done

# Earlier releases' tarballs (of other versions too) must not sit beside this one's SHA256SUMS.
rm -f artifacts/conn-check-*-linux-*.tar.gz artifacts/SHA256SUMS

stage="$(mktemp -d "${TMPDIR:-/tmp}/conn-check-release.XXXXXX")"
trap 'rm -rf "$stage"' EXIT
top="conn-check-$version"
root="$stage/$top"
install_commands "$root"
install -d "$root/share/doc/conn-check"
install -m 0644 LICENSE README.md CHANGELOG.md "$root/share/doc/conn-check/"

tar -C "$stage" --sort=name --format=gnu --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -cf - "$top" | gzip -9n >"artifacts/$tarball.tmp"
mv "artifacts/$tarball.tmp" "artifacts/$tarball"

files=("$tarball" "$deb" "$tool" "$library")
if [ "${IMAGE:-}" = 0 ]; then
    echo "release: IMAGE=0: no OCI archive, so SHA256SUMS leaves it out" >&2
elif [ -f "artifacts/$image" ]; then
    files+=("$image")
elif [ -f scripts/image.sh ]; then
    echo "release: artifacts/$image is missing (scripts/image.sh builds it; IMAGE=0 releases without it)" >&2
    exit 1
else
    echo "release: this tree builds no OCI archive, so SHA256SUMS leaves it out" >&2
fi
(cd artifacts && sha256sum -- "${files[@]}") >artifacts/SHA256SUMS.tmp
mv artifacts/SHA256SUMS.tmp artifacts/SHA256SUMS

(cd artifacts && ls -l -- "${files[@]}" SHA256SUMS)
