"""PyTorch runner of the Unroll benchmark: the same training step as
`unroll bench` (torch.nn.RNN/LSTM/GRU + Linear head at every step, MSE,
full BPTT, SGD lr 0.01), timed the same way (runs of about --seconds).
cell "transformer": Unroll's decoder-only pre-LN Transformer rebuilt from
torch.nn (TransformerEncoder, causal mask, sinusoidal positions).

Works as a worker: reads one JSON config per line on stdin, writes one JSON
result per line on stdout (bench/run.mjs keeps one process for the session).
Run with Debian's /usr/bin/python3 and OpenBLAS on 1 thread (see run.sh).
"""
import json
import statistics
import sys
import time

import math

import torch

CELLS = {"rnn_tanh": lambda i, h: torch.nn.RNN(i, h, nonlinearity="tanh"),
         "rnn_relu": lambda i, h: torch.nn.RNN(i, h, nonlinearity="relu"),
         "lstm": torch.nn.LSTM,
         "gru": torch.nn.GRU}


def sinusoidal(d, T):
    """d-wide encodings of positions 0..T-1 as Unroll's positional.cpp:
    PE(2k, t) = sin(t / 10000^(2k/d)), PE(2k+1, t) = cos(same). T x 1 x d."""
    i = torch.arange(d)
    freq = torch.pow(10000.0, -(i - i % 2).double() / d)
    ang = torch.arange(T).double()[:, None] * freq[None, :]
    pe = torch.where(i % 2 == 0, torch.sin(ang), torch.cos(ang))
    return pe.float()[:, None, :]


class DecoderOnly(torch.nn.Module):
    """Unroll's transformer.h, decoder-only: out = W_o LN_f(blocks(W_emb x + PE)) + b_o,
    blocks = pre-LN encoder layers with a causal mask (norm_first=True)."""

    def __init__(self, cfg):
        super().__init__()
        d = cfg["d_model"]
        self.embed = torch.nn.Linear(cfg["input"], d, bias=False)
        layer = torch.nn.TransformerEncoderLayer(d, cfg["heads"], dim_feedforward=cfg["ff"], dropout=0.0,
                                                 norm_first=True, batch_first=False)
        self.blocks = torch.nn.TransformerEncoder(layer, cfg["layers"], norm=torch.nn.LayerNorm(d),
                                                  enable_nested_tensor=False)
        self.head = torch.nn.Linear(d, cfg["output"])
        T = cfg["seq"]
        self.register_buffer("pe", sinusoidal(d, T))
        # -inf above the diagonal: step t attends to steps <= t only
        self.register_buffer("mask", torch.triu(torch.full((T, T), -math.inf), diagonal=1))

    def forward(self, x):
        # x T x B x I -> h T x B x d -> out T x B x O
        h = self.embed(x) + self.pe
        return self.head(self.blocks(h, mask=self.mask))


def build(cfg):
    """The model (input T x B x I -> output T x B x O) for one config."""
    if cfg["cell"] == "transformer":
        return DecoderOnly(cfg)
    rnn = CELLS[cfg["cell"]](cfg["input"], cfg["hidden"])
    head = torch.nn.Linear(cfg["hidden"], cfg["output"])

    class Recurrent(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn, self.head = rnn, head

        def forward(self, x):
            out, _ = self.rnn(x)
            return self.head(out)

    return Recurrent()


def bench(cfg, runs, seconds):
    torch.manual_seed(12345)
    # shapes: x T x B x I (time-major, like Unroll), y T x B x O
    model = build(cfg)
    model.train()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    x = torch.randn(cfg["seq"], cfg["batch"], cfg["input"])
    y = 0.5 * torch.randn(cfg["seq"], cfg["batch"], cfg["output"])
    loss_fn = torch.nn.MSELoss()

    def step():
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        return float(loss)

    first = [step() for _ in range(3)]
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < 1.0:  # warm-up, as the other runners
        step()
    rates = []
    for _ in range(runs):
        t0 = time.perf_counter()
        n = 0
        while True:
            step()
            n += 1
            el = time.perf_counter() - t0
            if el >= seconds:
                break
        rates.append(n / el)
    return {"steps_per_s": rates, "median": statistics.median(rates), "first_losses": first,
            "param_count": sum(p.numel() for p in model.parameters()),
            "torch": torch.__version__, "threads": torch.get_num_threads(),
            "blas": "openblas" if "openblas" in torch.__config__.show().lower() else "see LD_LIBRARY_PATH"}


def main():
    torch.set_num_threads(1)
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        try:
            res = bench(req["config"], req.get("runs", 5), req.get("seconds", 0.5))
        except Exception as e:  # report, keep serving
            res = {"error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(res) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
