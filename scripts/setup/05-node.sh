#!/usr/bin/env bash
# Node.js and npm: the later steps fetch npm packages (VADER lexicon, face-api weights and photos, uPlot) and run the
# reference scripts with node. Checks they are there before anything is downloaded; installs nothing.
set -euo pipefail
missing=()
command -v node >/dev/null 2>&1 || missing+=(node)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "    node: not found: ${missing[*]}. Set-up needs Node.js 18 or later with npm (e.g. Debian: apt-get install nodejs npm," >&2
  echo "          or https://nodejs.org); then run scripts/setup.sh again." >&2
  exit 1
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 18 ]; then
  echo "    node: version $(node --version) is too old; set-up needs Node.js 18 or later." >&2
  exit 1
fi
echo "    node: $(node --version), npm $(npm --version)"
