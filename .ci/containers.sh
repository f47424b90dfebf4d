#!/usr/bin/env bash
# Installs a real container engine for the compose target's tests and prints the DOCKER_HOST to use:
#   Podman (runtime runc, network netavark) serving the Docker API on a unix socket, and
#   Docker Compose v2, taken from Debian 13 because Debian 12 only has the old Python compose 1.29.
# Run as root on a Debian 12 machine; running it again changes nothing that is already in place.
# Only the `DOCKER_HOST=...` line goes to stdout; progress and timings go to stderr, e.g.
#   export "$(.ci/containers.sh)"
set -euo pipefail

SOCKET=${LOCKSTEP_PODMAN_SOCKET:-/run/podman/podman.sock}
SERVICE_LOG=${LOCKSTEP_PODMAN_LOG:-/var/log/lockstep-podman-service.log}
COMPOSE_PLUGIN=/usr/libexec/docker/cli-plugins/docker-compose
export DEBIAN_FRONTEND=noninteractive

say() { echo "containers.sh: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

# Runs one part and says how long it took, so a slow CI machine shows which part was slow.
timed() {
  local name=$1 start=${EPOCHREALTIME/./} ms
  shift
  "$@"
  ms=$(((${EPOCHREALTIME/./} - start) / 1000))
  say "$(printf '%-28s %4d.%d s' "$name" $((ms / 1000)) $((ms % 1000 / 100)))"
}

[[ $(id -u) == 0 ]] || fail "run as root: it installs packages and starts the Podman service"

apt_updated=false
apt_update_once() {
  $apt_updated && return 0
  apt-get update -qq || fail "apt-get update failed; check the apt sources in /etc/apt/sources.list.d"
  apt_updated=true
}

install_engine() {
  # iptables: netavark sets up each compose project's bridge network with it ("netavark: No such
  # file or directory" without it); --no-install-recommends would leave it out.
  local wanted=(podman runc netavark aardvark-dns iptables fuse-overlayfs curl) missing=() p
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  apt_update_once
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || fail "apt-get install ${missing[*]} failed"
}

# crun, Podman's default runtime, fails on this kind of machine (no systemd, cgroups v1 hybrid),
# so runc and cgroupfs; the file events logger because there is no journald. Without explicit
# ulimits a container inherits Podman's own open-files limit, above the machine's hard limit.
configure_engine() {
  local dropin=/etc/containers/containers.conf.d/50-lockstep.conf
  mkdir -p "$(dirname "$dropin")"
  cat >"$dropin.new" <<'EOF'
# Written by Lockstep's .ci/containers.sh.
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"

[network]
network_backend = "netavark"
EOF
  if cmp -s "$dropin.new" "$dropin"; then rm "$dropin.new"; else mv "$dropin.new" "$dropin"; fi
  local info
  info=$(podman info --format '{{.Host.OCIRuntime.Name}} {{.Store.GraphDriverName}}' 2>&1) \
    || fail "podman info fails with $dropin in place: $info"
}

# Debian 13 packages Compose v2 (a static Go binary that needs only libc6). The pin keeps every
# other trixie package at priority 1, so apt never takes anything else from trixie.
install_compose() {
  if [[ -x $COMPOSE_PLUGIN ]] && "$COMPOSE_PLUGIN" version >/dev/null 2>&1; then return 0; fi
  cat >/etc/apt/sources.list.d/lockstep-trixie.sources <<'EOF'
# Written by Lockstep's .ci/containers.sh: only docker-compose is taken from here (see the pin).
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  cat >/etc/apt/preferences.d/lockstep-trixie <<'EOF'
# Written by Lockstep's .ci/containers.sh: Compose v2 from trixie, nothing else.
Package: docker-compose
Pin: release n=trixie
Pin-Priority: 500

Package: *
Pin: release n=trixie
Pin-Priority: 1
EOF
  apt_updated=false
  apt_update_once
  apt-get install -y -qq --no-install-recommends docker-compose >/dev/null \
    || fail "apt-get install docker-compose (2.x from trixie) failed; apt-cache policy docker-compose says: $(apt-cache policy docker-compose | tr -s ' \n' ' ')"
  [[ -x $COMPOSE_PLUGIN ]] \
    || fail "docker-compose installed but $COMPOSE_PLUGIN is missing: $(dpkg-query -W docker-compose)"
  "$COMPOSE_PLUGIN" version >/dev/null || fail "$COMPOSE_PLUGIN does not run"
}

api_answers() { curl -sf --max-time 2 --unix-socket "$SOCKET" http://d/_ping >/dev/null 2>&1; }

# There is no systemd to socket-activate podman.socket, so the service runs detached, for as
# long as the machine does (--time=0: never exit when idle).
start_service() {
  api_answers && return 0
  mkdir -p "$(dirname "$SOCKET")" "$(dirname "$SERVICE_LOG")"
  rm -f "$SOCKET"
  setsid podman system service --time=0 "unix://$SOCKET" >>"$SERVICE_LOG" 2>&1 </dev/null &
  local i
  for ((i = 0; i < 150; i++)); do
    api_answers && return 0
    sleep 0.2
  done
  fail "podman system service did not answer on $SOCKET within 30 s; its log, $SERVICE_LOG, ends with:
$(tail -n 20 "$SERVICE_LOG")"
}

# Docker clients (and Lockstep's compose target, and the tests) look at /var/run/docker.sock when
# DOCKER_HOST is unset: point it at Podman's socket, unless a Docker engine already lives there.
link_docker_socket() {
  local docker_socket=/var/run/docker.sock
  if [[ -S $docker_socket && ! -L $docker_socket ]]; then
    say "$docker_socket belongs to another engine: left alone (set DOCKER_HOST to use Podman)"
    return 0
  fi
  ln -sfn "$SOCKET" "$docker_socket"
}

timed "podman + runc installed" install_engine
timed "containers.conf written" configure_engine
timed "compose v2 installed" install_compose
timed "podman service answers" start_service
timed "docker's default socket points at podman" link_docker_socket
say "$(podman --version), runtime $(podman info --format '{{.Host.OCIRuntime.Name}}'), $("$COMPOSE_PLUGIN" version)"
command -v docker >/dev/null && say "docker client: $(docker --version) (use 'docker compose')" \
  || say "no docker client: run $COMPOSE_PLUGIN directly"
say "docker build through this socket: DOCKER_BUILDKIT=0 (Podman has no BuildKit); or podman build"
echo "DOCKER_HOST=unix://$SOCKET"
