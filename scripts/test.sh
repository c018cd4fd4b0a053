#!/usr/bin/env bash
# `npm test`: every test, unit → integration → end-to-end, on real parts. Installs or starts
# what it needs (Debian's Chromium, a reachable PostgreSQL) so a fresh clone needs nothing by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
started=$(date +%s)

bash scripts/test-deps.sh
npm run --silent db:generate
echo "› type check"
npm run --silent typecheck
echo "› lint (Biome) and the server/browser boundary"
npm run --silent lint
rm -rf test-reports && mkdir -p test-reports
echo "› unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-reports/vitest.json
echo "› end-to-end tests (Playwright, Chromium)"
npx playwright test
node scripts/test-summary.mjs "$(( $(date +%s) - started ))"
