#!/usr/bin/env bash
# Install the Debian packages Unroll's native build and tests need, only
# those missing (fast when everything is there). Idempotent.
#   scripts/deps.sh            # native build + unit/learning tests
#   scripts/deps.sh all        # + sanitizers/fuzzer, PyTorch, Chromium
set -euo pipefail
# fonts-dejavu-core: the glyph test reads the UI font; zbar-tools: the QR
# test decodes what the encoder drew.
pkgs=(cmake make g++ libeigen3-dev googletest libgtest-dev python3 fonts-dejavu-core zbar-tools)
if [ "${1:-}" = all ]; then
  pkgs+=(clang libclang-rt-14-dev python3-torch chromium fonts-dejavu-core libsdl2-dev)
  # Node.js may come from elsewhere (e.g. with its own npm): only by command.
  command -v node >/dev/null || pkgs+=(nodejs)
  command -v npm >/dev/null || pkgs+=(npm)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=()
[ "$(id -u)" = 0 ] || SUDO=(sudo)
echo "[deps] installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends "${missing[@]}" >&2 \
  || { "${SUDO[@]}" apt-get update >&2 &&
       "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends "${missing[@]}" >&2; }
