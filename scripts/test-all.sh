#!/usr/bin/env bash
# Every test Settlewatch has, from a fresh clone: installs what it needs, then runs the type checks,
# the lint, the unit and property tests, the builds, and the end-to-end tests in Debian's Chromium.
# Ends with one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== installing dependencies (npm ci)"
npm ci --no-audit --no-fund

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
# age: the replica file's interop test opens Settlewatch's files with the standalone tool and back.
if [ ! -x "$CHROMIUM" ] || [ ! -x /usr/bin/age ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "== installing Debian's chromium and age for the browser and replica-file tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium age >/dev/null
  elif [ ! -x /usr/bin/age ] && [ -x "$CHROMIUM" ]; then
    echo "note: /usr/bin/age is missing: the replica file's interop test with the age tool is skipped (apt-get install age)" >&2
  else
    echo "The browser tests need Debian's Chromium at $CHROMIUM. Install it with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y chromium age" >&2
    echo "(or set CHROMIUM_PATH to another Chromium binary) and run this again." >&2
    exit 1
  fi
fi

mkdir -p .test-results
echo "== type checks (core without the DOM, the whole project, the Svelte components)"
npx tsc --noEmit -p tsconfig.core.json
npx tsc --noEmit -p tsconfig.json
npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings=false --threshold error

echo "== lint (ESLint: types, Svelte, the layers) and format (Prettier, on the files it covers)"
npm run lint
npm run format:check

echo "== unit, property and integration tests"
node scripts/build-cli.mjs
unit=0
npx vitest run --reporter=default --reporter=json --outputFile=.test-results/unit.json || unit=$?

echo "== builds (PWA and extension)"
npm run build

echo "== end-to-end tests in Chromium"
e2e=0
npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile=.test-results/e2e.json || e2e=$?

node -e '
const fs = require("fs");
let passed = 0, failed = 0;
for (const f of [".test-results/unit.json", ".test-results/e2e.json"]) {
  if (!fs.existsSync(f)) { failed++; console.error(f + " was not written"); continue; }
  const r = JSON.parse(fs.readFileSync(f, "utf8"));
  passed += r.numPassedTests; failed += r.numFailedTests + (r.numTotalTestSuites && !r.success && r.numFailedTests === 0 ? 1 : 0);
}
console.log(`${passed} passed, ${failed} failed`);
'
[ "$unit" = 0 ] && [ "$e2e" = 0 ]
