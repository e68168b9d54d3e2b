# shellcheck shell=bash
# Shared helpers for the e2e scripts. Source it; it defines functions and variables only.

KUBE_VERSION_WANTED="1.20.2"
KUBE_CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/kube-cache"
KUBE_CACHED_APISERVER="$KUBE_CACHE_DIR/kube-apiserver-$KUBE_VERSION_WANTED"
KUBE_APT_SOURCES_FILE="/etc/apt/sources.list.d/kube-cache-e2e-src.sources"

e2e_log() { printf '[kube-cache e2e] %s\n' "$*" >&2; }
e2e_die() { printf '[kube-cache e2e] ERROR: %s\n' "$*" >&2; exit 1; }

# Run a command as root: directly when we are root, through sudo -n otherwise (never prompts).
e2e_as_root() {
  if [ "$(id -u)" = "0" ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n env DEBIAN_FRONTEND=noninteractive "$@"
  else
    e2e_die "need root (or password-less sudo) to run: $*  -- or set KUBE_APISERVER and ETCD to your own binaries"
  fi
}

e2e_apt_install() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then return 0; fi
  e2e_log "apt-get install ${missing[*]}"
  e2e_apt_update_once
  e2e_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 \
    || e2e_die "apt-get install ${missing[*]} failed"
}

E2E_APT_UPDATED=""
e2e_apt_update_once() {
  if [ -n "$E2E_APT_UPDATED" ]; then return 0; fi
  e2e_log "apt-get update"
  e2e_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 || e2e_die "apt-get update failed"
  E2E_APT_UPDATED=1
}

# The Debian mirror this machine already uses for bookworm main (deb822 .sources files first,
# then one-line .list files), so that the deb-src entry points at the same mirror.
e2e_debian_mirror() {
  local file uri
  for file in /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] || continue
    [ "$file" = "$KUBE_APT_SOURCES_FILE" ] && continue
    uri="$(awk '
      BEGIN { RS=""; FS="\n" }
      {
        types=""; uris=""; suites=""; comps=""
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^Types:/) types=$i
          else if ($i ~ /^URIs:/) uris=$i
          else if ($i ~ /^Suites:/) suites=$i
          else if ($i ~ /^Components:/) comps=$i
        }
        if (types ~ /(^|[ \t])deb([ \t]|$)/ && suites ~ /[ \t]bookworm([ \t]|$)/ && comps ~ /[ \t]main([ \t]|$)/) {
          sub(/^URIs:[ \t]*/, "", uris); split(uris, parts, /[ \t]+/); print parts[1]; exit
        }
      }' "$file")"
    if [ -n "$uri" ]; then printf '%s\n' "$uri"; return 0; fi
  done
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$file" ] || continue
    uri="$(awk '$1 == "deb" { o = 2; if ($2 ~ /^\[/) { while ($o !~ /\]$/) o++; o++ } if ($(o+1) == "bookworm") { for (c = o+2; c <= NF; c++) if ($c == "main") { print $o; exit } } }' "$file")"
    if [ -n "$uri" ]; then printf '%s\n' "$uri"; return 0; fi
  done
  printf '%s\n' "http://deb.debian.org/debian"
}

# A free TCP port on 127.0.0.1 (asks the kernel for one).
e2e_free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}
