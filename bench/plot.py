"""Bar chart of a benchmark result: steps/s per config and runner, log
scale, with min-max whiskers.  /usr/bin/python3 bench/plot.py IN.json OUT.png"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

LABEL = {"native": "Unroll native", "node": "Unroll wasm (Node)", "chromium": "Unroll wasm (Chromium)",
         "pytorch": "PyTorch (1 thread)", "tfjs": "TF.js wasm (Chromium)"}


def main(src, dst):
    res = json.load(open(src))
    rows = res["summary"]
    runners = [r for r in LABEL if any(r in row["runners"] for row in rows)]
    width = 0.8 / len(runners)
    fig, ax = plt.subplots(figsize=(12, 5))
    for k, r in enumerate(runners):
        xs, med, lo, hi = [], [], [], []
        for i, row in enumerate(rows):
            s = row["runners"].get(r)
            if not s or "median" not in s:  # no result, or n/a (no such model in that runner)
                continue
            xs.append(i + (k - (len(runners) - 1) / 2) * width)
            med.append(s["median"])
            lo.append(s["median"] - s["min"])
            hi.append(s["max"] - s["median"])
        ax.bar(xs, med, width, yerr=[lo, hi], capsize=2, label=LABEL[r])
    ax.set_yscale("log")
    ax.set_xticks(range(len(rows)))
    ax.set_xticklabels([row["config"] for row in rows])
    ax.set_ylabel("training steps / s (log)")
    ax.set_title(f"Unroll benchmark {res['date'][:10]}, {res['machine']['cpu']}, {res['machine']['cores']} cores")
    ax.legend(fontsize=8)
    ax.grid(axis="y", which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(dst, dpi=90)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
