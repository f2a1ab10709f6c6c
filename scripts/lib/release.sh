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

# install_commands PREFIX [gzip]: the binary artifacts/conn-check under its four names in PREFIX/bin (the
# binary runs the command it is named after), their man pages in PREFIX/share/man/man1 (compressed with
# "gzip", as Debian installs them) and bash completion under each name (bash-completion loads a
# command's completion by the command's name).
install_commands() {
    local prefix=$1 compress=${2:-} page completions="$1/share/bash-completion/completions" name
    install -d "$prefix/bin" "$prefix/share/man/man1" "$completions"
    install -m 0755 artifacts/conn-check "$prefix/bin/conn-check"
    install -m 0644 packaging/bash-completion/conn-check "$completions/conn-check"
    for page in packaging/man/*.1; do
        if [ "$compress" = gzip ]; then
            gzip -9n <"$page" >"$prefix/share/man/man1/$(basename "$page").gz"
        else
            install -m 0644 "$page" "$prefix/share/man/man1/"
        fi
    done
    for name in export-fw convert-fw configs; do
        ln -s conn-check "$prefix/bin/conn-check-$name"
        ln -s conn-check "$completions/conn-check-$name"
    done
}
