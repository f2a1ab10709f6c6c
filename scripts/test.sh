#!/usr/bin/env bash
# The whole test suite: publishes the Native AOT binary (the end-to-end tests run it as a process),
# then runs every xunit test. Ends with dotnet test's summary line.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/publish.sh
export CONN_CHECK_BIN="$PWD/artifacts/conn-check"
dotnet test ConnCheck.slnx -c Release -nologo
