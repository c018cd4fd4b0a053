#!/usr/bin/env bash
# What the test suite needs on the machine: Debian's Chromium for Playwright, and a
# PostgreSQL server for the integration tests (TEST_DATABASE_URL, default local trust auth).
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "› installing Chromium (apt)"
  apt_install chromium
fi

url="${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
pg_up() { node -e "const c=new (require('pg').Client)({connectionString:process.argv[1]});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))" "$url"; }
if ! pg_up; then
  echo "› starting PostgreSQL"
  if ! command -v pg_ctlcluster >/dev/null; then apt_install postgresql; fi
  version=$(ls /etc/postgresql | sort -V | tail -n1)
  hba="/etc/postgresql/$version/main/pg_hba.conf"
  # A throwaway test server: local connections as postgres need no password.
  grep -q "portico-test" "$hba" || as_root sed -i '1i host all postgres 127.0.0.1/32 trust # portico-test' "$hba"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  for _ in $(seq 1 30); do pg_up && break; sleep 0.5; done
  pg_up || { echo "PostgreSQL is not reachable at $url" >&2; exit 1; }
fi
