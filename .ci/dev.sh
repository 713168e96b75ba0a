#!/usr/bin/env bash
# Starts the dev portal on the embedded defaults from a fresh machine: installs what is missing (Node 22, npm
# dependencies), starts three simulated clusters (dev, staging, prod) on ports 6551-6553, then the backend on
# http://localhost:7007 and the app on http://localhost:3000 with in-memory SQLite and guest sign-in.
set -euo pipefail
cd "$(dirname "$0")/.."

source .ci/setup/ensure-deps.sh

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

node packages/kube-simulator/bin/kube-simulator --config packages/kube-simulator/seeds/dev-portal.yaml &
pids+=($!)

npx backstage-cli repo start "$@"
