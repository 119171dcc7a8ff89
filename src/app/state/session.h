// The playground's state, free of ImGui and of the platform: the current
// config, the runs (the main one plus up to 3 compared), play/pause, the
// per-frame training time budget, and what the page's JS API reports.
// Panels read it and call its methods; nothing else owns training.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/train/experiment.h"
#include "core/train/history.h"
#include "app/state/links.h"
#include "app/state/step_budget.h"

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
  // defaults fill the gaps. Rebuilds every run. Returns true if run=1.
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
  std::string link() const;  // the hash that reproduces this state

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
  void pause() { running_ = false; }
  bool running() const { return running_; }
  void reset();             // rebuild all runs from config() (applies pending edits)
  long step(long n);        // n steps now (paused or not); returns steps done
  // Called once per frame: trains while running for about budget_ms
  // (steps_per_frame > 0: exactly that many steps instead).
  void tick(double budget_ms);
  int steps_per_frame = 0;  // 0 = as fast as the frame budget allows

  // ---- reading --------------------------------------------------------------
  std::vector<Run>& runs() { return runs_; }
  const Run& main() const { return runs_.front(); }
  Run& main() { return runs_.front(); }
  const ProbeSnapshot& probe();  // main run's probe, refreshed at most ~10x/s
  long step_count() const;
  // Every recorded step of every run as CSV (run,label,step,loss,...).
  std::string history_csv() const;
  // {config, step, loss, metric, stepsPerSecond, running, errors} as JSON.
  std::string state_json() const;

  // Lesson/page keys from the last link (the lesson panel reads them).
  const Link& last_link() const { return last_link_; }

 private:
  void rebuild();
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
  Link last_link_;
};

// Milliseconds from a monotonic clock.
double now_ms();

}  // namespace unroll::app
