// Measurements the "Beyond the bottleneck" panel plots, run by the Session
// in bounded slices from its tick (Session::measurements()), so the page
// stays responsive and no drawing code runs them:
//  - accuracy vs length: greedy-decoding accuracy of every run (main +
//    compared) at input lengths 1 .. max(2T, eval_T) (evaluate_by_length);
//  - sequential vs parallel: wall time of one training step against the
//    sequence length, a recurrent model vs a Transformer on the same task
//    (step_time_by_length).
#pragma once
#include <cmath>
#include <string>
#include <vector>

#include "core/config/config.h"
#include "core/io/json.h"
#include "core/tensor/tensor.h"

namespace unroll {
class Experiment;
}

namespace unroll::app {

class Session;

// One measured curve: y against x, for one run / model.
struct Curve {
  std::string label;
  int run = 0;                   // colour index (0 = main run)
  std::vector<double> x, y, y2;  // y2: the second metric (token accuracy), if any
  std::string error;             // first error met (points with errors are skipped)
};

struct LengthJob {
  bool running = false;
  int sequences = 100;            // greedy-decoded sequences per length
  std::vector<Index> lengths;
  std::vector<const Experiment*> exps;  // the runs measured, to notice a rebuild
  // Items: (run, length, slice of kSlice sequences), slices of one point in
  // a row; a point is plotted when its last slice is measured.
  static constexpr Index kSlice = 10;
  size_t next = 0;                // next item
  double tok = 0, seq = 0;        // sums over the current point's slices
  std::vector<Curve> curves;
  double chance = NAN;            // blind-guess sequence accuracy at the trained length
  double trained_T = NAN;
  std::string note;               // e.g. "stopped: the runs were rebuilt"
  bool token_metric = false;      // plot per-digit instead of whole-sequence accuracy
  size_t slices() const { return size_t((sequences + kSlice - 1) / kSlice); }
  size_t total() const { return curves.size() * lengths.size() * slices(); }
};

struct TimeJob {
  bool running = false;
  std::vector<Index> lengths;
  std::vector<Config> configs;  // recurrent, transformer
  size_t next = 0;
  std::vector<Curve> curves;
  int steps = 3;                // timed steps per point (after one warm-up step)
  std::string note;
  // One untimed warm-up per model (wasm code is compiled to its fast tier
  // on first use), then (length, model) points with the models interleaved,
  // so a slow moment of the machine hits both.
  size_t total() const { return configs.size() * (lengths.size() + 1); }
};

class Measurements {
 public:
  void start_length(const Session& s);
  void start_time(const Session& s);
  void stop() { length_.running = time_.running = false; }
  // Measures items until budget_ms is spent (at least one item of each
  // running job).
  void advance(const Session& s, double budget_ms);

  LengthJob& length() { return length_; }
  TimeJob& time() { return time_; }
  const LengthJob& length() const { return length_; }
  const TimeJob& time() const { return time_; }

  // {"running", "done", "total", "curves": [{"label", "x", "y", "error"}]}
  // of job 0 (accuracy vs length) or 1 (sequential vs parallel).
  void write_result(json::Writer& w, int which) const;

 private:
  void advance_length(const Session& s, double budget_ms);
  void advance_time();

  LengthJob length_;
  TimeJob time_;
};

// A short name for a run's model, e.g. "seq2seq GRU + bahdanau attention",
// in the current language.
std::string model_label(const Config& c);

}  // namespace unroll::app
