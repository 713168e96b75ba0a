#!/usr/bin/env bash
# Runs every benchmark (test/bench/**/*.bench.ts) one after the other with Node 22, from the
# TypeScript source through the Backstage CLI's Node transform. Exits non-zero if any benchmark
# does (a benchmark exits 1 when it misses its target) after running them all.
# Usage: bash test/bench/run.sh [name-filter]   e.g. bash test/bench/run.sh engine
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
# shellcheck source=../../.ci/setup/node22.sh
source .ci/setup/node22.sh

filter="${1:-}"
mapfile -t benches < <(find test/bench -name '*.bench.ts' -not -path '*/node_modules/*' | sort)
status=0
ran=0
for bench in "${benches[@]}"; do
  if [ -n "$filter" ] && [[ "$bench" != *"$filter"* ]]; then
    continue
  fi
  ran=$((ran + 1))
  echo "=== $bench"
  if ! node --expose-gc --max-old-space-size=4096 \
      --require "$root/node_modules/@backstage/cli/config/nodeTransform.cjs" "$bench"; then
    echo "=== $bench exited non-zero"
    status=1
  fi
  echo
done
if [ "$ran" -eq 0 ]; then
  echo "no benchmark matches '${filter}' under test/bench" >&2
  exit 2
fi
exit "$status"
