#!/usr/bin/env bash
# Tools the tests call beyond the .NET SDK: Debian's nftables, whose `nft -c -f FILE` checks the
# rulesets that `convert-fw -t nftables` writes (it only checks; nothing is applied), and Debian's
# Django (python3-django), which `conn-check configs django` imports settings modules with.
set -euo pipefail
exec bash "$(dirname "$0")/apt-install.sh" nftables python3-django
