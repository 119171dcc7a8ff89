#!/usr/bin/env python3
"""The `unroll` command line end to end (ctest `cli`): option spelling and
messages shared by every command, --version, exit codes as each --help
states them, bounded reads, and writes that never lose the previous file.
Each test names the finding of issue 11 it guards.

    python3 tests/cli/cli_test.py --unroll build/native/unroll [-v]
"""
import argparse
import json
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
import unittest

UNROLL = None
TINY = "v=1&arch=lstm&task=adding&T=5&hidden=4&batch=2"  # trains in milliseconds


def run(*args, stdout=subprocess.PIPE, limit_file_bytes=None, ignore_xfsz=False, timeout=60, cwd=None):
    """Runs unroll; returns (exit code or -signal, stdout, stderr). An
    unbounded reader shows up as the timeout (no memory limit here: the
    sanitizer build reserves terabytes of address space)."""
    def limits():
        if ignore_xfsz:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        if limit_file_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_bytes, limit_file_bytes))
    p = subprocess.run([UNROLL, *map(str, args)], stdout=stdout, stderr=subprocess.PIPE,
                       preexec_fn=limits, timeout=timeout, cwd=cwd)
    out = p.stdout.decode() if isinstance(p.stdout, bytes) else ""
    return p.returncode, out, p.stderr.decode()


class Folder(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="unroll-cli-")
        self.dir = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def put(self, name, text):
        with open(self.path(name), "w") as f:
            f.write(text)
        return self.path(name)

    def get(self, name):
        with open(self.path(name)) as f:
            return f.read()

    def weights_and_batch(self):
        """A weights file written by `unroll train --save-weights` and a
        matching batch file (adding: I = 2, O = 1)."""
        w = self.path("w.json")
        rc, _, err = run("train", "--config", TINY, "--steps", 2, "--quiet", "--save-weights", w)
        self.assertEqual(rc, 0, err)
        T, B = 3, 2
        batch = {"loss": "mse", "x": [[[0.5, 1.0]] * B] * T, "y": [[[0.25]] * B] * T}
        return w, self.put("b.json", json.dumps(batch))


class SeriesData(Folder):
    """task=series and --data: each belongs to the other, a bad file is
    exit 1 naming the row and the column, and the summary's config carries
    the normalisation it used."""

    def test_data_and_task_series_need_each_other(self):
        csv = self.put("s.csv", "v\n" + "".join(f"{i % 7}\n" for i in range(40)))
        rc, _, err = run("train", "--config", "task=adding", "--data", csv, "--steps", 1)
        self.assertEqual(rc, 2, err)
        self.assertIn("--data is read only with task=series, and this config has task=adding", err)
        rc, _, err = run("train", "--config", "task=series", "--steps", 1)
        self.assertEqual(rc, 2, err)
        self.assertIn("task=series trains on your numbers: give a CSV with --data FILE", err)

    def test_bad_files_are_exit_1_naming_row_and_column(self):
        cases = (("ragged.csv", "a,b\n1,2\n3\n4,5\n", "row 3 has 1 field(s) but row 1 has 2"),
                 ("text.csv", "a,b\n1,2\n3,x\n4,5\n", "row 3, column 2 (b): 'x' is text in a numeric column"),
                 ("nan.csv", "a,b\n1,2\n3,NaN\n4,5\n", "row 3, column 2 (b): 'NaN' is not a finite number"),
                 ("short.csv", "a\n1\n2\n3\n", "the CSV has 3 data rows; T=5 needs at least T+1 = 6"))
        for name, text, message in cases:
            rc, _, err = run("train", "--config", "task=series&T=5", "--data", self.put(name, text), "--steps", 1)
            self.assertEqual(rc, 1, (name, err))
            self.assertIn(f"--data: '{self.path(name)}': {message}", err)
        big = self.put("big.csv", "1\n" * (1048576 + 1))
        rc, _, err = run("train", "--config", "task=series&T=5", "--data", big, "--steps", 1)
        self.assertEqual(rc, 1, err)
        self.assertIn("is 2097154 bytes, more than the CSV limit of 2 MiB", err)

    def test_summary_config_carries_the_normalisation_and_reproduces_the_run(self):
        csv = self.put("s.csv", "t,v\n" + "".join(f"{i},{(i * 7) % 11}\n" for i in range(60)))
        config = "v=1&task=series&T=8&hidden=8&columns=v"
        rc, out, err = run("train", "--config", config, "--data", csv, "--steps", 5, "--quiet")
        self.assertEqual(rc, 0, err)
        first = json.loads(out)
        self.assertRegex(first["config"], r"&norm=[0-9.]+:[0-9.]+$")
        self.assertGreater(first["chance_loss"], 0)
        self.assertIn("mse", first)
        rc, out, err = run("train", "--config", first["config"], "--data", csv, "--steps", 5, "--quiet")
        self.assertEqual(rc, 0, err)
        again = json.loads(out)
        self.assertEqual(again["config"], first["config"])
        self.assertEqual(again["final_loss"], first["final_loss"])


