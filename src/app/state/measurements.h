// Measurements the "Beyond the bottleneck" panel plots, run as jobs by the
// runs' engines (a Web Worker each, or this thread), a slice at a time and
// sent from the Session's tick, so the page stays responsive and no drawing
// code runs them:
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
#include "engine/run_report.h"

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
  std::vector<int> builds;        // the runs' builds measured, to notice a rebuild
  int waiting = 0;                // the id of the slice in flight (0: none)
  size_t waiting_run = 0;
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
  int build = 0;                // the main run's build it runs in
  int waiting = 0;              // the id of the item in flight (0: none)
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
  // Sends the next item of each running measurement to an engine when the
  // one before has come back (one in flight each).
  void advance(Session& s);
  // An engine's answer (from the session's poll); true if it was ours.
  bool on_result(size_t run, const engine::JobResult& r);

  LengthJob& length() { return length_; }
  TimeJob& time() { return time_; }
  const LengthJob& length() const { return length_; }
  const TimeJob& time() const { return time_; }

  // {"running", "done", "total", "curves": [{"label", "x", "y", "error"}]}
  // of job 0 (accuracy vs length) or 1 (sequential vs parallel).
  void write_result(json::Writer& w, int which) const;

 private:
  void advance_length(Session& s);
  void advance_time(Session& s);
  bool on_length_result(size_t run, const engine::JobResult& r);
  bool on_time_result(const engine::JobResult& r);

  LengthJob length_;
  TimeJob time_;
};

// A short name for a run's model, e.g. "seq2seq GRU + bahdanau attention",
// in the current language.
std::string model_label(const Config& c);

}  // namespace unroll::app
