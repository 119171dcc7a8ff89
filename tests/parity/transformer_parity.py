#!/usr/bin/python3
"""Parity of `unroll grad` with torch.nn.TransformerEncoderLayer.

The layer: norm_first=True, batch_first=False, activation relu, dropout 0.
For each case a random layer (PyTorch's own initialisation plus random
LayerNorm/bias values, so no tensor is trivially 1 or 0) is exported under
PyTorch's state_dict names as {"arch": "transformer_encoder_layer", ...},
with a batch {"loss": "mse", "x": [T][B][d], "y": [T][B][d]}; the loss is
nn.MSELoss()(layer(x), y). Compared per tensor, and for dL/dx ("input"):

    rel = max|unroll - torch| / max(max|torch|, 1e-8)

float32 tolerance 1e-4 (the issue's bar), float64 (`--double`) 1e-9.
Exit status 1 on any mismatch, 2 on setup errors.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import torch
from torch import nn

TOLERANCE = {torch.float32: 1e-4, torch.float64: 1e-9}
CASES = [  # (d_model, nhead, dim_feedforward, T, B)
    (16, 1, 32, 5, 3),
    (16, 4, 24, 7, 2),
    (32, 8, 64, 4, 1),
    (64, 4, 128, 10, 3),
]


def make_layer(d, h, ff, gen):
    layer = nn.TransformerEncoderLayer(d, h, dim_feedforward=ff, dropout=0.0,
                                       activation="relu", norm_first=True).double()
    with torch.no_grad():
        for name, p in layer.named_parameters():
            if name.startswith("norm") or name.endswith("bias"):
                p.copy_(torch.randn(p.shape, generator=gen, dtype=torch.float64) * 0.3 +
                        (1.0 if name.endswith("weight") else 0.0))
    return layer


def save(layer, d, h, ff, path):
    params = {k: {"shape": list(v.shape), "data": v.flatten().tolist()}
              for k, v in layer.state_dict().items()}
    with open(path, "w") as f:
        json.dump({"arch": "transformer_encoder_layer", "d_model": d, "nhead": h,
                   "dim_feedforward": ff, "params": params}, f)


def torch_grads(layer, x, y, dtype):
    layer = layer.to(dtype)
    layer.zero_grad()
    x = x.to(dtype).clone().requires_grad_(True)
    loss = nn.MSELoss()(layer(x), y.to(dtype))
    loss.backward()
    grads = {k: p.grad for k, p in layer.named_parameters()}
    grads["input"] = x.grad
    return float(loss), grads


def run_unroll(exe, w, b, dtype):
    cmd = [exe, "grad", "--weights", w, "--batch", b] + (["--double"] if dtype == torch.float64 else [])
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {r.returncode}: {r.stderr.strip()}")
    return json.loads(r.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--unroll", default=os.path.join(os.path.dirname(__file__), "..", "..",
                                                     "build", "native", "unroll"))
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    if not os.access(args.unroll, os.X_OK):
        print(f"transformer_parity: no unroll binary at {args.unroll}")
        return 2
    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(4321)
    header = f"{'case (d, heads, ff, T, B)':<28} {'dtype':<8} {'loss rel':>9} {'worst tensor':<26} {'rel':>9}  result"
    print("torch.nn.TransformerEncoderLayer(norm_first=True, relu, dropout=0), MSE loss on its output")
    print(header)
    print("-" * len(header))
    failures = total = 0
    with tempfile.TemporaryDirectory() as tmp:
        for d, h, ff, T, B in CASES:
            layer = make_layer(d, h, ff, gen)
            wpath, bpath = os.path.join(tmp, "W.json"), os.path.join(tmp, "B.json")
            save(layer, d, h, ff, wpath)
            x = torch.randn(T, B, d, generator=gen, dtype=torch.float64)
            y = torch.randn(T, B, d, generator=gen, dtype=torch.float64)
            with open(bpath, "w") as f:
                json.dump({"loss": "mse", "x": x.tolist(), "y": y.tolist()}, f)
            for dtype in (torch.float32, torch.float64):
                # float32: torch runs on the float32-rounded weights unroll reads
                loss, grads = torch_grads(make_copy(layer), x, y, dtype)
                res = run_unroll(args.unroll, wpath, bpath, dtype)
                rows = [("loss", abs(res["loss"] - loss) / max(abs(loss), 1e-8))]
                if set(res["grads"]) != set(grads):
                    raise RuntimeError(f"names differ: {sorted(res['grads'])} vs {sorted(grads)}")
                for name, g in grads.items():
                    u = res["grads"][name]
                    if list(u["shape"]) != list(g.shape):
                        raise RuntimeError(f"{name}: shape {u['shape']} vs {list(g.shape)}")
                    a = torch.tensor(u["data"], dtype=torch.float64).reshape(g.shape)
                    rows.append((name, float((a - g.double()).abs().max() /
                                             max(float(g.abs().max()), 1e-8))))
                ok = all(r[1] <= TOLERANCE[dtype] for r in rows)
                worst = max(rows[1:], key=lambda r: r[1])
                case = f"{d}, {h}, {ff}, {T}, {B}"
                dn = "float32" if dtype == torch.float32 else "float64"
                print(f"{case:<28} {dn:<8} {rows[0][1]:9.2e} {worst[0]:<26} {worst[1]:9.2e}  "
                      f"{'ok' if ok else 'MISMATCH'}")
                if args.verbose or not ok:
                    for name, err in rows:
                        print(f"    {name:<30} rel {err:9.2e}")
                total += 1
                failures += 0 if ok else 1
    print("-" * len(header))
    print(f"{total - failures}/{total} comparisons within tolerance "
          f"(float32 {TOLERANCE[torch.float32]:g}, float64 {TOLERANCE[torch.float64]:g})")
    return 1 if failures else 0


def make_copy(layer):
    import copy
    return copy.deepcopy(layer)


if __name__ == "__main__":
    sys.exit(main())
