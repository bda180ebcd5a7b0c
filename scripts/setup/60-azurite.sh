#!/usr/bin/env bash
# Azure Storage emulator (issue 17): npm azurite@3.37.0 (MIT) installed with its dependencies into
# .cache/npm/azurite-3.37.0 (node_modules/.bin/azurite-blob and azurite-table). The Azure tests start it themselves on
# free loopback ports, data in memory (Tests/Support/Azurite.cs says why): grain state in Blob storage, clustering and
# Event Hubs checkpoints in Table storage, and the published Api on Azure settings. Needs node (18 or later) and npm.
set -euo pipefail
version="3.37.0"
cache="${STREAMORLEANS_CACHE:-$(cd "$(dirname "$0")/../.." && pwd)/.cache}"
dir="${cache}/npm/azurite-${version}"
echo "    azurite: Azure Storage emulator (npm azurite@${version}) into ${dir}"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "    azurite: node and npm are required (Debian: apt-get install nodejs npm)" >&2
  exit 1
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 18 ]; then
  echo "    azurite: node $(node --version) is too old; azurite ${version} needs node 18 or later" >&2
  exit 1
fi
if [ -x "$dir/node_modules/.bin/azurite-blob" ] && [ -x "$dir/node_modules/.bin/azurite-table" ] \
   && [ "$(node -p "require('$dir/node_modules/azurite/package.json').version")" = "$version" ]; then
  echo "    npm: already installed: azurite@${version}"
  exit 0
fi
echo "    npm: installing azurite@${version} and its dependencies (takes about 2 minutes the first time)"
mkdir -p "$dir"
[ -f "$dir/package.json" ] || echo '{ "name": "streamorleans-azurite", "private": true }' > "$dir/package.json"
(cd "$dir" && npm install --silent --no-audit --no-fund --ignore-scripts "azurite@${version}")
"$dir/node_modules/.bin/azurite-blob" --version >/dev/null
echo "    azurite: $("$dir/node_modules/.bin/azurite-blob" --version) at $dir/node_modules/.bin"
