#!/usr/bin/env bash
# Everything: installs what is missing, then runs every test suite.
#   unit + learning (native) -> sanitizers -> fuzzers (every reader) -> PyTorch parity
#   -> export-torch (the exported scripts against unroll train)
#   -> desktop app build -> browser tests (builds the wasm site) -> pinned
#   trajectories (wasm CLI) -> benchmark smoke.
# Slow parts are cached (build/, ~/.cache/unroll, node_modules).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
FUZZ_SECONDS=${FUZZ_SECONDS:-150}  # all fuzz targets together, wall time

passed=0; failed=0; failures=()
run() {  # run NAME COMMAND...: one suite, its result counted
  local name=$1; shift
  echo; echo "==== $name ===="
  local t0=$SECONDS
  if "$@"; then passed=$((passed + 1)); echo "==== $name: ok ($((SECONDS - t0)) s)"
  else failed=$((failed + 1)); failures+=("$name"); echo "==== $name: FAILED ($((SECONDS - t0)) s)"; fi
}

scripts/deps.sh all
run "native unit + learning tests" scripts/test_native.sh --learning
run "unit tests under ASan+UBSan" scripts/test_sanitize.sh
run "fuzzing every reader (${FUZZ_SECONDS} s)" scripts/fuzz.sh "$FUZZ_SECONDS"
run "gradient parity with PyTorch" scripts/test_parity.sh
run "export-torch: the exported scripts retrace unroll train (PyTorch, torchrun)" scripts/test_torch.sh
run "desktop app builds (SDL2 + OpenGL)" scripts/build_desktop.sh
run "browser tests (wasm site in headless Chromium)" scripts/test_browser.sh
run "pinned trajectories (wasm CLI, bit for bit)" env SKIP_BUILD=1 scripts/test_pinned.sh
# After the web build: the benchmark reuses build/wasm's objects.
run "benchmark smoke" scripts/bench_smoke.sh

echo
echo "suites: $passed passed, $failed failed"
[ $failed -eq 0 ] || { printf 'failed: %s\n' "${failures[@]}"; exit 1; }
