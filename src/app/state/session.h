// The playground's state, free of ImGui and of the platform: the one owner
// of the page's state. The current config, the runs (the main one plus up
// to 3 compared), play/pause, the per-frame training time budget, the
// lessons and the student's place in them, the language, the whole page
// link (one parser: parse_link; one writer: link()) and what the page's JS
// API reports. Panels read it and call its methods; nothing else owns
// training.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "app/state/lessons.h"
#include "app/state/links.h"
#include "app/state/measurements.h"
#include "app/state/step_budget.h"
#include "core/io/json.h"
#include "core/train/experiment.h"
#include "core/train/history.h"

namespace unroll::app {

struct Run {
  std::string label;  // "LSTM", "GRU", ... (cell name for compare runs)
  Config config;
  ExperimentSpec spec;  // the config, typed (what panels ask: kind, cell, ...)
  std::unique_ptr<Experiment> exp;  // null if the config could not be built
  History history;
  double steps_per_second = 0;
  double busy_seconds = 0;  // time spent in its steps (for steps/s)
  long steps_at_rate = 0;
};

class Session {
 public:
  Session();

  // ---- the experiment ---------------------------------------------------
  // Opens a link's hash: bad keys are reported in errors(), the rest applies,
  // defaults fill the gaps. Rebuilds every run; lang= sets the language;
  // lesson= opens that lesson once its file is known (and sets up its
  // step's experiment unless the link carries one). Returns true if run=1.
  bool open_link(const std::string& hash);
  // An edit from the UI or the JS API. Keys that may change while training
  // apply at once; others are kept pending until reset() (needs_reset()).
  void edit(const Config& cfg);
  // Like open_link but only for the experiment query (setConfig in the API).
  void set_config_query(const std::string& query);
  const Config& config() const { return config_; }        // as edited
  const Config& running_config() const { return main().config; }
  const ExperimentSpec& running_spec() const { return main().spec; }
  bool needs_reset() const { return config_ != main().config; }
  // The hash that reproduces this page: the experiment, compare runs and,
  // with a lesson open, lesson, step and language (what a teacher sends).
  std::string link() const;

  void set_compare(const std::vector<std::string>& cells);  // rebuilds runs
  const std::vector<std::string>& compare() const { return compare_; }
  void set_user_text(const std::string& text);  // task=text&corpus=user; rebuilds
  const std::string& user_text() const { return user_text_; }

  // ---- messages -----------------------------------------------------------
  const std::vector<ConfigError>& errors() const { return errors_; }  // from the last link
  void dismiss_errors() { errors_.clear(); }
  const std::string& setup_error() const { return setup_error_; }     // e.g. bad user text
  std::string diverged_message() const;  // "" unless the main run diverged
  // A one-off message for the user (e.g. "Loaded weights from w.json").
  void set_notice(const std::string& text) { notice_ = text; }
  const std::string& notice() const { return notice_; }
  void clear_notice() { notice_.clear(); }

  // ---- running ------------------------------------------------------------
  void play();
  void pause() {
    running_ = false;
    pending_steps_ = 0;
  }
  bool running() const { return running_; }
  void reset();             // rebuild all runs from config() (applies pending edits)
  long step(long n);        // n steps now (paused or not); returns steps done
  // n more steps from the following frames (paused or not), within each
  // frame's training budget, so a big request never blocks the page
  // (unroll.step(n) and postMessage); pause() and reset() cancel them.
  void request_steps(long n);
  long pending_steps() const { return pending_steps_; }
  // Called once per frame: opens a requested lesson whose file arrived,
  // trains while running for about budget_ms (steps_per_frame > 0: exactly
  // that many steps instead), advances a measurement by a slice of about
  // the same budget, refreshes the lesson's report.
  void tick(double budget_ms);
  int steps_per_frame = 0;  // 0 = as fast as the frame budget allows

  // ---- reading --------------------------------------------------------------
  std::vector<Run>& runs() { return runs_; }
  const std::vector<Run>& runs() const { return runs_; }
  const Run& main() const { return runs_.front(); }
  Run& main() { return runs_.front(); }
  const ProbeSnapshot& probe();  // main run's probe, refreshed at most ~10x/s
  long step_count() const;
  // Every recorded step of every run as CSV (run,label,step,loss,...).
  std::string history_csv() const;
  // The main run's {step: [...], loss: [...], metric: [...]} as JSON.
  std::string history_json() const;
  // The JS API's state: config, step, loss, metric, stepsPerSecond,
  // running, needsReset, notice, errors, lang, lesson. write_state adds
  // these fields to an object the caller has begun (and ends).
  void write_state(json::Writer& w) const;
  std::string state_json() const;

  // Accuracy-vs-length and timing measurements, advanced in tick().
  Measurements& measurements() { return measurements_; }
  const Measurements& measurements() const { return measurements_; }

  // ---- budgets ---------------------------------------------------------------
  // Memory for all runs together; one training step at most this long (at
  // the speed measured on this page, FLOP/s; steps_at_speed() starts from an
  // assumption until steps were measured).
  static constexpr double kMemoryBudgetBytes = 1e9;
  static constexpr double kMaxStepSeconds = 5;
  double flops_per_second() const { return flops_per_second_; }
  // The memory estimate of every run built (what the budget covers).
  double estimated_bytes() const;

  // ---- lessons and language ------------------------------------------------
  Lessons& lessons() { return lessons_; }
  const Lessons& lessons() const { return lessons_; }
  const std::string& language() const;
  bool set_language(const std::string& lang);  // "pt" or "en"; false otherwise

 private:
  void rebuild();
  void train(double budget_ms);
  long step_run(Run& r, long n);

  Config config_;
  std::vector<std::string> compare_;
  std::string user_text_;
  std::vector<Run> runs_;
  std::vector<ConfigError> errors_;
  std::string setup_error_;
  std::string notice_;
  bool running_ = false;
  ProbeSnapshot probe_;
  long probe_step_ = -1;
  double probe_time_ = 0;
  StepBudget step_budget_;  // expected step length for tick()
  Lessons lessons_;
  Measurements measurements_;
  long pending_steps_ = 0;
  double flops_per_second_ = 4e9;  // WebAssembly on a laptop, until measured
};

// Milliseconds from a monotonic clock.
double now_ms();

}  // namespace unroll::app
