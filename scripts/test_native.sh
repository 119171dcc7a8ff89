#!/usr/bin/env bash
# The fast inner loop: build the core natively and run the unit tests
# (seconds once built). `--learning` also runs the learning tests.
#   scripts/test_native.sh [--learning]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$ROOT/scripts/deps.sh"
NATIVE=${UNROLL_NATIVE_BUILD:-$ROOT/build/native}  # build directory (env: a helper's own)
cmake -S "$ROOT" -B "$NATIVE" -DCMAKE_BUILD_TYPE=Release -DUNROLL_DESKTOP=OFF >/dev/null
cmake --build "$NATIVE" -j"$(nproc)"
labels=unit
[ "${1:-}" = --learning ] && labels='unit|learning'
cd "$NATIVE" && ctest -L "$labels" --output-on-failure -j"$(nproc)"
