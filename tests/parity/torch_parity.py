#!/usr/bin/python3
"""Gradient parity between `unroll grad` and PyTorch.

For each case (cell, layers, loss) it writes a weights file and a batch file,
computes the loss and every parameter gradient with torch.nn.RNN/LSTM/GRU +
nn.Linear at every step (nn.MSELoss / nn.CrossEntropyLoss, mean reduction),
runs `unroll grad` on the same files, and compares per tensor:

    rel = max|unroll - torch| / max(max|torch|, 1e-8)

Both directions of the weights format are exercised:
  json->torch  random values written as JSON, loaded into torch with
               load_unroll_weights() (the snippet the README shows)
  torch->json  torch's own initialisation, exported from its state_dict
               with save_unroll_weights()
and unroll's exporter is checked too: `unroll grad --write-weights` must give
back bit-identical float32 tensors when torch loads the file.

Each case runs in float32 (PyTorch's default; tolerance 1e-4) and in float64
(`unroll grad --double`; tolerance 1e-9, which float rounding cannot explain
away, so any formula difference shows up there).

Run with /usr/bin/python3 (Debian's python3-torch). Exit status 1 on any
mismatch, 2 on setup errors.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import torch
from torch import nn

CELLS = {"rnn_tanh": nn.RNN, "rnn_relu": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}
TOLERANCE = {torch.float32: 1e-4, torch.float64: 1e-9}


# ---- the weights format (these two functions are what the README shows) ----

def load_unroll_weights(path, dtype=torch.float32):
    """An Unroll weights file -> (rnn, head) torch modules."""
    with open(path) as f:
        w = json.load(f)
    kind = CELLS[w["arch"]]
    extra = {"nonlinearity": w["arch"][4:]} if kind is nn.RNN else {}
    rnn = kind(w["input_size"], w["hidden_size"], w["num_layers"], **extra).to(dtype)
    head = nn.Linear(w["hidden_size"], w["output_size"]).to(dtype)
    state = {k: torch.tensor(p["data"], dtype=torch.float64).reshape(p["shape"])
             for k, p in w["params"].items()}
    rnn.load_state_dict({k[4:]: v for k, v in state.items() if k.startswith("rnn.")})
    head.load_state_dict({k[5:]: v for k, v in state.items() if k.startswith("head.")})
    return rnn, head


def save_unroll_weights(rnn, head, arch, path):
    """torch modules -> an Unroll weights file (state_dict names, row-major)."""
    params = {}
    for prefix, module in (("rnn.", rnn), ("head.", head)):
        for k, v in module.state_dict().items():
            params[prefix + k] = {"shape": list(v.shape), "data": v.flatten().tolist()}
    doc = {"arch": arch, "input_size": rnn.input_size, "hidden_size": rnn.hidden_size,
           "num_layers": rnn.num_layers, "output_size": head.out_features, "params": params}
    with open(path, "w") as f:
        json.dump(doc, f)


# ---- one case ---------------------------------------------------------------

def torch_loss_and_grads(rnn, head, batch, dtype):
    """Mean loss over every step and the gradient of every parameter."""
    x = torch.tensor(batch["x"], dtype=dtype)          # T x B x I
    out, _ = rnn(x)                                    # T x B x H
    y = head(out)                                      # T x B x O
    if batch["loss"] == "mse":
        loss = nn.MSELoss()(y, torch.tensor(batch["y"], dtype=dtype))
    else:
        logits = y.reshape(-1, y.shape[-1])            # T*B x O
        loss = nn.CrossEntropyLoss()(logits, torch.tensor(batch["targets"]).reshape(-1))
    rnn.zero_grad()
    head.zero_grad()
    loss.backward()
    grads = {"rnn." + k: p.grad for k, p in rnn.named_parameters()}
    grads.update({"head." + k: p.grad for k, p in head.named_parameters()})
    return float(loss), grads


def random_weights_json(gen, arch, I, H, L, O, path):
    """Random values written straight into the JSON format (json->torch)."""
    gates = {"lstm": 4, "gru": 3}.get(arch, 1)
    params = {}

    def add(name, shape, scale):
        data = (torch.randn(shape, generator=gen, dtype=torch.float64) * scale)
        params[name] = {"shape": list(shape), "data": data.flatten().tolist()}

    for l in range(L):
        add(f"rnn.weight_ih_l{l}", (gates * H, I if l == 0 else H), 0.5)
        add(f"rnn.weight_hh_l{l}", (gates * H, H), 0.6 / H ** 0.5)
        add(f"rnn.bias_ih_l{l}", (gates * H,), 0.2)
        add(f"rnn.bias_hh_l{l}", (gates * H,), 0.2)
    add("head.weight", (O, H), 0.5)
    add("head.bias", (O,), 0.2)
    doc = {"arch": arch, "input_size": I, "hidden_size": H, "num_layers": L,
           "output_size": O, "params": params}
    with open(path, "w") as f:
        json.dump(doc, f)


def random_batch(gen, loss, T, B, I, O):
    x = torch.randn(T, B, I, generator=gen, dtype=torch.float64)
    batch = {"loss": loss, "x": x.tolist()}
    if loss == "mse":
        batch["y"] = torch.randn(T, B, O, generator=gen, dtype=torch.float64).tolist()
    else:
        batch["targets"] = torch.randint(0, O, (T, B), generator=gen).tolist()
    return batch


def run_unroll(exe, weights, batch, dtype, write_weights=None):
    cmd = [exe, "grad", "--weights", weights, "--batch", batch]
    if dtype == torch.float64:
        cmd.append("--double")
    if write_weights:
        cmd += ["--write-weights", write_weights]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {r.returncode}: {r.stderr.strip()}")
    return json.loads(r.stdout)


def rel_err(a, b):
    return float((a - b).abs().max() / max(float(b.abs().max()), 1e-8))


def compare(result, loss, grads, dtype):
    """Rows (tensor, max|torch|, rel err) and whether all are within tolerance."""
    rows = [("loss", abs(loss), abs(result["loss"] - loss) / max(abs(loss), 1e-8))]
    if set(result["grads"]) != set(grads):
        raise RuntimeError(f"names differ: unroll {sorted(result['grads'])} torch {sorted(grads)}")
    for name, g in grads.items():
        u = result["grads"][name]
        if list(u["shape"]) != list(g.shape):
            raise RuntimeError(f"{name}: unroll shape {u['shape']} torch {list(g.shape)}")
        a = torch.tensor(u["data"], dtype=torch.float64).reshape(g.shape)
        rows.append((name, float(g.abs().max()), rel_err(a, g.double())))
    ok = all(r[2] <= TOLERANCE[dtype] for r in rows)
    return rows, ok


def negative_control(exe, tmp, gen):
    """The comparison must have teeth: one weight off by 1e-3 must show."""
    I, H, O, T, B = 3, 8, 2, 6, 2
    wpath, bpath, badpath = (os.path.join(tmp, n) for n in ("Wc.json", "Bc.json", "Wc_bad.json"))
    random_weights_json(gen, "gru", I, H, 1, O, wpath)
    batch = random_batch(gen, "mse", T, B, I, O)
    with open(bpath, "w") as f:
        json.dump(batch, f)
    with open(wpath) as f:
        doc = json.load(f)
    doc["params"]["rnn.weight_hh_l0"]["data"][0] += 1e-3
    with open(badpath, "w") as f:
        json.dump(doc, f)
    rnn, head = load_unroll_weights(wpath, torch.float64)
    loss, grads = torch_loss_and_grads(rnn, head, batch, torch.float64)
    rows, ok = compare(run_unroll(exe, badpath, bpath, torch.float64), loss, grads, torch.float64)
    worst = max(rows, key=lambda r: r[2])
    print(f"{'control: gru weight_hh_l0[0] +1e-3':<32} {'(unroll)':<12} {'float64':<8} {rows[0][2]:9.2e} "
          f"{worst[0]:<18} {worst[2]:9.2e}  {'detected' if not ok else 'NOT DETECTED'}")
    return not ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--unroll", default=os.path.join(os.path.dirname(__file__), "..", "..",
                                                     "build", "native", "unroll"))
    ap.add_argument("--verbose", action="store_true", help="print every tensor, not the worst")
    args = ap.parse_args()
    if not os.access(args.unroll, os.X_OK):
        print(f"torch_parity: no unroll binary at {args.unroll} (build it or pass --unroll)")
        return 2

    torch.manual_seed(0)  # torch's own initialisation in the torch->json cases
    gen = torch.Generator().manual_seed(1234)
    sizes = (5, 16, 4, 12, 3)  # I, H, O, T, B
    cases = [(arch, L, loss, sizes) for arch, L in (("rnn_tanh", 2), ("lstm", 2), ("gru", 2), ("rnn_relu", 1))
             for loss in ("mse", "xent")]
    # Edges: 3 layers, one step, one sequence, one input/output; H = 10
    # makes shapes like [30, 10] that must stay integers in the JSON.
    cases += [("gru", 3, "xent", (2, 10, 2, 1, 1)), ("lstm", 1, "mse", (1, 10, 1, 20, 1))]
    failures = 0
    print(f"sizes (I, H, O, T, B) = {sizes} unless given; rel = max|unroll-torch| / max(max|torch|, 1e-8)")
    header = f"{'case':<32} {'weights':<12} {'dtype':<8} {'loss rel':>9} {'worst tensor':<18} {'rel':>9}  result"
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as tmp:
        for arch, L, loss_kind, (I, H, O, T, B) in cases:
            case = f"{arch} L{L} {loss_kind}" + ("" if (I, H, O, T, B) == sizes else f" {(I, H, O, T, B)}")
            bpath = os.path.join(tmp, "B.json")
            batch = random_batch(gen, loss_kind, T, B, I, O)
            with open(bpath, "w") as f:
                json.dump(batch, f)
            for direction in ("json->torch", "torch->json"):
                wpath = os.path.join(tmp, "W.json")
                if direction == "json->torch":
                    random_weights_json(gen, arch, I, H, L, O, wpath)
                else:
                    kind = CELLS[arch]
                    extra = {"nonlinearity": arch[4:]} if kind is nn.RNN else {}
                    save_unroll_weights(kind(I, H, L, **extra), nn.Linear(H, O), arch, wpath)
                for dtype in (torch.float32, torch.float64):
                    rnn, head = load_unroll_weights(wpath, dtype)
                    loss, grads = torch_loss_and_grads(rnn, head, batch, dtype)
                    back = os.path.join(tmp, "W_back.json")
                    result = run_unroll(args.unroll, wpath, bpath, dtype, write_weights=back)
                    rows, ok = compare(result, loss, grads, dtype)
                    if dtype == torch.float32:
                        # unroll's exporter: torch must read back the same float32 values.
                        rnn2, head2 = load_unroll_weights(back, torch.float32)
                        for a, b in zip(list(rnn.parameters()) + list(head.parameters()),
                                        list(rnn2.parameters()) + list(head2.parameters())):
                            if not torch.equal(a, b):
                                ok = False
                                rows.append(("exported weights differ", 0.0, float("inf")))
                    dname = "float32" if dtype == torch.float32 else "float64"
                    worst = max(rows[1:], key=lambda r: r[2])
                    print(f"{case:<32} {direction:<12} {dname:<8} {rows[0][2]:9.2e} "
                          f"{worst[0]:<18} {worst[2]:9.2e}  {'ok' if ok else 'MISMATCH'}")
                    if args.verbose or not ok:
                        for name, mx, err in rows:
                            flag = "" if err <= TOLERANCE[dtype] else "   <-- over " + str(TOLERANCE[dtype])
                            print(f"    {name:<24} max|torch| {mx:10.3e}  rel {err:9.2e}{flag}")
                    failures += 0 if ok else 1
        control_ok = negative_control(args.unroll, tmp, gen)
    print("-" * len(header))
    total = len(cases) * 4
    print(f"{total - failures}/{total} comparisons within tolerance "
          f"(float32 {TOLERANCE[torch.float32]:g}, float64 {TOLERANCE[torch.float64]:g}); "
          f"exporter round trip checked in every float32 row; "
          f"control {'detected' if control_ok else 'NOT detected'}")
    return 1 if failures or not control_ok else 0


if __name__ == "__main__":
    sys.exit(main())
