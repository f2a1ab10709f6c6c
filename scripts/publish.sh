#!/usr/bin/env bash
# Publishes the Native AOT binary to artifacts/conn-check (linux-x64 unless RID is set); arguments go to dotnet publish.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-build-deps.sh
rid="${RID:-linux-x64}"
dotnet publish src/ConnCheck.Cli/ConnCheck.Cli.csproj -c Release -r "$rid" -o artifacts/publish -nologo -v quiet "$@"
install -m 0755 artifacts/publish/conn-check artifacts/conn-check
echo "published artifacts/conn-check ($(du -h artifacts/conn-check | cut -f1))"
