#!/usr/bin/env bash
# The fast inner loop: build the core natively and run the unit tests
# (seconds once built). `--learning` also runs the learning tests.
#   scripts/test_native.sh [--learning]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$ROOT/scripts/deps.sh"
cmake -S "$ROOT" -B "$ROOT/build/native" -DCMAKE_BUILD_TYPE=Release -DUNROLL_DESKTOP=OFF >/dev/null
cmake --build "$ROOT/build/native" -j"$(nproc)"
labels=unit
[ "${1:-}" = --learning ] && labels='unit|learning'
cd "$ROOT/build/native" && ctest -L "$labels" --output-on-failure -j"$(nproc)"