class Version(unittest.TestCase):
    def test_version_names_revision_build_and_compiler(self):
        rc, out, err = run("--version")
        self.assertEqual(rc, 0, err)
        lines = out.splitlines()
        self.assertRegex(lines[0], r"^unroll \d+\.\d+\.\d+$")
        self.assertRegex(out, r"\nrevision: ([0-9a-f]{7,}|unknown.*)\n")
        self.assertRegex(out, r"\nbuild type: \w+\n")
        self.assertRegex(out, r"\ncompiler: (GCC|clang|Emscripten) \d")


class OneParser(Folder):
    """Finding 'CLI conventions': --opt=value and --opt value everywhere, the
    same message for the same mistake in every command."""

    def test_train_takes_both_spellings(self):
        a = run("train", "--config", TINY, "--steps", 3, "--quiet", "--eval-n", 4)
        b = run("train", f"--config={TINY}", "--steps=3", "--quiet", "--eval-n=4")
        self.assertEqual(a[0], 0, a[2])
        self.assertEqual(b[0], 0, b[2])
        strip = lambda s: {k: v for k, v in json.loads(s).items() if k not in ("seconds", "steps_per_second")}
        self.assertEqual(strip(a[1]), strip(b[1]))

    def test_grad_takes_both_spellings(self):
        w, b = self.weights_and_batch()
        one = run("grad", "--weights", w, "--batch", b)
        two = run("grad", f"--weights={w}", f"--batch={b}")
        self.assertEqual(one[0], 0, one[2])
        self.assertEqual(one, two)

    def test_bench_takes_both_spellings(self):
        args = [("--cell", "rnn_tanh"), ("--hidden", 4), ("--seq", 2), ("--batch", 1), ("--runs", 1),
                ("--seconds", 0.01)]
        for spelled in ([x for kv in args for x in kv], [f"{k}={v}" for k, v in args]):
            rc, out, err = run("bench", *spelled)
            self.assertEqual(rc, 0, err)
            self.assertEqual(json.loads(out)["hidden"], 4)

    def test_same_messages_in_every_command(self):
        for cmd, number in (("train", "--steps"), ("bench", "--runs")):
            rc, _, err = run(cmd, number)
            self.assertEqual(rc, 2)
            self.assertRegex(err, rf"^unroll {cmd}: {number} needs a value: a whole number from [01] to \d+\n$")
            rc, _, err = run(cmd, f"{number}=1x")
            self.assertEqual(rc, 2)
            self.assertRegex(err, rf"^unroll {cmd}: {number} must be a whole number from [01] to \d+ \(got '1x'\)\n$")
        for cmd in ("train", "grad", "bench"):
            rc, _, err = run(cmd, "--no-such-option", "1")
            self.assertEqual(rc, 2)
            self.assertRegex(err, rf"^unroll {cmd}: unknown option '--no-such-option'; allowed: --.*--help "
                                  rf"\(see 'unroll {cmd} --help'\)\n$")
            rc, _, err = run(cmd, "stray")
            self.assertEqual(rc, 2)
            self.assertIn(f"unroll {cmd}: unexpected argument 'stray'", err)
        rc, _, err = run("grad", "--weights")
        self.assertEqual((rc, err), (2, "unroll grad: --weights needs a value: a file path\n"))

    def test_help_states_the_exit_codes_and_exits_0(self):
        for cmd in ("train", "grad", "bench"):
            rc, out, _ = run(cmd, "--help")
            self.assertEqual(rc, 0)
            self.assertRegex(out, re.compile(r"\nExit (status: )?0 .*1 .*2 ", re.S))
            self.assertIn("--name value or --name=value", out)


