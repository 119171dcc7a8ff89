#!/usr/bin/env python3
"""`unroll export-torch` against `unroll train`, with Debian's PyTorch 1.13.

For every model kind (Elman, LSTM, GRU stacks; encoder-decoder without
attention, with Bahdanau, with Luong; the Transformer, encoder-decoder and
decoder-only), over a spread of tasks, optimisers and clipping modes:

  exact      from Unroll's initial weights (`train --steps 0 --save-weights`)
             on Unroll's batches (`train --dump-batches`), the script's first
             20 losses equal `unroll train`'s within 1e-4 relative;
  own data   with its own data generator and initialisation (torch's random
             streams), its mean loss over the last 50 of N steps is within 15%
             of Unroll's on the same config;
  torchrun   `--nproc_per_node 2` on CPU: on the dumped batches it still
             equals Unroll (each rank a share of every batch, the gradient the
             whole batch's), and on its own data it tracks the single process.

  tests/torch/export_torch_test.py --unroll build/native/unroll [-v]
Prints the measured numbers (the lead's report reads them) to stderr.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import unittest

UNROLL = None
PY = sys.executable

# Exactness: every model kind, and between them every optimiser, every
# clipping mode, truncated BPTT per batch and per chunk, every init, 1-2 layers.
EXACT = {
    "elman": "arch=rnn_tanh&task=parity&T=12&parity_at=every&hidden=24&batch=16&optim=sgd&lr=0.1"
             "&clip=value&clip_at=0.5&init=orthogonal&rho=0.9",
    "elman_relu": "arch=rnn_relu&task=sine&T=20&hidden=16&init=identity&optim=momentum&lr=0.01&batch=8",
    "lstm": "arch=lstm&task=copy&T=5&symbols=3&alphabet=4&hidden=32&batch=16&lr=0.01&tbptt=4&layers=2",
    "lstm_reber": "arch=lstm&task=reber&T=20&hidden=16&batch=8&init=xavier&clip=off&wd=0.01",
    "gru": "arch=gru&task=text&T=16&hidden=32&batch=8&optim=rmsprop&lr=0.003&tbptt=5&tbptt_update=chunk"
           "&wd=0.001",
    "seq2seq": "model=seq2seq&arch=gru&task=reverse&T=5&hidden=32&batch=16",
    "bahdanau": "model=seq2seq&arch=lstm&attn=bahdanau&task=sort&T=5&hidden=24&batch=16&clip=value&clip_at=0.1",
    "luong": "model=seq2seq&arch=rnn_tanh&attn=luong&task=addition&T=3&hidden=24&layers=2&batch=16",
    "transformer": "model=transformer&task=reverse&T=6&d_model=32&heads=4&ff=64&layers=2&pos=learned"
                   "&batch=16&optim=momentum&lr=0.05",
    "transformer_sin": "model=transformer&task=repeat&T=6&d_model=32&heads=4&ff=64&layers=2&batch=16",
    "transformer_lm": "model=transformer&task=adding&T=16&d_model=16&heads=2&ff=32&layers=1&batch=16"
                      "&optim=rmsprop&lr=0.001",
}

# Own data: configs that learn steadily in N steps, so two seeds agree.
OWN_STEPS = 200
OWN = {
    "elman": "arch=rnn_tanh&task=sine&T=20&hidden=24&batch=16&lr=0.01&init=orthogonal",
    "lstm": "arch=lstm&task=text&T=20&hidden=32&batch=16&lr=0.01&tbptt=10",
    "gru": EXACT["gru"],
    "seq2seq": "model=seq2seq&arch=gru&task=addition&T=3&hidden=32&batch=16",
    "bahdanau": "model=seq2seq&arch=lstm&attn=bahdanau&task=addition&T=3&hidden=24&batch=16",
    "luong": EXACT["luong"],
    "transformer": "model=transformer&task=addition&T=3&d_model=16&heads=2&ff=32&layers=1&batch=16"
                   "&optim=momentum&lr=0.05",
    "transformer_lm": "model=transformer&task=text&T=16&d_model=16&heads=2&ff=32&layers=1&batch=16",
}

# Debian's torch 1.13 launcher under Python 3.11 cannot parse its own default
# --redirects 0 (IntFlag iteration skips NONE); 1 and 1 work and keep stdout.
TORCHRUN = ["-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
            "--monitor_interval", "0.2", "--redirects", "1", "--tee", "1"]


def run(*args, check=True):
    r = subprocess.run([str(a) for a in args], capture_output=True, text=True)
    if check and r.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, args))[:300]} exited {r.returncode}:\n{r.stderr[-3000:]}")
    return r


def run_torchrun(*args):
    """torchrun with a time limit: a 2-rank run was once seen to finish rank 0
    and leave rank 1 spinning at exit (an open bug of the generated script's
    shutdown under DDP). The whole process group is killed and the run tried
    once more; a second hang fails the test naming it."""
    import os
    import signal
    for attempt in (1, 2):
        p = subprocess.Popen([str(a) for a in args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, start_new_session=True)
        try:
            out, err = p.communicate(timeout=240)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
            print(f"torchrun hung (attempt {attempt}); killed", file=sys.stderr)
            continue
        if p.returncode != 0:
            raise AssertionError(f"{' '.join(map(str, args))[:300]} exited {p.returncode}:\n{err[-3000:]}")
        return subprocess.CompletedProcess(args, p.returncode, out, err)
    raise AssertionError("torchrun hung twice (240 s each): rank shutdown under DDP")


def losses(path):
    with open(path) as f:
        return [json.loads(line)["loss"] for line in f]


def report(line):
    print(line, file=sys.stderr, flush=True)


class ExportTorchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="export_torch_")
        cls.dir = cls.tmp.name

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def files(self, name, query):
        """The script, Unroll's initial weights, 20 dumped batches and Unroll's 20 losses."""
        d = os.path.join(self.dir, name)
        if os.path.isdir(d):
            return d
        os.makedirs(d)
        q = "v=1&" + query
        run(UNROLL, "export-torch", "--config", q, "--out", f"{d}/run.py")
        run(UNROLL, "train", "--config", q, "--steps", 0, "--save-weights", f"{d}/w0.json", "--quiet")
        run(UNROLL, "train", "--config", q, "--steps", 20, "--dump-batches", f"{d}/b.jsonl",
            "--jsonl", f"{d}/unroll.jsonl", "--quiet")
        return d

    def assert_retraces(self, name, unroll, torch_, tol=1e-4):
        self.assertEqual(len(torch_), 20, name)
        rel = max(abs(a - b) / abs(a) for a, b in zip(unroll, torch_))
        self.assertLess(rel, tol, f"{name}: unroll {unroll}\n torch {torch_}")
        return rel

    def test_first_20_losses_equal_unroll_on_its_weights_and_batches(self):
        for name, query in EXACT.items():
            with self.subTest(name):
                d = self.files(name, query)
                run(PY, f"{d}/run.py", "--weights", f"{d}/w0.json", "--batches", f"{d}/b.jsonl",
                    "--steps", 20, "--jsonl", f"{d}/torch.jsonl")
                rel = self.assert_retraces(name, losses(f"{d}/unroll.jsonl"), losses(f"{d}/torch.jsonl"))
                with open(f"{d}/unroll.jsonl") as u, open(f"{d}/torch.jsonl") as t:
                    for a, b in zip(map(json.loads, u), map(json.loads, t)):
                        self.assertEqual(list(a), list(b), "the same JSON line keys, in order")
                        self.assertEqual(a["clipped"], b["clipped"], f"{name} step {a['step']}")
                report(f"exact     {name:16s} max relative loss difference over 20 steps {rel:.1e}")

    def test_embedded_weights_start_where_the_file_does(self):
        d = self.files("gru", EXACT["gru"])
        run(UNROLL, "export-torch", "--config", "v=1&" + EXACT["gru"], "--weights", f"{d}/w0.json",
            "--out", f"{d}/run_w.py")
        run(PY, f"{d}/run_w.py", "--batches", f"{d}/b.jsonl", "--steps", 20, "--jsonl", f"{d}/embedded.jsonl")
        self.assert_retraces("embedded", losses(f"{d}/unroll.jsonl"), losses(f"{d}/embedded.jsonl"))

    def test_own_data_loss_within_15_percent_of_unroll(self):
        for name, query in OWN.items():
            with self.subTest(name):
                d = os.path.join(self.dir, "own_" + name)
                os.makedirs(d, exist_ok=True)
                q = "v=1&" + query
                run(UNROLL, "export-torch", "--config", q, "--out", f"{d}/run.py")
                unroll_summary = json.loads(run(UNROLL, "train", "--config", q, "--steps", OWN_STEPS, "--jsonl",
                                                f"{d}/unroll.jsonl", "--quiet").stdout)
                out = run(PY, f"{d}/run.py", "--steps", OWN_STEPS, "--jsonl", f"{d}/torch.jsonl").stdout
                summary = json.loads(out.strip().splitlines()[-1])
                # the summary's keys are unroll train's (and greedy "eval" for the pair models)
                self.assertLessEqual(set(unroll_summary), set(summary))
                for a, b in zip(unroll_summary.get("eval", []), summary.get("eval", [])):
                    self.assertEqual(set(a), set(b))
                    self.assertAlmostEqual(a["chance_token"], b["chance_token"], delta=0.03)
                u, t = losses(f"{d}/unroll.jsonl"), losses(f"{d}/torch.jsonl")
                self.assertEqual((summary["steps"], len(t)), (OWN_STEPS, OWN_STEPS))
                mu, mt = sum(u[-50:]) / 50, sum(t[-50:]) / 50
                self.assertLess(mu, 0.9 * u[0], f"{name}: Unroll must learn for the comparison to mean anything")
                self.assertLess(abs(mt - mu) / mu, 0.15, f"{name}: unroll {mu:.4f}, torch {mt:.4f}")
                report(f"own data  {name:16s} mean loss of steps {OWN_STEPS - 49}-{OWN_STEPS}: unroll {mu:.4f} "
                       f"torch {mt:.4f} ({(mt - mu) / mu:+.1%}); first loss {u[0]:.4f}")

    def test_torchrun_two_ranks_on_dumped_batches_equals_unroll(self):
        # per-chunk TBPTT: each chunk's mean is over both ranks' counted positions
        d = self.files("gru", EXACT["gru"])
        run_torchrun(PY, *TORCHRUN, "--log_dir", f"{d}/logs", f"{d}/run.py", "--weights", f"{d}/w0.json",
            "--batches", f"{d}/b.jsonl", "--steps", 20, "--jsonl", f"{d}/ddp.jsonl")
        rel = self.assert_retraces("torchrun", losses(f"{d}/unroll.jsonl"), losses(f"{d}/ddp.jsonl"))
        report(f"torchrun  gru (2 ranks, Unroll's batches) max relative loss difference {rel:.1e}")

    def test_torchrun_two_ranks_on_own_data_tracks_one_process(self):
        d = os.path.join(self.dir, "ddp_own")
        os.makedirs(d, exist_ok=True)
        run(UNROLL, "export-torch", "--config", "v=1&" + OWN["seq2seq"], "--out", f"{d}/run.py")
        run(PY, f"{d}/run.py", "--steps", OWN_STEPS, "--jsonl", f"{d}/one.jsonl")
        out = run_torchrun(PY, *TORCHRUN, "--log_dir", f"{d}/logs", f"{d}/run.py", "--steps", OWN_STEPS,
                  "--jsonl", f"{d}/two.jsonl").stdout
        self.assertIn('"ranks": 2', out)
        one, two = losses(f"{d}/one.jsonl"), losses(f"{d}/two.jsonl")
        m1, m2 = sum(one[-50:]) / 50, sum(two[-50:]) / 50
        self.assertLess(abs(m2 - m1) / m1, 0.15, f"one process {m1:.4f}, two ranks {m2:.4f}")
        report(f"torchrun  seq2seq own data, mean of the last 50 of {OWN_STEPS} steps: one process {m1:.4f}, "
               f"two ranks {m2:.4f} ({(m2 - m1) / m1:+.1%})")

    def test_refusals_name_the_problem(self):
        r = run(UNROLL, "export-torch", "--config", "v=1&task=text&corpus=user", check=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--text FILE", r.stderr)
        d = self.files("seq2seq", EXACT["seq2seq"])
        r = run(UNROLL, "export-torch", "--config", "v=1&" + EXACT["luong"], "--weights", f"{d}/w0.json", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("--weights", r.stderr)
        r = run(UNROLL, "export-torch", "--config", "v=1&model=seq2seq&task=adding", check=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn("model=seq2seq needs a sequence-to-sequence task", r.stderr)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--unroll", required=True)
    args, rest = ap.parse_known_args()
    UNROLL = os.path.abspath(args.unroll)
    unittest.main(argv=[sys.argv[0]] + rest)
