// What an engine tells the page about its run (EngineUpdate, everything new
// since the last update) and what the page keeps of it (RunReport). The
// page's panels, the JS API and the lessons read these, never an
// Experiment: the experiment may live in a Web Worker.
#pragma once
#include <string>
#include <vector>

#include "core/models/cost.h"
#include "core/train/experiment.h"
#include "core/train/history.h"
#include "core/train/length_eval.h"

namespace unroll::engine {

// The answer to one job command (protocol.h), matched by id.
struct JobResult {
  enum class Kind : uint8_t { Evaluate = 1, Time, Generate, Weights, LoadWeights, WeightsLink, LoadWeightsLink };
  Kind kind = Kind::Evaluate;
  int id = 0;
  EvalResult eval;    // Evaluate
  StepTime time;      // Time
  // Generate: the written text; Weights: the weights file (JSON);
  // WeightsLink: a link's bytes (io/weights_link.h); LoadWeightsLink: the
  // link's bits per weight ("16" or "8").
  std::string text;
  long at_step = 0;   // the step the model was at
  std::string error;  // non-empty: the job failed, and why
};

struct EngineUpdate {
  // The build this update belongs to (the page drops updates of an older one).
  int build_id = 0;
  // Commands the engine had applied when it wrote this update (all builds):
  // the page knows an earlier command (a pause) has taken effect.
  long commands_seen = 0;
  // Set by the update that follows a build.
  bool has_build = false;
  bool built = false;
  std::string build_error;
  Index param_count = 0;
  CostEstimate cost;

  // The steps the run's history kept since the last update (History::add),
  // dh_norm holding only the top layer where its column was kept.
  std::vector<StepStats> rows;
  bool has_last = false;
  StepStats last;  // the newest step, complete
  long step = 0;
  bool running = false;
  long pending_steps = 0;
  std::string diverged_reason;
  // Time spent inside training steps since the last update (the engine's
  // own rate; the page measures wall-clock speed itself).
  double busy_seconds = 0;
  long busy_steps = 0;
  double flops_per_step = 0;

  bool has_probe = false;
  ProbeSnapshot probe;
  long probe_step = -1;

  // The lesson check the page asked for (its id), evaluated after every step.
  int check_id = 0;
  bool check_held = false;
  long check_step = -1;        // the step it first held at
  std::string check_report;    // "dh_first = 3.1e-07 (< 1e-06)"

  std::vector<JobResult> results;
  // Live edits, each with the step it applied after (between two steps).
  struct Edit {
    long step = 0;
    std::string config;
  };
  std::vector<Edit> edits;
  double heap_bytes = 0;  // the engine's memory (a worker's wasm heap)

  bool empty() const;
};

// What the page keeps of a run.
struct RunReport {
  bool built = false;
  std::string error;  // why it could not be built
  Index param_count = 0;
  CostEstimate cost;
  long step = 0;
  StepStats last;
  bool running = false;
  long pending_steps = 0;
  std::string diverged_reason;
  bool diverged() const { return !diverged_reason.empty(); }
  double busy_steps_per_second = 0;  // inside steps
  ProbeSnapshot probe;
  long probe_step = -1;
  int check_id = 0;
  bool check_held = false;
  long check_step = -1;
  std::string check_report;
  std::vector<EngineUpdate::Edit> edits;  // the live edits of this build, in order
  double heap_bytes = 0;
};

// Folds an update into the page's report and history (rows in order).
void apply(const EngineUpdate& u, RunReport* report, History* history);

}  // namespace unroll::engine
