#!/usr/bin/env bash
# Runs the whole local system on embedded defaults: set-up (idempotent), Release build, then the Aspire app host, which
# starts the API + silo, the demo generators and the Aspire dashboard (anonymous local mode on 127.0.0.1).
# Ctrl+C stops everything cleanly (the demo stops, the API's silo checkpoints every queue and exits).
# Usage: scripts/run.sh [--camera-fps 1] [--replicas N] [--state-provider Postgres --postgres CS] [--log-provider Kafka --kafka HOST:PORT]
#                       [--port 5080] [--rate 2000] [--keys 1000] [--demo false] [--data .data]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

"$root/scripts/setup.sh"

echo "==> build (Release)"
dotnet build StreamOrleans.sln -c Release -nologo -clp:ErrorsOnly

# The Aspire dashboard's addresses (launchSettings.json would hold them for `dotnet run`); override any of them.
dashboard_port="${STREAMORLEANS_DASHBOARD_PORT:-18888}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:${dashboard_port}}"
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="${ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL:-http://127.0.0.1:$((dashboard_port + 1))}"
export ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL="${ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL:-http://127.0.0.1:$((dashboard_port + 2))}"
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="${ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL:-http://127.0.0.1:$((dashboard_port + 3))}"
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
export ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}"

echo "==> run: Aspire dashboard on ${ASPNETCORE_URLS} (no login: local only); product dashboard on http://127.0.0.1:<port>/dashboard/ once the API is up"
exec dotnet "$root/AppHost/bin/Release/net10.0/StreamOrleans.AppHost.dll" "$@"
