# Sourced by the scripts: Node 22 on PATH, then the workspace's npm dependencies when they are missing or stale.
# shellcheck source=.ci/setup/node22.sh
source "$(dirname "${BASH_SOURCE[0]}")/node22.sh"
_gr_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
_gr_stamp="$_gr_root/node_modules/.guardrails-install-stamp"
if [ ! -f "$_gr_stamp" ] || [ "$_gr_root/package-lock.json" -nt "$_gr_stamp" ]; then
  echo "Installing npm dependencies (first run takes a few minutes; better-sqlite3 compiles from source)"
  # `npm install`, not `npm ci`: the registry here lacks some other platforms' optional packages (e.g.
  # @swc/core-darwin-arm64), so the lock file cannot list them and `npm ci` would call it out of sync.
  (cd "$_gr_root" && env ${GR_NODEDIR:+npm_config_nodedir=$GR_NODEDIR} npm install --no-audit --no-fund) || return 1 2>/dev/null || exit 1
  touch "$_gr_stamp"
fi
unset _gr_stamp
