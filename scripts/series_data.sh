#!/usr/bin/env bash
# Real public data for task=series's learning tests (CLI and page): the
# yearly sunspot numbers 1700-2008 that Debian's python3-statsmodels ships
# as statsmodels/datasets/sunspots/sunspots.csv. Prints that file's path.
#
# The data is never committed. An installed python3-statsmodels is used as
# it is; otherwise the package is fetched with apt-get download and only
# unpacked (dpkg-deb -x) into the cache, once: the data needs none of its
# Python dependencies (numpy, scipy, pandas: hundreds of MB).
#   scripts/series_data.sh            -> /path/to/sunspots.csv
set -euo pipefail
REL=usr/lib/python3/dist-packages/statsmodels/datasets/sunspots/sunspots.csv
if [ -f "/$REL" ]; then echo "/$REL"; exit 0; fi
CACHE=${UNROLL_CACHE:-$HOME/.cache/unroll}/statsmodels
mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock 9  # the CLI and browser tests may ask at once
if [ ! -f "$CACHE/root/$REL" ]; then
  rm -rf "$CACHE/deb" && mkdir -p "$CACHE/deb"
  # apt-get download writes into the current folder; a stale package list is refreshed once.
  (cd "$CACHE/deb" && { apt-get download python3-statsmodels >/dev/null 2>&1 ||
                          { apt-get update >/dev/null && apt-get download python3-statsmodels >/dev/null; }; })
  deb=$(ls "$CACHE"/deb/python3-statsmodels_*.deb)
  rm -rf "$CACHE/root.new" && dpkg-deb -x "$deb" "$CACHE/root.new"
  rm -rf "$CACHE/root" && mv "$CACHE/root.new" "$CACHE/root"
  rm -rf "$CACHE/deb"
fi
echo "$CACHE/root/$REL"