class BoundedReads(Folder):
    """Finding 3: readers refuse too much input before reading all of it."""

    def test_text_from_dev_zero_is_refused_quickly(self):
        t0 = time.monotonic()
        rc, _, err = run("train", "--config", "task=text&corpus=user", "--text", "/dev/zero", timeout=20)
        self.assertLess(time.monotonic() - t0, 5)
        self.assertEqual(rc, 1, err)
        self.assertIn("'/dev/zero' holds more than the corpus limit of 1 MiB (1048576 bytes)", err)

    def test_text_file_errors_are_exit_1_as_the_help_says(self):
        big = self.put("big.txt", "a" * (1048576 + 1))
        bad = self.path("bad.txt")
        with open(bad, "wb") as f:
            f.write(b"abc\xff" * 100)
        for path, message in ((self.path("missing.txt"), "cannot open"),
                              (big, "is 1048577 bytes, more than the corpus limit of 1 MiB"),
                              (bad, "not valid UTF-8")):
            rc, _, err = run("train", "--config", "task=text&corpus=user&T=5", "--text", path)
            self.assertEqual(rc, 1, err)
            self.assertIn(message, err)

    def test_text_with_another_corpus_is_an_error_naming_the_keys(self):
        text = self.put("t.txt", "hello world, hello world")
        for config in ("task=text&corpus=tiny", "task=adding"):
            rc, _, err = run("train", "--config", config, "--text", text, "--steps", 1)
            self.assertEqual(rc, 2, err)
            self.assertIn("--text is read only with task=text&corpus=user", err)
            self.assertRegex(err, r"task=\w+, corpus=\w+")
        rc, _, err = run("train", "--config", "task=text&corpus=user&T=5", "--text", text, "--steps", 2,
                         "--quiet")
        self.assertEqual(rc, 0, err)

    def test_series_data_is_bounded_before_reading(self):
        t0 = time.monotonic()
        rc, _, err = run("train", "--config", "task=series", "--data", "/dev/zero", timeout=20)
        self.assertLess(time.monotonic() - t0, 5)
        self.assertEqual(rc, 1, err)
        self.assertIn("'/dev/zero' holds more than the CSV limit of 2 MiB (2097152 bytes)", err)

    def test_grad_files_are_bounded_before_reading(self):
        w, b = self.weights_and_batch()
        huge = self.path("huge.json")
        with open(huge, "wb") as f:
            f.truncate(200 << 20)  # sparse: no disk used, 200 MiB by its size
        for args in (("--weights", "/dev/zero", "--batch", b), ("--weights", w, "--batch", "/dev/zero"),
                     ("--weights", huge, "--batch", b), ("--weights", w, "--batch", huge)):
            t0 = time.monotonic()
            rc, _, err = run("grad", *args, timeout=30)
            self.assertLess(time.monotonic() - t0, 5, args)
            self.assertEqual(rc, 1, err)
            self.assertIn("the input file limit of 128 MiB (134217728 bytes)", err)


class SafeWrites(Folder):
    """Finding 4: a failed write keeps the previous file; lost output is exit 1."""

    def save(self, target, **kw):
        return run("train", "--config", TINY.replace("hidden=4", "hidden=64"), "--steps", 2, "--quiet",
                   "--save-weights", target, **kw)

    def test_failed_save_keeps_the_previous_weights(self):
        old = self.put("w.json", '{"previous": "good weights"}')
        rc, _, err = self.save(old, limit_file_bytes=4096, ignore_xfsz=True)
        self.assertEqual(rc, 1, err)
        self.assertIn(f"cannot write '{old}'", err)
        self.assertIn("File too large", err)
        self.assertEqual(self.get("w.json"), '{"previous": "good weights"}')
        self.assertEqual(os.listdir(self.dir), ["w.json"])

    def test_kill_mid_write_keeps_the_previous_weights(self):
        # SIGXFSZ's default action kills the process in the middle of its
        # write, the way a power cut or kill -9 would.
        old = self.put("w.json", '{"previous": "good weights"}')
        rc, _, _ = self.save(old, limit_file_bytes=4096)
        self.assertEqual(rc, -signal.SIGXFSZ)
        self.assertEqual(self.get("w.json"), '{"previous": "good weights"}')

    def test_folder_as_target_is_refused(self):
        os.mkdir(self.path("out"))
        self.put("out/keep", "kept")
        rc, _, err = self.save(self.path("out"))
        self.assertEqual(rc, 1)
        self.assertIn("it is a folder", err)
        self.assertEqual(self.get("out/keep"), "kept")

    def test_save_replaces_a_previous_file(self):
        old = self.put("w.json", "old")
        rc, _, err = self.save(old)
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(self.get("w.json"))["hidden_size"], 64)
        self.assertEqual(os.listdir(self.dir), ["w.json"])

    def test_grad_outputs_are_safe_too(self):
        w, b = self.weights_and_batch()
        old = self.put("g.json", "previous")
        rc, _, err = run("grad", "--weights", w, "--batch", b, "--out", old, limit_file_bytes=64,
                         ignore_xfsz=True)
        self.assertEqual(rc, 1, err)
        self.assertEqual(self.get("g.json"), "previous")

    def test_jsonl_to_a_full_device_is_exit_1(self):
        rc, _, err = run("train", "--config", TINY, "--steps", 3, "--quiet", "--jsonl", "/dev/full")
        self.assertEqual(rc, 1)
        self.assertIn("cannot write '/dev/full'", err)
        self.assertIn("No space left on device", err)

    def test_full_stdout_is_exit_1_in_every_command(self):
        w, b = self.weights_and_batch()
        with open("/dev/full", "w") as full:
            for args in (("train", "--config", TINY, "--steps", 2, "--quiet"),
                         ("train", "--config", TINY, "--steps", 2, "--quiet", "--jsonl", "-"),
                         ("grad", "--weights", w, "--batch", b),
                         ("bench", "--hidden", 2, "--seq", 2, "--batch", 1, "--runs", 1, "--seconds", 0.01),
                         ("--version",), ("train", "--help")):
                rc, _, err = run(*args, stdout=full)
                self.assertEqual(rc, 1, args)
                self.assertRegex(err, r"^unroll( train)?: (--jsonl: )?cannot write (to )?stdout: .*"
                                      r"No space left on device[^\n]*\n$")


