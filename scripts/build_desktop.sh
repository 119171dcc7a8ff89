#!/usr/bin/env bash
# The same playground as a native desktop program (SDL2 + OpenGL 3):
# build/desktop/unroll_desktop. Needs the ImGui sources from web_deps.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$ROOT/scripts/deps.sh" all
deps=$("$ROOT/scripts/web_deps.sh")
imgui_dir=$(sed -n 's/^UNROLL_IMGUI_DIR=//p' <<<"$deps")
cmake -S "$ROOT" -B "$ROOT/build/desktop" -DCMAKE_BUILD_TYPE=Release -DUNROLL_TESTS=OFF \
  -DUNROLL_IMGUI_DIR="$imgui_dir" >/dev/null
cmake --build "$ROOT/build/desktop" --target unroll_desktop -j"$(nproc)"
echo "build_desktop: $ROOT/build/desktop/unroll_desktop" >&2
