#!/usr/bin/env bash
# Fuzzes the config parser (tests/fuzz/fuzz_config.cpp) with libFuzzer for
# N seconds (default 60). Exits non-zero if the fuzzer finds a crash, a
# sanitizer error or a round-trip mismatch; the failing input is left in
# build/fuzz/artifacts/.
#   scripts/fuzz_config.sh [seconds]
set -euo pipefail
seconds="${1:-60}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || (( seconds < 1 )); then
  echo "usage: $0 [seconds]   (seconds: a whole number >= 1, got '$seconds')" >&2
  exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build/fuzz"

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DUNROLL_FUZZ=ON \
  -DUNROLL_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target fuzz_config -j2

# Seed corpus: a few real links, so mutations start near valid input.
corpus="$build/corpus"
mkdir -p "$corpus" "$build/artifacts"
printf 'v=1' >"$corpus/default"
printf '?v=1&arch=gru&hidden=128&lr=3e-3&clip=value&clip_at=0.5&seed=7' >"$corpus/typical"
printf '#task=copy&T=200&symbols=10&alphabet=4&init=identity&rho=1.5&fbias=-2.5' >"$corpus/copy"
printf 'optim=sgd&momentum=0.999&wd=1e-4&tbptt=20&tbptt_update=chunk&batch=512' >"$corpus/tbptt"
printf 'hiden=5&arch=%%3Cscript%%3E&lr=nan&v=2&layers&hidden=1&hidden=2&x=%%zz' >"$corpus/errors"

cd "$build"
echo "fuzzing the config parser for ${seconds}s ..."
# -max_len: links of a few KB exercise everything; larger only slows runs.
./fuzz_config -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 \
  -artifact_prefix="$build/artifacts/" "$corpus"
