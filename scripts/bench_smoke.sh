#!/usr/bin/env bash
# Quick check of the benchmark (part of scripts/test.sh): every runner
# (Unroll native / wasm in Node / wasm in Chromium, PyTorch, TF.js) runs tiny
# configs once and must report a finite, positive steps/s; Unroll's first
# losses must be the same in two runs of one build. Wall-clock speed is NOT
# asserted (machines differ). Results go to build/bench-smoke, not bench/results.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/build/bench-smoke
"$ROOT/bench/run.sh" --smoke --rounds 2 --runs 1 --seconds 0.05 --out "$OUT" >/dev/null
/usr/bin/python3 - "$OUT/latest.json" <<'PY'
import json, math, sys
res = json.load(open(sys.argv[1]))
runners = ["native", "node", "chromium", "pytorch", "tfjs"]
bad = []
for row in res["summary"]:
    for r in runners:
        s = row["runners"].get(r)
        if s is None:
            bad.append(f"{row['config']}: runner {r} produced no result")
        elif not (math.isfinite(s["median"]) and s["median"] > 0):
            bad.append(f"{row['config']}: runner {r} reported {s['median']} steps/s")
        elif "first_losses" in s and len(s["first_losses"]) != 1:
            bad.append(f"{row['config']}: runner {r} gave different first losses across runs: {s['first_losses']}")
for r in ["native", "node", "chromium"]:
    for k in res["kernels"].get(r, []):
        if not all(x["gflops"] > 0 for x in k["kernels"]):
            bad.append(f"kernel timing of {r} is not positive: {k}")
if bad:
    print("bench_smoke: FAILED\n  " + "\n  ".join(bad))
    sys.exit(1)
print(f"bench_smoke: ok ({len(res['summary'])} configs x {len(runners)} runners, losses reproducible)")
PY
