#!/usr/bin/env bash
# Debian *source packages* the builds compile from (no third-party source is
# kept in the repository): each is downloaded and unpacked once into the cache
# folder ${UNROLL_CACHE:-$HOME/.cache/unroll}. Adds a deb-src list (bookworm +
# trixie, the machine's mirror and key; nothing is installed from trixie) when
# apt does not know a wanted version.
#   scripts/source_packages.sh PACKAGE UPSTREAM-VERSION DIR-NAME [...]
#   e.g. scripts/source_packages.sh qr-code-generator 1.8.0 qrcodegen-1.8.0
# stdout: one PACKAGE=<unpacked folder> line per package, in order.
# Where the mirror lacks a package's Debian diff, its folder is the upstream
# tarball alone (no debian/): licences are then read from the binary
# package's copyright file (scripts/licenses.sh).
# Idempotent, quick when cached, safe to run concurrently (a lock file; every
# folder appears atomically with a .complete marker naming package=version).
set -euo pipefail
[ $# -ge 3 ] && [ $(( $# % 3 )) -eq 0 ] || { echo "usage: $0 PACKAGE VERSION DIR-NAME [...]" >&2; exit 2; }
CACHE=${UNROLL_CACHE:-$HOME/.cache/unroll}
SRC_LIST=/etc/apt/sources.list.d/unroll-deb-src.sources

log() { echo "[source_packages] $*" >&2; }
die() { echo "[source_packages] error: $*" >&2; exit 1; }

SUDO=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || die "not root and no sudo: cannot change apt's lists"
  SUDO=(sudo)
fi
mkdir -p "$CACHE"
# Its own lock (web_deps.sh, which calls this, holds $CACHE/.lock).
exec 8>"$CACHE/.sources.lock"
flock -w 3600 8 || die "timed out waiting for $CACHE/.sources.lock"

# The versions of a source package apt knows about whose upstream part is $2
# (several suites may have one each: a mirror may lack an older one's files).
src_versions() { apt-cache showsrc "$1" 2>/dev/null | awk -v want="$2" '
  /^Version: / { v = $2; up = v; sub(/^[0-9]+:/, "", up); sub(/[-+~].*$/, "", up);
                 if (up == want) print v }'; }

# apt-get source needs dpkg-dev; the .orig tarballs are xz or gz.
for p in dpkg-dev xz-utils; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' && continue
  log "installing $p"
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends "$p" >&2
done

args=("$@")
unknown=0
for ((i = 0; i < ${#args[@]}; i += 3)); do
  [ -f "$CACHE/${args[i + 2]}/.complete" ] && continue
  [ -n "$(src_versions "${args[i]}" "${args[i + 1]}")" ] || unknown=1
done
if [ "$unknown" = 1 ]; then
  if [ ! -f "$SRC_LIST" ]; then
    # Same mirror and key as the machine's main Debian list.
    uris=$(awk '/^URIs:/ { u = $2 } /^Suites:/ && / bookworm( |$)/ { print u; exit }' \
             /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    key=$(awk '/^Signed-By:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    uris=${uris:-http://deb.debian.org/debian}
    key=${key:-/usr/share/keyrings/debian-archive-keyring.gpg}
    log "adding deb-src list $SRC_LIST ($uris; bookworm, trixie)"
    printf 'Types: deb-src\nURIs: %s\nSuites: bookworm trixie\nComponents: main\nSigned-By: %s\n' \
      "$uris" "$key" | "${SUDO[@]}" tee "$SRC_LIST" >/dev/null
  fi
  log "apt-get update (source indexes)"
  for attempt in 1 2 3 4 5 6; do
    "${SUDO[@]}" apt-get update >&2 && break
    log "apt-get update failed (attempt $attempt; apt may be busy), retrying in 20 s"; sleep 20
  done
fi

# fetch_source <package> <upstream version> <dest dir>: download once, unpack once.
fetch_source() {
  local pkg=$1 want=$2 dest=$3 ver got=
  [ -f "$dest/.complete" ] && return 0
  local tmp="$dest.tmp.$$"
  trap 'rm -rf "$tmp"' EXIT
  for ver in $(src_versions "$pkg" "$want"); do
    rm -rf "$tmp" && mkdir -p "$tmp/dl"
    log "downloading source $pkg=$ver"
    if (cd "$tmp/dl" && apt-get -o APT::Sandbox::User=root source --download-only "$pkg=$ver" >&2); then
      got=$ver
      break
    fi
    # Some mirrors lack a Debian diff (.debian.tar.*) but hold the .dsc and
    # the upstream tarball: that tarball, checked against the .dsc, will do.
    local orig; orig=$(ls "$tmp"/dl/*.orig.tar.* 2>/dev/null | head -1)
    if [ -n "$orig" ] && ls "$tmp"/dl/*.dsc >/dev/null 2>&1 &&
       grep -q "^ $(sha256sum "$orig" | cut -d' ' -f1) [0-9]* $(basename "$orig")\$" "$tmp"/dl/*.dsc; then
      log "the mirror lacks the Debian diff of $pkg=$ver: using its upstream tarball $(basename "$orig") (sha256 as in the .dsc)"
      got="$ver (upstream tarball only)"
      break
    fi
    log "could not download $pkg=$ver; trying another version of $want if apt knows one"
  done
  [ -n "$got" ] || die "no source package $pkg $want could be downloaded (check $SRC_LIST and apt-get update)"
  log "unpacking $pkg=$got"
  if [ -n "$(ls "$tmp"/dl/*.debian.tar.* 2>/dev/null)" ]; then
    (cd "$tmp/dl" && dpkg-source --no-check -x ./*.dsc "$tmp/tree" >&2)
  else
    mkdir -p "$tmp/tree" && tar -xf "$tmp"/dl/*.orig.tar.* -C "$tmp/tree" --strip-components=1
  fi
  rm -rf "$dest"
  mv "$tmp/tree" "$dest"
  mkdir -p "$CACHE/debs" && mv "$tmp"/dl/* "$CACHE/debs/" && rm -rf "$tmp"
  trap - EXIT
  echo "$pkg=$got" > "$dest/.complete"
}

for ((i = 0; i < ${#args[@]}; i += 3)); do
  fetch_source "${args[i]}" "${args[i + 1]}" "$CACHE/${args[i + 2]}"
  echo "${args[i]}=$CACHE/${args[i + 2]}"
done
