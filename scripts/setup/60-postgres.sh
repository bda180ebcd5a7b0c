#!/usr/bin/env bash
# PostgreSQL 15 for the scale-out providers and their tests: installs Debian's server, starts the cluster
# (there is no systemd), and creates the role and database the tests use by default
# (Host=127.0.0.1;Port=5432;Username=streamorleans;Password=streamorleans;Database=streamorleans).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
apt_install postgresql
if ! pg_lsclusters -h 2>/dev/null | awk '$1=="15" && $2=="main" {print $4}' | grep -q online; then
  echo "    postgres: starting cluster 15/main"
  pg_ctlcluster 15 main start
else
  echo "    postgres: cluster 15/main already running"
fi
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }
if [ "$(as_postgres "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='streamorleans'\"")" != "1" ]; then
  echo "    postgres: creating role streamorleans"
  as_postgres "psql -qc \"CREATE ROLE streamorleans LOGIN PASSWORD 'streamorleans' CREATEDB\""
else
  echo "    postgres: role streamorleans exists"
fi
if [ "$(as_postgres "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='streamorleans'\"")" != "1" ]; then
  echo "    postgres: creating database streamorleans"
  as_postgres "psql -qc \"CREATE DATABASE streamorleans OWNER streamorleans\""
else
  echo "    postgres: database streamorleans exists"
fi
