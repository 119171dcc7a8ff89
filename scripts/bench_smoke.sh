#!/usr/bin/env bash
# Quick check of the benchmark (part of scripts/test.sh): every runner
# (Unroll native / wasm in Node / wasm in Chromium, PyTorch, TF.js) runs tiny
# configs once and must report a finite, positive steps/s (or n/a where the
# runner has no such model: TF.js has no Transformer); Unroll's first losses
# must be the same in two runs of one build; Unroll and PyTorch models must
# have the same parameter count; the playground's frame time must be
# measured. Wall-clock speed is NOT asserted (machines differ).
# Results go to build/bench-smoke (or $UNROLL_BENCH_SMOKE_OUT), not bench/results.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${UNROLL_BENCH_SMOKE_OUT:-$ROOT/build/bench-smoke}
"$ROOT/bench/run.sh" --smoke --rounds 2 --runs 1 --seconds 0.05 --out "$OUT" >/dev/null
/usr/bin/python3 - "$OUT/latest.json" <<'PY'
import json, math, sys
res = json.load(open(sys.argv[1]))
runners = ["native", "node", "chromium", "pytorch", "tfjs"]
# (runner, cell) pairs that have no implementation and must say so
not_applicable = {("tfjs", "transformer")}
cells = {c["name"]: c["cell"] for c in res["configs"]}
bad = []
if "transformer" not in cells.values():
    bad.append("no transformer config in the smoke set")
for row in res["summary"]:
    na_expected = {r for r in runners if (r, cells[row["config"]]) in not_applicable}
    counts = {r: row["runners"][r].get("param_count") for r in ("native", "pytorch") if r in row["runners"]}
    if len(counts) == 2 and counts["native"] != counts["pytorch"]:
        bad.append(f"{row['config']}: parameter counts differ, Unroll {counts['native']} vs PyTorch {counts['pytorch']}")
    for r in runners:
        s = row["runners"].get(r)
        if r in na_expected:
            if not (s and s.get("na")):
                bad.append(f"{row['config']}: runner {r} should report n/a, got {s}")
            continue
        if s is None:
            bad.append(f"{row['config']}: runner {r} produced no result")
        elif s.get("na"):
            bad.append(f"{row['config']}: runner {r} reported n/a ({s['na']})")
        elif not (math.isfinite(s["median"]) and s["median"] > 0):
            bad.append(f"{row['config']}: runner {r} reported {s['median']} steps/s")
        elif "first_losses" in s and len(s["first_losses"]) != 1:
            bad.append(f"{row['config']}: runner {r} gave different first losses across runs: {s['first_losses']}")
for r in ["native", "node", "chromium"]:
    for k in res["kernels"].get(r, []):
        if not all(x["gflops"] > 0 for x in k["kernels"]):
            bad.append(f"kernel timing of {r} is not positive: {k}")
frames = res.get("page_frame_ms") or {"runs": []}
for m in frames["runs"]:
    if not all(math.isfinite(m[k]) and m[k] > 0 for k in ("p50", "p95", "appP50", "appP95")):
        bad.append(f"playground frame time ({m['name']}) not positive: {m}")
if [m["name"] for m in frames["runs"]] != ["training", "paused"]:
    bad.append(f"playground frame time missing: {res.get('page_frame_ms')}")
if bad:
    print("bench_smoke: FAILED\n  " + "\n  ".join(bad))
    sys.exit(1)
print(f"bench_smoke: ok ({len(res['summary'])} configs x {len(runners)} runners, losses reproducible, "
      f"page frames p95 {frames['runs'][0]['p95']:.1f} ms training)")
PY
