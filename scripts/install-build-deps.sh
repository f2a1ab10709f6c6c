#!/usr/bin/env bash
# What a Native AOT publish needs beyond the .NET SDK: Debian's clang (the linker driver) and zlib1g-dev
# (the binary links the system's zlib, see src/ConnCheck.Cli/ConnCheck.Cli.csproj).
set -euo pipefail
exec bash "$(dirname "$0")/apt-install.sh" clang zlib1g-dev
