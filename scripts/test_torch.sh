#!/usr/bin/env bash
# export-torch against `unroll train` with PyTorch (tests/torch): for every
# model kind the exported script retraces Unroll's first 20 losses from
# Unroll's weights and batches, learns as Unroll does on its own data, and
# runs data parallel under torchrun on CPU. About 2 minutes on 2 cores.
# Installs Debian's python3-torch if /usr/bin/python3 cannot import torch
# (the python3 on PATH may be another interpreter without it).
#   scripts/test_torch.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=/usr/bin/python3
"$ROOT/scripts/deps.sh"
if ! "$PY" -c 'import torch' 2>/dev/null; then
  echo "test_torch: installing python3-torch (Debian package) ..."
  SUDO=()
  [ "$(id -u)" = 0 ] || SUDO=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=900 install -y -qq python3-torch \
    || { "${SUDO[@]}" apt-get update -qq && "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=900 install -y -qq python3-torch; }
fi
NATIVE=${UNROLL_NATIVE_BUILD:-$ROOT/build/native}  # build directory (env: a helper's own)
cmake -S "$ROOT" -B "$NATIVE" -DCMAKE_BUILD_TYPE=Release -DUNROLL_DESKTOP=OFF -DUNROLL_TORCH_PYTHON="$PY" >/dev/null
cmake --build "$NATIVE" --target unroll -j"$(nproc)"
# The measured numbers (per model kind) are printed; the whole log on failure.
status=0
(cd "$NATIVE" && ctest -L torch --output-on-failure -V) >"$NATIVE/torch_tests.log" 2>&1 || status=$?
grep -E '(exact|own data|torchrun) ' "$NATIVE/torch_tests.log" | sed 's/^[0-9]*: //' || true
[ "$status" -eq 0 ] || tail -80 "$NATIVE/torch_tests.log"
exit "$status"
