# Sourced by the test script: a local PostgreSQL from Debian's packages, so the store's tests run on it as well as
# on SQLite. TestDatabases picks it up from BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING.
if [ -z "${GUARDRAILS_SKIP_POSTGRES:-}" ]; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
    echo "Installing PostgreSQL from Debian packages"
    if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  fi
  _gr_pg_major="$(ls /usr/lib/postgresql | sort -n | tail -1)"
  if ! pg_lsclusters -h 2>/dev/null | grep -q "^$_gr_pg_major main"; then
    pg_createcluster "$_gr_pg_major" main >/dev/null
  fi
  pg_ctlcluster "$_gr_pg_major" main start 2>/dev/null || true
  # A password login for the tests; the cluster is local to this machine.
  su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
  _gr_pg_port="$(pg_lsclusters -h | awk -v v="$_gr_pg_major" '$1==v && $2=="main" {print $3}')"
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${_gr_pg_major}_CONNECTION_STRING=postgresql://postgres:postgres@127.0.0.1:${_gr_pg_port}"
  export GUARDRAILS_TEST_POSTGRES_MAJOR="$_gr_pg_major"
  unset _gr_pg_major _gr_pg_port
fi
