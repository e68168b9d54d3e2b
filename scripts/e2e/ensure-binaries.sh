#!/usr/bin/env bash
# Makes sure an etcd and a kube-apiserver binary are available for the e2e suite and prints
# their paths as `ETCD=...` and `KUBE_APISERVER=...` lines on stdout (logs go to stderr).
#
# - KUBE_APISERVER / ETCD, when set, name your own binaries and nothing is installed or built.
# - Otherwise kube-apiserver 1.20.2 is built once from Debian's `kubernetes` source package and
#   cached under ${XDG_CACHE_HOME:-$HOME/.cache}/kube-cache/, and etcd comes from `etcd-server`.
#
# Idempotent and non-interactive; safe to run concurrently (a lock serialises the build).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"

check_executable() { # name path
  [ -x "$2" ] || e2e_die "$1=$2 is not an executable file"
}

ensure_etcd() {
  if [ -n "${ETCD:-}" ]; then
    check_executable ETCD "$ETCD"; etcd_path="$ETCD"; return 0
  fi
  if [ ! -x /usr/bin/etcd ]; then
    e2e_apt_install etcd-server
    # The package starts a system-wide etcd on 2379 under systemd; the tests start their own.
    if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
      e2e_log "disabling the etcd system service that etcd-server started (the tests run their own)"
      e2e_as_root systemctl disable --now etcd.service >&2 || true
    fi
  fi
  [ -x /usr/bin/etcd ] || e2e_die "etcd-server is installed but /usr/bin/etcd is missing"
  etcd_path=/usr/bin/etcd
}

apiserver_is_usable() { # path
  [ -x "$1" ] && "$1" --version 2>/dev/null | grep -q "v$KUBE_VERSION_WANTED"
}

write_deb_src_entry() {
  local mirror content
  mirror="$(e2e_debian_mirror)"
  content="# Written by kube-cache's scripts/e2e to fetch the kubernetes source package.
Types: deb-src
URIs: $mirror
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
"
  if [ ! -f "$KUBE_APT_SOURCES_FILE" ] || [ "$(cat "$KUBE_APT_SOURCES_FILE")" != "$(printf '%s' "$content")" ]; then
    e2e_log "writing $KUBE_APT_SOURCES_FILE (deb-src $mirror bookworm main)"
    printf '%s' "$content" | e2e_as_root tee "$KUBE_APT_SOURCES_FILE" >/dev/null
  fi
}

build_apiserver() {
  local work="$KUBE_CACHE_DIR/build" src started
  started="$(date +%s)"
  write_deb_src_entry
  e2e_apt_update_once
  e2e_apt_install golang-go rsync golang-github-modern-go-reflect2-dev dpkg-dev make
  local reflect2="/usr/share/gocode/src/github.com/modern-go/reflect2"
  [ -d "$reflect2" ] || e2e_die "$reflect2 is missing (package golang-github-modern-go-reflect2-dev)"

  src="$(find "$work" -maxdepth 2 -name .kube-cache-prepared -printf '%h\n' 2>/dev/null | head -n 1 || true)"
  if [ -z "$src" ]; then
    rm -rf "$work"; mkdir -p "$work"
    e2e_log "apt-get source kubernetes (into $work)"
    (cd "$work" && apt-get source -q kubernetes >&2) || e2e_die "apt-get source kubernetes failed (is the deb-src entry in $KUBE_APT_SOURCES_FILE reachable?)"
    src="$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'kubernetes-*' | head -n 1)"
    [ -n "$src" ] && [ -f "$src/Makefile" ] || e2e_die "no kubernetes source tree with a Makefile under $work"
    # Kubernetes 1.20 vendors reflect2 1.0.1, which corrupts memory under Go >= 1.18: use 1.0.2.
    [ -d "$src/vendor/github.com/modern-go" ] || e2e_die "$src/vendor/github.com/modern-go is missing"
    rm -rf "$src/vendor/github.com/modern-go/reflect2"
    rsync -a "$reflect2/" "$src/vendor/github.com/modern-go/reflect2/"
    touch "$src/.kube-cache-prepared"
  else
    e2e_log "reusing the prepared source tree $src"
  fi

  e2e_log "make WHAT=cmd/kube-apiserver in $src (takes minutes)"
  (cd "$src" && KUBE_GIT_VERSION="v$KUBE_VERSION_WANTED" KUBE_GIT_TREE_STATE=clean \
      make WHAT=cmd/kube-apiserver >&2) || e2e_die "make WHAT=cmd/kube-apiserver failed in $src"
  local built
  built="$(find "$src/_output" -type f -name kube-apiserver -perm -u+x | head -n 1)"
  [ -n "$built" ] || e2e_die "the build produced no kube-apiserver under $src/_output"
  cp "$built" "$KUBE_CACHED_APISERVER.tmp.$$"
  mv -f "$KUBE_CACHED_APISERVER.tmp.$$" "$KUBE_CACHED_APISERVER"
  apiserver_is_usable "$KUBE_CACHED_APISERVER" \
    || e2e_die "$KUBE_CACHED_APISERVER does not report v$KUBE_VERSION_WANTED: $("$KUBE_CACHED_APISERVER" --version 2>&1 || true)"
  e2e_log "built $KUBE_CACHED_APISERVER in $(( $(date +%s) - started )) s"
  rm -rf "$work"
}

ensure_apiserver() {
  if [ -n "${KUBE_APISERVER:-}" ]; then
    check_executable KUBE_APISERVER "$KUBE_APISERVER"; apiserver_path="$KUBE_APISERVER"; return 0
  fi
  if apiserver_is_usable "$KUBE_CACHED_APISERVER"; then
    apiserver_path="$KUBE_CACHED_APISERVER"; return 0
  fi
  mkdir -p "$KUBE_CACHE_DIR"
  # One build at a time; whoever waited finds the cached binary afterwards.
  exec 9>"$KUBE_CACHE_DIR/build.lock"
  flock 9
  if ! apiserver_is_usable "$KUBE_CACHED_APISERVER"; then
    build_apiserver
  fi
  flock -u 9
  exec 9>&-
  apiserver_path="$KUBE_CACHED_APISERVER"
}

etcd_path=""
apiserver_path=""
ensure_apiserver
ensure_etcd
printf 'ETCD=%s\n' "$etcd_path"
printf 'KUBE_APISERVER=%s\n' "$apiserver_path"
