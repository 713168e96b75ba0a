#!/usr/bin/env bash
# The whole test suite from a fresh machine: installs what is missing (Node 22, npm dependencies, Chromium,
# PostgreSQL, kubectl), then type-check, lint, every package's tests, and the end-to-end tests in real Chromium.
# The last line is the combined count of tests: "total: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

source .ci/setup/ensure-deps.sh
source .ci/setup/ensure-chromium.sh
source .ci/setup/ensure-postgres.sh
source .ci/setup/ensure-kubectl.sh

export CI="${CI:-true}"
export BACKSTAGE_TEST_DISABLE_DOCKER=1

results="$root/test/e2e/output/results"
rm -rf "$results" && mkdir -p "$results"

section() { printf '\n=== %s ===\n' "$1"; }

section "Type-check (tsc)"
npx tsc

section "Lint"
npx backstage-cli repo lint
# Formatting is part of review: an unformatted file fails here, `npx prettier --write <file>` fixes it.
npx prettier --check . >/dev/null || { npx prettier --list-different .; echo "FAILED: files above are not Prettier-formatted"; exit 1; }
# The REST contract's generated server and client types must match plugins/guardrails-backend/src/schema/openapi.yaml.
npm run --silent openapi:verify
# Each publishable package's API report and the CLI's help pages must match the code: a public API change shows in
# review. `npm run api-reports` rewrites them (it reads the declarations tsc just wrote to dist-types/).
npm run --silent api-reports:verify >/dev/null 2>"$results/api-reports.log" ||
  { cat "$results/api-reports.log"; echo "FAILED: API reports are stale: run npm run api-reports and commit them"; exit 1; }
node test/install/check-dependencies.mjs # each publishable package declares exactly what its src/ imports

section "Package tests (Jest, every workspace package)"
unit_status=0
npx backstage-cli repo test --json --outputFile="$results/unit.json" || unit_status=$?

section "End-to-end tests (real Chromium)"
e2e_status=0
node --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$results/e2e.tap" \
  test/e2e/*.test.mjs || e2e_status=$?

section "Install test (the packed packages in a host Backstage, with the README's install lines)"
install_status=0
install_started=$SECONDS
# tsc ran above; the packing reuses its dist-types.
GUARDRAILS_PACK_SKIP_TSC=1 node --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$results/install.tap" \
  test/install/install.test.mjs || install_status=$?
echo "install test: $((SECONDS - install_started)) s"
if [ "$install_status" != 0 ]; then
  echo "FAILED: the install test (test/install): the packages as published do not install or start in a host" \
    "Backstage with the README's lines; the output above names the failing step (GUARDRAILS_INSTALL_KEEP=1 keeps the host)"
fi

section "Summary"
node .ci/summarize-tests.mjs "$results/unit.json" "end-to-end=$results/e2e.tap" "install=$results/install.tap"
[ "$unit_status" = 0 ] && [ "$e2e_status" = 0 ] && [ "$install_status" = 0 ]
