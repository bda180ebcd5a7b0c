#!/usr/bin/env bash
# The chaos harness (Tests/Integration/Chaos, `Benchmarks chaos`) puts three replicas in Linux network namespaces joined
# by veth pairs to a bridge, partitions them with nftables rules, and runs a PostgreSQL server of its own (the binaries
# of 60-postgres.sh, run as user postgres). This step installs iproute2 (ip netns) and nftables (nft), and checks that
# this machine can create a namespace (root, a kernel with namespaces).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
apt_install iproute2 nftables
if [ "$(id -u)" -ne 0 ]; then
  echo "    chaos: not root: the chaos test needs root for network namespaces (CI runs as root)" >&2
  exit 0
fi
probe="soc-setup-probe"
if ip netns add "$probe" 2>/dev/null; then
  ip netns exec "$probe" nft list tables >/dev/null
  ip netns del "$probe"
  echo "    chaos: network namespaces and nftables work here"
else
  echo "    chaos: WARNING: 'ip netns add' failed: the chaos test will fail on this machine (no network namespaces)" >&2
fi
