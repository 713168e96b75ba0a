#!/usr/bin/env bash
# The whole test suite from a fresh machine: installs what is missing (Node 22, npm dependencies, Chromium,
# PostgreSQL), then type-check, lint, every package's tests, and the end-to-end tests in real Chromium.
# The last line is the combined count of tests: "total: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

source .ci/setup/ensure-deps.sh
source .ci/setup/ensure-chromium.sh
source .ci/setup/ensure-postgres.sh

export CI="${CI:-true}"
export BACKSTAGE_TEST_DISABLE_DOCKER=1

results="$root/test/e2e/output/results"
rm -rf "$results" && mkdir -p "$results"

section() { printf '\n=== %s ===\n' "$1"; }

section "Type-check (tsc)"
npx tsc

section "Lint"
npx backstage-cli repo lint
# The REST contract's generated server and client types must match plugins/guardrails-backend/src/schema/openapi.yaml.
npm run --silent openapi:verify

section "Package tests (Jest, every workspace package)"
unit_status=0
npx backstage-cli repo test --json --outputFile="$results/unit.json" || unit_status=$?

section "End-to-end tests (real Chromium)"
e2e_status=0
node --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$results/e2e.tap" \
  test/e2e/*.test.mjs || e2e_status=$?

section "Summary"
node .ci/summarize-tests.mjs "$results/unit.json" "$results/e2e.tap"
[ "$unit_status" = 0 ] && [ "$e2e_status" = 0 ]
