#!/usr/bin/env bash
# Tools the tests call beyond the .NET SDK, from Debian: nftables (`nft -c -f FILE` checks the rulesets
# that `convert-fw -t nftables` writes; nothing is applied), python3-django (the Django settings
# generator reads real settings modules), nagios-nrpe-server and nagios-nrpe-plugin (Nagios end to end),
# and the programs that read the result formats: libxml2-utils (xmllint validates junit against its
# XSD), perl (prove runs tap), prometheus (promtool checks the prometheus format), systemd
# (`systemd-analyze verify` checks the unit the charm writes for conn-check serve; nothing is started),
# groff-base (the man pages render without warnings).
set -euo pipefail
exec bash "$(dirname "$0")/apt-install.sh" nftables python3 python3-django nagios-nrpe-server nagios-nrpe-plugin libxml2-utils perl prometheus systemd groff-base
