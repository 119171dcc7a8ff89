#!/usr/bin/env bash
# The same playground as a native desktop program (SDL2 + OpenGL 3):
# build/native/unroll_desktop. Needs the ImGui sources from web_deps.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$ROOT/scripts/deps.sh" all
deps=$("$ROOT/scripts/web_deps.sh")
imgui_dir=$(sed -n 's/^UNROLL_IMGUI_DIR=//p' <<<"$deps")
qr_dir=$(sed -n 's/^UNROLL_QRCODEGEN_DIR=//p' <<<"$deps")
# build/native: the core objects are shared with the native tests.
cmake -S "$ROOT" -B "$ROOT/build/native" -DCMAKE_BUILD_TYPE=Release -DUNROLL_DESKTOP=ON \
  -DUNROLL_IMGUI_DIR="$imgui_dir" -DUNROLL_QRCODEGEN_DIR="$qr_dir" >/dev/null
cmake --build "$ROOT/build/native" --target unroll_desktop -j"$(nproc)"
[ -s "$ROOT/build/native/LICENSES.txt" ] || { echo "build_desktop: LICENSES.txt missing next to the app" >&2; exit 1; }
echo "build_desktop: $ROOT/build/native/unroll_desktop (licences: build/native/LICENSES.txt)" >&2
