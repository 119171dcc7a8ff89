#!/usr/bin/env bash
# Pinned trajectories: 30 steps of 15 configs through the wasm CLI (in Node),
# bit for bit against tests/pinned/trajectories.golden (see pin.mjs).
#   scripts/test_pinned.sh            # builds the wasm CLI if needed, then checks
# Env: UNROLL_WASM_BUILD (default build/wasm), SKIP_BUILD=1 to use it as is.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${UNROLL_WASM_BUILD:-$ROOT/build/wasm}
export NODE_PATH=/usr/share/nodejs   # Debian's emcc needs acorn from here
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  if [ -f "$BUILD/CMakeCache.txt" ]; then
    cmake --build "$BUILD" --target unroll -j"${JOBS:-2}" >/dev/null
  else
    "$ROOT/scripts/build_web.sh"
  fi
fi
"$ROOT/scripts/node_deps.sh"   # Node.js 18+ runs the wasm CLI and the test
cd "$ROOT/tests/pinned"
exec node --test --test-concurrency=1 pinned.test.mjs
