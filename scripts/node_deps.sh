#!/usr/bin/env bash
# The one Node.js rule for every npm consumer (tests/browser, bench) and the
# site build: Node.js 18 or newer, i.e. Debian 12's packaged 18 or any later
# one (playwright-core is pinned to 1.61.1, the last release whose engines
# accept 18; it drives Debian's Chromium 156). Stops with a message naming
# what to install otherwise. With folders: `npm ci` in each whose
# package-lock.json changed since its last install.
#   scripts/node_deps.sh [DIR...]
set -euo pipefail
need=18
say() { echo "node_deps: $*" >&2; }
if ! command -v node >/dev/null; then
  say "no Node.js found: Unroll needs Node.js $need or newer (Debian 12: apt-get install nodejs npm)"
  exit 1
fi
version=$(node --version 2>/dev/null || echo unknown)
major=$(sed -n 's/^v\([0-9][0-9]*\)\..*/\1/p' <<<"$version")
if [ -z "$major" ] || [ "$major" -lt "$need" ]; then
  say "Node.js $version at $(command -v node) is too old: Unroll needs Node.js $need or newer" \
      "(Debian 12: apt-get install nodejs npm gives 18)"
  exit 1
fi
for dir in "$@"; do
  command -v npm >/dev/null || { say "npm missing for $dir (Debian 12: apt-get install npm)"; exit 1; }
  stamp=$dir/node_modules/.unroll-lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
    say "npm ci in $dir (Node.js $version)"
    (cd "$dir" && npm ci --no-audit --no-fund >&2)
    cp "$dir/package-lock.json" "$stamp"
  fi
done
