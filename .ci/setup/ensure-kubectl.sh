# Sourced by the test script: kubectl for the simulator's kubectl tests, from Debian's kubernetes-client package.
# Those tests fail rather than skip under CI=true when kubectl is missing.
if ! command -v kubectl >/dev/null 2>&1; then
  echo "Installing kubectl from Debian packages (kubernetes-client)"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq kubernetes-client >/dev/null
fi
command -v kubectl >/dev/null 2>&1 || echo "kubectl is still not on PATH: the kube-simulator kubectl tests will fail under CI" >&2
