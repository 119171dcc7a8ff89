#!/usr/bin/env bash
# Build the static web site into build/web/ (index.html, app.js, app.wasm,
# engine.js, engine.wasm, sw.js, favicon.ico, web/..., assets/, lessons/,
# LICENSES.txt). Everything in build/web/ is deployable as is.
#   scripts/build_web.sh            # Release build, -O3 -msimd128
# Env: UNROLL_CACHE (dependency cache, see web_deps.sh), JOBS (default 2),
#      UNROLL_WASM_BUILD / UNROLL_SITE (build and site directories, default
#      build/wasm and build/web: separate ones let two builds run at once).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$ROOT/scripts/deps.sh"
BUILD=${UNROLL_WASM_BUILD:-$ROOT/build/wasm}
SITE=${UNROLL_SITE:-$ROOT/build/web}
export NODE_PATH=/usr/share/nodejs   # Debian's emcc needs acorn from here

# KEY=value lines: UNROLL_IMGUI_DIR, UNROLL_SDL2_WASM_DIR, ...
deps=$("$ROOT/scripts/web_deps.sh")
"$ROOT/scripts/node_deps.sh"   # Node.js 18+ (emcc and the favicon step run on it)
imgui_dir=$(sed -n 's/^UNROLL_IMGUI_DIR=//p' <<<"$deps")
sdl2_dir=$(sed -n 's/^UNROLL_SDL2_WASM_DIR=//p' <<<"$deps")
sdl2_src=$(sed -n 's/^UNROLL_SDL2_SRC_DIR=//p' <<<"$deps")
qr_dir=$(sed -n 's/^UNROLL_QRCODEGEN_DIR=//p' <<<"$deps")

start=$(date +%s)
# Eigen is header-only: let the Emscripten toolchain find the system's Eigen
# package config (its default search is restricted to the Emscripten sysroot).
emcmake cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release \
  -DUNROLL_IMGUI_DIR="$imgui_dir" -DUNROLL_SDL2_WASM_DIR="$sdl2_dir" -DUNROLL_SDL2_SRC_DIR="$sdl2_src" \
  -DUNROLL_QRCODEGEN_DIR="$qr_dir" \
  -DUNROLL_WEB_OUT="$SITE" \
  -DEigen3_DIR=/usr/share/eigen3/cmake >/dev/null
# unroll_web_offline: the site and its service worker; unroll: the CLI for Node (same numbers as the page)
cmake --build "$BUILD" --target unroll_web_offline unroll -j"${JOBS:-2}"

for f in index.html app.js app.wasm engine.js engine.wasm favicon.ico sw.js web/loader.js web/offline.js \
         web/engines.js web/engine_worker.js assets/DejaVuSans.ttf LICENSES.txt; do
  [ -f "$SITE/$f" ] || { echo "build_web: $SITE/$f is missing after the build" >&2; exit 1; }
done
echo "build_web: site ready in $SITE ($(( $(date +%s) - start )) s)" >&2
ls -l "$SITE/app.js" "$SITE/app.wasm" "$SITE/engine.js" "$SITE/engine.wasm" | awk '{ printf "  %-10s %8.1f KB\n", $NF, $5 / 1024 }' | sed "s|$SITE/||" >&2
