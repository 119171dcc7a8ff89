#!/usr/bin/env python3
"""task=series on real public data (ctest `series_sunspots`, label learning):
the yearly sunspot numbers 1700-2008 that Debian's python3-statsmodels ships
(scripts/series_data.sh fetches and unpacks it; the data is not committed).

- In-sample: `unroll train --data sunspots.csv` trains an LSTM whose loss
  ends well below the summary's chance_loss, persistence (predict the last
  value).
- Held out: trained on 1700-1949 only, the saved weights predict 1950-2008
  (normalised with the training part's norm= from the summary) through
  `unroll grad`, against persistence on the same windows.
- co2.csv of the same package has missing values: the message names the
  row and the column.

    python3 tests/learning/series_sunspots_test.py --unroll build/native/unroll [-v]
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import unittest
import urllib.parse

UNROLL = None
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CONFIG = "v=1&arch=lstm&task=series&columns=SUNACTIVITY&T=20&hidden=32&lr=0.01&seed=1"
STEPS = 1500
SPLIT = 250  # rows 1700-1949 train, 1950-2008 are held out


def sunspots_path():
    out = subprocess.run([os.path.join(ROOT, "scripts", "series_data.sh")], capture_output=True, text=True,
                         check=True)
    return out.stdout.strip()


def train(data, *extra):
    p = subprocess.run([UNROLL, "train", "--config", CONFIG, "--data", data, "--steps", str(STEPS), "--quiet",
                        *extra], capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        raise AssertionError(p.stderr)
    return json.loads(p.stdout)


class Sunspots(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.path = sunspots_path()
        with open(cls.path) as f:
            rows = list(csv.reader(f))
        cls.header, cls.rows = rows[0], rows[1:]
        cls.tmp = tempfile.TemporaryDirectory(prefix="unroll-series-")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_the_file_is_what_the_test_expects(self):
        self.assertEqual(self.header, ["YEAR", "SUNACTIVITY"])
        self.assertEqual(len(self.rows), 309)
        self.assertEqual(self.rows[0][0], "1700")

    def test_lstm_beats_persistence_in_sample(self):
        s = train(self.path)
        print(f"\nin-sample: LSTM loss_last100 {s['loss_last100']:.4f}, persistence (chance_loss) "
              f"{s['chance_loss']:.4f}, ratio {s['loss_last100'] / s['chance_loss']:.3f}", file=sys.stderr)
        self.assertFalse(s["diverged"])
        self.assertGreater(s["chance_loss"], 0.3)  # measured 0.3625
        self.assertLess(s["loss_last100"], 0.5 * s["chance_loss"])  # measured ratio ~0.1

    def test_lstm_beats_persistence_on_held_out_years(self):
        part = os.path.join(self.tmp.name, "train.csv")
        with open(part, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(self.header)
            w.writerows(self.rows[:SPLIT])
        weights = os.path.join(self.tmp.name, "w.json")
        s = train(part, "--save-weights", weights)
        norm = dict(urllib.parse.parse_qsl(s["config"]))["norm"]
        mean, std = map(float, norm.split(":"))
        # Every window of T+1 held-out rows, normalised as in training.
        T = 20
        z = [(float(r[1]) - mean) / std for r in self.rows[SPLIT:]]
        starts = range(len(z) - T)
        batch = {"loss": "mse",
                 "x": [[[z[b + t]] for b in starts] for t in range(T)],      # T x B x 1
                 "y": [[[z[b + t + 1]] for b in starts] for t in range(T)]}  # T x B x 1
        path = os.path.join(self.tmp.name, "held_out.json")
        with open(path, "w") as f:
            json.dump(batch, f)
        g = subprocess.run([UNROLL, "grad", "--weights", weights, "--batch", path], capture_output=True, text=True,
                           timeout=120)
        self.assertEqual(g.returncode, 0, g.stderr)
        lstm = json.loads(g.stdout)["loss"]
        persistence = sum((z[b + t + 1] - z[b + t]) ** 2 for b in starts for t in range(T)) / (len(starts) * T)
        print(f"\nheld out 1950-2008: LSTM MSE {lstm:.4f}, persistence {persistence:.4f}, "
              f"ratio {lstm / persistence:.3f}", file=sys.stderr)
        self.assertLess(lstm, 0.6 * persistence)  # measured ratio 0.42-0.47 over seeds 1-4

    def test_missing_values_in_real_data_name_the_row_and_column(self):
        co2 = os.path.join(os.path.dirname(os.path.dirname(self.path)), "co2", "co2.csv")
        p = subprocess.run([UNROLL, "train", "--config", "v=1&task=series&T=20", "--data", co2, "--steps", "1"],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("row 8, column 2 (co2): the cell is empty", p.stderr)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--unroll", required=True)
    args, rest = ap.parse_known_args()
    UNROLL = os.path.abspath(args.unroll)
    unittest.main(argv=[sys.argv[0], *rest])
