#!/usr/bin/env bash
# The whole test suite: publishes the Native AOT binary (the end-to-end tests run it as a process),
# builds and tests the packages (.deb, .NET tool, library), installs the tools the tests call,
# starts the real servers on loopback (scripts/test-servers.sh), runs every xunit test, and stops the
# servers again. Ends with dotnet test's summary line.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/publish.sh
bash scripts/test-packages.sh
bash scripts/install-test-tools.sh
trap 'bash scripts/test-servers.sh stop >/dev/null 2>&1 || true' EXIT
bash scripts/test-servers.sh start
export CONN_CHECK_BIN="$PWD/artifacts/conn-check"
dotnet test ConnCheck.slnx -c Release -nologo
