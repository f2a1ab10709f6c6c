#!/usr/bin/env bash
# Installs the tools the tests call beyond the .NET SDK: Debian's nftables, whose `nft -c -f FILE`
# checks the rulesets that `convert-fw -t nftables` writes (it only checks; nothing is applied).
# Does nothing when they are already there.
set -euo pipefail

missing=()
command -v nft >/dev/null 2>&1 || [ -x /usr/sbin/nft ] || missing+=(nftables)
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-test-tools: need ${missing[*]}; run as root or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi

echo "install-test-tools: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
