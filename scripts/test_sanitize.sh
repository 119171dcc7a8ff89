#!/usr/bin/env bash
# Unit tests and the CLI tests (tests/cli) under AddressSanitizer +
# UndefinedBehaviorSanitizer (clang).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CC=clang CXX=clang++ cmake -S "$ROOT" -B "$ROOT/build/asan" -DUNROLL_SANITIZE=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" >/dev/null
cmake --build "$ROOT/build/asan" -j"$(nproc)" --target unroll_unit_tests unroll
cd "$ROOT/build/asan" && ctest -L unit --output-on-failure -j"$(nproc)"
