// One run's engine: the Experiment, its history, play/pause, requested
// steps, the lesson check, and jobs (evaluations, timings, text, weights).
// The same code runs in a Web Worker (platform/engine_worker_main.cpp) and, where a worker
// cannot start or off the web, on the page's own thread (engine.h).
//
//   commands (protocol.h) -> EngineCore -> run_for(budget): steps and job
//   slices -> take_update(): what is new (run_report.h)
#pragma once
#include <deque>
#include <memory>
#include <string>

#include "core/lessons/lesson_check.h"
#include "core/train/experiment.h"
#include "engine/run_report.h"

namespace unroll::engine {

class EngineCore {
 public:
  // ---- commands -------------------------------------------------------------
  // Builds the experiment (or reports why not); forgets the old one, its
  // history, pending steps, jobs and check.
  void build(int build_id, const Config& cfg, const std::string& text, const ResourceLimits& limits);
  void play();
  void pause();  // also cancels requested steps
  void request_steps(long n);
  void apply_live(const Config& cfg);
  // The lesson check to evaluate after every step ("" = none), under `id`.
  void set_check(int id, const std::string& expr);
  void request_probe() { probe_wanted_ = true; }
  void evaluate(int id, Index length, Index n, Index first);
  void time_steps(int id, const Config& cfg, Index T, int steps);
  void generate(int id, const std::string& prime, int n, double temperature, uint64_t seed);
  void weights(int id);
  void load_weights(int id, const std::string& text);
  // The weights as a link's bytes at `bits`; loading such bytes (a fresh
  // run continues at their step).
  void weights_link(int id, int bits);
  void load_weights_link(int id, const std::string& bytes);
  void cancel_jobs() { jobs_.clear(); }
  // Counts a command applied (protocol.h's apply_command calls it).
  void count_command() { ++commands_; }

  // ---- work -------------------------------------------------------------------
  // Running, steps requested, or jobs queued.
  bool busy() const;
  // Jobs first (one per call), then training steps until budget_ms is spent
  // (at least one step when there is training to do).
  void run_for(double budget_ms);
  // One training step; false if there is no experiment or it diverged.
  bool step_once();

  // ---- updates ----------------------------------------------------------------
  // Everything new since the last call.
  EngineUpdate take_update();
  // The in-process view (local engines and tests).
  const Experiment* experiment() const { return exp_.get(); }
  const History& history() const { return history_; }

 private:
  struct Job {
    JobResult::Kind kind;
    int id;
    Index length = 0, n = 0, first = 0;
    Config config;
    int steps = 0;
    std::string text;
    double temperature = 1;
    uint64_t seed = 0;
    int bits = 16;
  };
  void run_job(const Job& j);
  void evaluate_check();

  std::unique_ptr<Experiment> exp_;
  int build_id_ = 0;
  History history_;
  EngineUpdate out_;  // what take_update hands over next
  bool running_ = false;
  long pending_ = 0;
  std::deque<Job> jobs_;
  bool probe_wanted_ = false;
  int check_id_ = 0;
  CheckExpr check_;
  bool check_held_ = false;
  long check_step_ = -1;
  bool check_changed_ = false;
  double busy_seconds_ = 0;
  long busy_steps_ = 0;
  long commands_ = 0;
};

}  // namespace unroll::engine
