#!/usr/bin/env bash
# Observability (issue 6): Debian's prometheus server, used only by the test that scrapes the API's /metrics
# (Tests/Api/Telemetry/PrometheusScrapeTests). The test starts it itself on a free port with a temp config;
# nothing is started here.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
echo "    prometheus: Debian's prometheus (scrapes /metrics in a test)"
apt_install prometheus
echo "    prometheus: $(command -v prometheus)"
