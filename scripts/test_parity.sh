#!/usr/bin/env bash
# Gradient parity with PyTorch: `unroll grad` against torch.nn.RNN/LSTM/GRU
# + nn.Linear on the same weights and batch files (tests/parity/torch_parity.py),
# and against torch.nn.TransformerEncoderLayer (tests/parity/transformer_parity.py).
# Installs Debian's python3-torch if /usr/bin/python3 cannot import torch
# (the python3 on PATH may be another interpreter without it), builds the
# `unroll` CLI natively, runs the comparison; exit status non-zero on any
# mismatch.
#   scripts/test_parity.sh [--verbose]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=/usr/bin/python3

if ! "$PY" -c 'import torch' 2>/dev/null; then
  echo "test_parity: installing python3-torch (Debian package) ..."
  if [ "$(id -u)" -ne 0 ]; then
    echo "test_parity: need root (or sudo) to apt-get install python3-torch" >&2
    exit 2
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch
fi

NATIVE=${UNROLL_NATIVE_BUILD:-$ROOT/build/native}  # build directory (env: a helper's own)
cmake -S "$ROOT" -B "$NATIVE" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$NATIVE" --target unroll -j"$(nproc)"
status=0
"$PY" "$ROOT/tests/parity/torch_parity.py" --unroll "$NATIVE/unroll" "$@" || status=$?
# The Transformer: one torch.nn.TransformerEncoderLayer (norm_first=True).
"$PY" "$ROOT/tests/parity/transformer_parity.py" --unroll "$NATIVE/unroll" "$@" || status=$?
exit "$status"
