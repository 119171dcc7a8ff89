#!/usr/bin/env bash
# Where a training step's time goes in headless Chromium: builds the bench
# module with function names kept (--profiling-funcs) into its own build
# directory, then runs bench/profile.mjs (DevTools CPU profile, wasm
# functions by self time) with the given `unroll bench` options.
#   bench/profile.sh [--no-profile] [--cell lstm --hidden 128 ...]
# Env: UNROLL_PROF_BUILD (default build/wasm-prof), JOBS (default 2).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PROF_BUILD=${UNROLL_PROF_BUILD:-$ROOT/build/wasm-prof}
export NODE_PATH=/usr/share/nodejs   # Debian's emcc needs acorn from here

# Same configure as bench/run.sh's wasm build (paths from web_deps.sh), plus
# names in the wasm binary; only the bench page's module is built.
deps=$("$ROOT/scripts/web_deps.sh")
emcmake cmake -S "$ROOT" -B "$PROF_BUILD" -DCMAKE_BUILD_TYPE=Release \
  -DUNROLL_IMGUI_DIR="$(sed -n 's/^UNROLL_IMGUI_DIR=//p' <<<"$deps")" \
  -DUNROLL_SDL2_WASM_DIR="$(sed -n 's/^UNROLL_SDL2_WASM_DIR=//p' <<<"$deps")" \
  -DEigen3_DIR=/usr/share/eigen3/cmake -DCMAKE_EXE_LINKER_FLAGS=--profiling-funcs >/dev/null
cmake --build "$PROF_BUILD" --target unroll_bench_web -j"${JOBS:-2}" >/dev/null

"$ROOT/scripts/node_deps.sh" "$ROOT/bench"
UNROLL_PROF_DIR=$PROF_BUILD exec node "$ROOT/bench/profile.mjs" "$@"
