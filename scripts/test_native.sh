#!/usr/bin/env bash
# The fast inner loop: build the core natively and run the unit tests
# (seconds once built). `--learning` also runs the learning tests.
#   scripts/test_native.sh [--learning]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$ROOT/scripts/deps.sh"
NATIVE=${UNROLL_NATIVE_BUILD:-$ROOT/build/native}  # build directory (env: a helper's own)
# The QR encoder's sources (Debian source package, cached once) for its test.
qr=$("$ROOT/scripts/source_packages.sh" qr-code-generator 1.8.0 qrcodegen-1.8.0 | sed -n 's/^qr-code-generator=//p')
cmake -S "$ROOT" -B "$NATIVE" -DCMAKE_BUILD_TYPE=Release -DUNROLL_DESKTOP=OFF -DUNROLL_QRCODEGEN_DIR="$qr" >/dev/null
cmake --build "$NATIVE" -j"$(nproc)"
labels=unit
[ "${1:-}" = --learning ] && labels='unit|learning'
cd "$NATIVE" && ctest -L "$labels" --output-on-failure -j"$(nproc)"
