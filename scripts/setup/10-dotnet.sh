#!/usr/bin/env bash
# Checks the .NET SDK the solution needs (global.json: 10.0.x) and restores NuGet packages.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
root="${STREAMORLEANS_ROOT:?}"
if ! command -v dotnet >/dev/null 2>&1; then
  echo "    dotnet: not found. Install the .NET 10 SDK first (see README.md)." >&2
  exit 1
fi
echo "    dotnet: $(dotnet --version)"
echo "    nuget: restoring StreamOrleans.sln"
dotnet restore "$root/StreamOrleans.sln" -nologo -v quiet
