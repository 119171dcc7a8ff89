#!/usr/bin/env bash
# Unit tests and the CLI tests (tests/cli) under AddressSanitizer +
# UndefinedBehaviorSanitizer (clang).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
qr=$("$ROOT/scripts/source_packages.sh" qr-code-generator 1.8.0 qrcodegen-1.8.0 | sed -n 's/^qr-code-generator=//p')
CC=clang CXX=clang++ cmake -S "$ROOT" -B "$ROOT/build/asan" -DUNROLL_SANITIZE=ON -DUNROLL_QRCODEGEN_DIR="$qr" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" >/dev/null
cmake --build "$ROOT/build/asan" -j"$(nproc)" --target unroll_unit_tests unroll_qr_tests unroll
cd "$ROOT/build/asan" && ctest -L unit --output-on-failure -j"$(nproc)"
