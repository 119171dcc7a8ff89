"""PyTorch runner of the Unroll benchmark: the same training step as
`unroll bench` (torch.nn.RNN/LSTM/GRU + Linear head at every step, MSE,
full BPTT, SGD lr 0.01), timed the same way (runs of about --seconds).

Works as a worker: reads one JSON config per line on stdin, writes one JSON
result per line on stdout (bench/run.mjs keeps one process for the session).
Run with Debian's /usr/bin/python3 and OpenBLAS on 1 thread (see run.sh).
"""
import json
import statistics
import sys
import time

import torch

CELLS = {"rnn_tanh": lambda i, h: torch.nn.RNN(i, h, nonlinearity="tanh"),
         "rnn_relu": lambda i, h: torch.nn.RNN(i, h, nonlinearity="relu"),
         "lstm": torch.nn.LSTM,
         "gru": torch.nn.GRU}


def bench(cfg, runs, seconds):
    torch.manual_seed(12345)
    # shapes: x T x B x I (time-major, like Unroll), y T x B x O
    rnn = CELLS[cfg["cell"]](cfg["input"], cfg["hidden"])
    head = torch.nn.Linear(cfg["hidden"], cfg["output"])
    params = list(rnn.parameters()) + list(head.parameters())
    opt = torch.optim.SGD(params, lr=0.01)
    x = torch.randn(cfg["seq"], cfg["batch"], cfg["input"])
    y = 0.5 * torch.randn(cfg["seq"], cfg["batch"], cfg["output"])
    loss_fn = torch.nn.MSELoss()

    def step():
        opt.zero_grad()
        out, _ = rnn(x)
        loss = loss_fn(head(out), y)
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