class LoadWeights(Folder):
    """Issue 14 part 3: `train --load-weights` continues every model kind
    from a file (the config from the file when --config is left out), and a
    file for another architecture is refused naming the mismatch."""

    KINDS = [TINY,
             "v=1&model=seq2seq&arch=gru&attn=luong&task=reverse&T=3&hidden=8&batch=4",
             "v=1&model=transformer&task=sort&T=3&d_model=16&heads=2&ff=16&batch=4"]

    def lines(self, name):
        return [json.loads(line) for line in self.get(name).splitlines()]

    def test_the_next_step_equals_going_on(self):
        for q in self.KINDS:
            rc, _, err = run("train", "--config", q, "--steps", 8, "--quiet", "--jsonl", self.path("all.jsonl"))
            self.assertEqual(rc, 0, err)
            rc, _, err = run("train", "--config", q, "--steps", 5, "--quiet", "--save-weights", self.path("w.json"))
            self.assertEqual(rc, 0, err)
            saved = json.loads(self.get("w.json"))
            self.assertEqual((saved["step"], saved["seed"]), (5, 1))
            rc, out, err = run("train", "--load-weights", self.path("w.json"), "--steps", 3,
                               "--jsonl", self.path("more.jsonl"))
            self.assertEqual(rc, 0, err)
            self.assertIn("continuing from", err)
            summary = json.loads(out.splitlines()[-1])
            self.assertEqual((summary["steps"], summary["config"]), (8, saved["config"]))  # the file's config
            went_on, more = self.lines("all.jsonl")[5], self.lines("more.jsonl")[0]
            # Weights and batch decide step 6; the optimizer's state (not in the file) starts afresh.
            for key in ("step", "loss", "metric", "grad_norm"):
                self.assertEqual(went_on[key], more[key], f"{q}: {key}")

    def test_another_architecture_names_the_parameter_and_both_shapes(self):
        rc, _, err = run("train", "--config", TINY, "--steps", 1, "--quiet", "--save-weights", self.path("w.json"))
        self.assertEqual(rc, 0, err)
        rc, _, err = run("train", "--config", TINY.replace("hidden=4", "hidden=8"), "--load-weights",
                         self.path("w.json"), "--steps", 1, "--quiet")
        self.assertEqual(rc, 1, err)
        self.assertIn("rnn.weight_ih_l0 is [16, 2] in the file, [32, 2] here", err)
        rc, _, err = run("train", "--config", self.KINDS[2], "--load-weights", self.path("w.json"), "--quiet")
        self.assertEqual(rc, 1, err)
        self.assertIn("another model's weights", err)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--unroll", required=True)
    args, rest = ap.parse_known_args()
    UNROLL = os.path.abspath(args.unroll)
    unittest.main(argv=[sys.argv[0], *rest])
