#!/usr/bin/env bash
# Dashboard (issue 6): the charting library the dashboard page loads (npm uplot@1.6.32, MIT) into
# .cache/npm/uplot-1.6.32/package (the Api serves its dist/ folder at /dashboard/lib/uplot), and Debian's
# chromium, the headless browser the Playwright tests drive (product dashboard and Aspire dashboard; installed only
# when missing).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
echo "    dashboard: uPlot charting library (npm uplot@1.6.32)"
npm_unpack uplot 1.6.32
dist="${STREAMORLEANS_CACHE}/npm/uplot-1.6.32/package/dist"
if [ ! -s "$dist/uPlot.iife.min.js" ] || [ ! -s "$dist/uPlot.min.css" ]; then
  echo "    dashboard: expected uPlot files missing in $dist" >&2
  exit 1
fi
echo "    dashboard: chromium for the browser tests"
apt_install chromium
echo "    dashboard: chromium at $(command -v chromium)"
