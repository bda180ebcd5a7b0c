#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian machine with the .NET SDK: runs every step in scripts/setup/ in name order.
# Each step says what it does, checks whether it is already done, and installs only what is missing.
# Downloads go to .cache/ (ignored by git). Usage: scripts/setup.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export STREAMORLEANS_ROOT="$root"
export STREAMORLEANS_CACHE="${STREAMORLEANS_CACHE:-$root/.cache}"
mkdir -p "$STREAMORLEANS_CACHE"
for step in "$root"/scripts/setup/[0-9][0-9]-*.sh; do
  [ -e "$step" ] || continue
  echo "==> setup: $(basename "$step")"
  bash "$step"
done
echo "==> setup: done"
