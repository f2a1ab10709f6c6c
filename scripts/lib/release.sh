# Shared by scripts/package.sh, release.sh and image.sh (sourced, not run, from the repository's root):
# what a release is built from and for.
# Sets: version (the VERSION file, as the build reads it), rid (RID, default linux-x64) and arch (its
# Debian architecture); exports SOURCE_DATE_EPOCH (default: the last commit's time), which dates every
# file of a package, the tarball and the image so that a rebuild of a commit gives the same bytes.

version="$(tr -d '[:space:]' <VERSION)"
if [[ ! "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]]; then
    echo "$(basename "$0" .sh): unexpected version '$version' in VERSION" >&2
    exit 1
fi

rid="${RID:-linux-x64}"
case "$rid" in
    linux-x64) arch=amd64 ;;
    linux-arm64) arch=arm64 ;;
    *) echo "$(basename "$0" .sh): no Debian architecture for RID $rid" >&2; exit 1 ;;
esac

export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
