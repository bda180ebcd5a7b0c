#!/usr/bin/env bash
# Runs the whole local system on embedded defaults: set-up (idempotent), Release build, then the AppHost,
# which starts the API (co-hosting the silo), sends demo data and shows what flows. Ctrl+C stops it cleanly.
# Usage: scripts/run.sh [AppHost options, e.g. --rate 5000 --port 5080 --no-demo]; scripts/run.sh --help lists them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

"$root/scripts/setup.sh"

echo "==> build (Release)"
dotnet build StreamOrleans.sln -c Release -nologo -clp:ErrorsOnly

echo "==> run"
exec dotnet "$root/AppHost/bin/Release/net10.0/StreamOrleans.AppHost.dll" "$@"
