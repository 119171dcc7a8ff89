#!/usr/bin/env bash
# The benchmark, one command: installs what is missing, builds Unroll natively
# and for wasm (build/native, build/wasm, and the playground site build/web
# through scripts/build_web.sh), then runs bench/run.mjs:
# Unroll native, Unroll wasm in Node, Unroll wasm in headless Chromium,
# PyTorch (OpenBLAS, 1 thread) and TF.js (wasm backend) in turns, then the
# playground's frame time while it trains, and writes
# bench/results/latest.{md,json,png}.
#   bench/run.sh [run.mjs options: --rounds N --runs R --seconds S --configs a,b --runners a,b --smoke --out DIR --frames S]
# Env: UNROLL_CACHE (default ~/.cache/unroll) keeps OpenBLAS; JOBS (default 2);
#      UNROLL_NATIVE_BUILD / UNROLL_WASM_BUILD / UNROLL_SITE: build directories
#      (default build/native, build/wasm, build/web).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${UNROLL_CACHE:-$HOME/.cache/unroll}
NATIVE_BUILD=${UNROLL_NATIVE_BUILD:-$ROOT/build/native}
WASM_BUILD=${UNROLL_WASM_BUILD:-$ROOT/build/wasm}
SITE=${UNROLL_SITE:-$ROOT/build/web}
export UNROLL_NATIVE=$NATIVE_BUILD/unroll UNROLL_WASM_DIR=$WASM_BUILD
export UNROLL_WASM_BUILD=$WASM_BUILD UNROLL_SITE=$SITE   # for scripts/build_web.sh and run.mjs
export NODE_PATH=/usr/share/nodejs   # Debian's emcc needs acorn from here
say() { echo "bench: $*" >&2; }

apt_install() {  # apt_install PACKAGE...: as root, only when missing
  if [ "$(id -u)" -ne 0 ]; then say "need root to apt-get install $*"; exit 2; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
/usr/bin/python3 -c 'import torch' 2>/dev/null || apt_install python3-torch
/usr/bin/python3 -c 'import matplotlib' 2>/dev/null || apt_install python3-matplotlib
command -v emcc >/dev/null || apt_install emscripten
[ -x /usr/bin/chromium ] || apt_install chromium

# PyTorch's Debian build links the reference BLAS; OpenBLAS (unpacked, not
# installed) is what a fair timing uses, pinned to 1 thread below.
OPENBLAS_DIR=$CACHE/openblas/root/usr/lib/x86_64-linux-gnu/openblas-pthread
if [ ! -e "$OPENBLAS_DIR/libblas.so.3" ]; then
  say "fetching libopenblas0-pthread into $CACHE/openblas"
  mkdir -p "$CACHE/openblas"
  (cd "$CACHE/openblas" && apt-get download libopenblas0-pthread >/dev/null &&
    dpkg-deb -x libopenblas0-pthread_*.deb root)
fi
export UNROLL_OPENBLAS_DIR=$OPENBLAS_DIR

# Node.js 18+ and TF.js + playwright-core (npm ci when the lock changed).
"$ROOT/scripts/node_deps.sh" "$ROOT/bench"

say "building the native CLI"
cmake -S "$ROOT" -B "$NATIVE_BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$NATIVE_BUILD" --target unroll -j"${JOBS:-2}" >/dev/null
say "building the playground site ($SITE) and the wasm CLI ($WASM_BUILD)"
# build_web.sh configures $WASM_BUILD (same flags as the page) and builds the
# site plus the wasm CLI; the bench page's module comes from the same build.
log=$(mktemp)
"$ROOT/scripts/build_web.sh" >"$log" 2>&1 || {
  rc=$?; tail -40 "$log" >&2; say "scripts/build_web.sh failed with exit $rc ($(wc -l <"$log") lines of output, the last above)"; exit 1; }
rm -f "$log"
cmake --build "$WASM_BUILD" --target unroll_bench_web -j"${JOBS:-2}" >/dev/null

exec node "$ROOT/bench/run.mjs" "$@"
