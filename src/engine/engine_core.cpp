#include "engine/engine_core.h"

#include <chrono>

#include "core/train/experiment_weights.h"

namespace unroll::engine {
namespace {

double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

void EngineCore::build(int build_id, const Config& cfg, const std::string& text, const ResourceLimits& limits) {
  exp_.reset();  // free the old run first: the budget counts the new one alone
  build_id_ = build_id;
  history_.clear();
  out_ = EngineUpdate();
  running_ = false;
  pending_ = 0;
  jobs_.clear();
  probe_wanted_ = false;
  check_id_ = 0;
  check_ = CheckExpr();
  out_.has_build = true;
  std::string error;
  exp_ = Experiment::create(cfg, text, &error, limits);
  out_.built = exp_ != nullptr;
  out_.build_error = error;
  if (exp_) {
    out_.param_count = exp_->param_count();
    out_.cost = exp_->cost();
    out_.has_last = true;
    out_.last = exp_->last();
  }
}

void EngineCore::play() {
  if (exp_ && !exp_->diverged()) running_ = true;
}

void EngineCore::pause() {
  running_ = false;
  pending_ = 0;
}

void EngineCore::request_steps(long n) {
  if (n > 0 && exp_ && !exp_->diverged()) pending_ += n;
}

void EngineCore::apply_live(const Config& cfg) {
  if (!exp_) return;
  exp_->apply_live(cfg);  // between two steps: the next step uses it
  out_.edits.push_back({exp_->steps_done(), exp_->config().to_query()});
}

void EngineCore::set_check(int id, const std::string& expr) {
  check_id_ = id;
  check_ = CheckExpr();
  std::string error;
  if (!expr.empty()) parse_check(expr, &check_, &error);
  check_held_ = false;
  check_step_ = -1;
  check_changed_ = true;
  evaluate_check();  // some checks need no step (e.g. spectral_radius at init)
}

void EngineCore::evaluate_check() {
  if (check_id_ == 0 || check_.empty() || check_held_ || !exp_) return;
  if (check_holds(check_, *exp_, history_)) {
    check_held_ = true;
    check_step_ = exp_->steps_done();
    check_changed_ = true;
  }
}

void EngineCore::evaluate(int id, Index length, Index n, Index first) {
  Job j{JobResult::Kind::Evaluate, id};
  j.length = length;
  j.n = n;
  j.first = first;
  jobs_.push_back(j);
}

void EngineCore::time_steps(int id, const Config& cfg, Index T, int steps) {
  Job j{JobResult::Kind::Time, id};
  j.config = cfg;
  j.length = T;
  j.steps = steps;
  jobs_.push_back(j);
}

void EngineCore::generate(int id, const std::string& prime, int n, double temperature, uint64_t seed) {
  Job j{JobResult::Kind::Generate, id};
  j.text = prime;
  j.n = n;
  j.temperature = temperature;
  j.seed = seed;
  jobs_.push_back(j);
}

void EngineCore::weights(int id) { jobs_.push_back(Job{JobResult::Kind::Weights, id}); }

void EngineCore::load_weights(int id, const std::string& text) {
  Job j{JobResult::Kind::LoadWeights, id};
  j.text = text;
  jobs_.push_back(j);
}

void EngineCore::weights_link(int id, int bits) {
  Job j{JobResult::Kind::WeightsLink, id};
  j.bits = bits;
  jobs_.push_back(j);
}

void EngineCore::load_weights_link(int id, const std::string& bytes) {
  Job j{JobResult::Kind::LoadWeightsLink, id};
  j.text = bytes;
  jobs_.push_back(j);
}

bool EngineCore::busy() const {
  return !jobs_.empty() || (exp_ && !exp_->diverged() && (running_ || pending_ > 0));
}

void EngineCore::run_job(const Job& j) {
  JobResult r;
  r.kind = j.kind;
  r.id = j.id;
  r.at_step = exp_ ? exp_->steps_done() : 0;
  switch (j.kind) {
    case JobResult::Kind::Evaluate:
      if (exp_) r.eval = exp_->evaluate(j.length, j.n, j.first);
      else r.eval.error = "the experiment could not be built";
      break;
    case JobResult::Kind::Time:
      r.time = step_time_by_length(j.config, {j.length}, j.steps, 1).front();
      break;
    case JobResult::Kind::Generate: {
      if (!exp_) {
        r.error = "the experiment could not be built";
        break;
      }
      Rng rng(j.seed);
      if (!exp_->net().generate(exp_->task(), j.text, int(j.n), j.temperature, rng, &r.text, &r.error))
        r.text.clear();
      break;
    }
    case JobResult::Kind::Weights:
      if (exp_) r.text = experiment_weights_json(*exp_);
      else r.error = "the experiment could not be built";
      break;
    case JobResult::Kind::LoadWeights:
      if (!exp_) r.error = "no experiment to load them into";
      else if (load_experiment_weights(*exp_, j.text, &r.error)) out_.diverged_reason.clear();
      break;
    case JobResult::Kind::WeightsLink:
      if (exp_) r.text = experiment_weights_link(*exp_, j.bits);
      else r.error = "the experiment could not be built";
      break;
    case JobResult::Kind::LoadWeightsLink: {
      WeightsLinkInfo info;
      if (!exp_) {
        r.error = "no experiment to load them into";
      } else if (unroll::load_weights_link(*exp_, j.text, &info, &r.error)) {
        out_.diverged_reason.clear();
        r.at_step = exp_->steps_done();
        r.text = std::to_string(info.bits);
      }
      break;
    }
  }
  out_.results.push_back(std::move(r));
}

bool EngineCore::step_once() {
  if (!exp_ || exp_->diverged()) return false;
  const double t0 = now_ms();
  const bool ok = exp_->step();
  busy_seconds_ += (now_ms() - t0) / 1000.0;
  ++busy_steps_;
  const StepStats& s = exp_->last();
  const History::Kept kept = history_.add(s);
  if (kept.any()) {
    StepStats row = s;
    row.param_grad_norm.clear();
    if (kept.dh && !row.dh_norm.empty()) row.dh_norm = {row.dh_norm.back()};
    else row.dh_norm.clear();
    out_.rows.push_back(std::move(row));
  }
  out_.has_last = true;
  evaluate_check();
  if (!ok) {
    running_ = false;
    pending_ = 0;
  }
  return ok;
}

void EngineCore::run_for(double budget_ms) {
  const double t0 = now_ms();
  if (!jobs_.empty()) {
    const Job j = jobs_.front();
    jobs_.pop_front();
    run_job(j);
  }
  bool first = true;
  while (exp_ && !exp_->diverged() && (running_ || pending_ > 0) && (first || now_ms() - t0 < budget_ms)) {
    first = false;
    if (pending_ > 0) --pending_;
    if (!step_once()) break;
  }
}

EngineUpdate EngineCore::take_update() {
  EngineUpdate u = std::move(out_);
  out_ = EngineUpdate();
  u.build_id = build_id_;
  u.commands_seen = commands_;
  if (exp_) {
    u.step = exp_->steps_done();
    if (u.has_last) u.last = exp_->last();
    u.diverged_reason = exp_->diverged_reason();
    u.flops_per_step = exp_->cost().flops;
    if (probe_wanted_) {
      u.has_probe = true;
      u.probe = exp_->probe();
      u.probe_step = exp_->steps_done();
      probe_wanted_ = false;
    }
    if (check_changed_ && check_id_ != 0) {
      u.check_id = check_id_;
      u.check_held = check_held_;
      u.check_step = check_step_;
      if (!check_.empty()) u.check_report = check_report(check_, *exp_, history_);
      check_changed_ = check_id_ != 0 && !check_held_;  // keep the report fresh until it holds
    }
  }
  u.running = running_;
  u.pending_steps = pending_;
  u.busy_seconds = busy_seconds_;
  u.busy_steps = busy_steps_;
  busy_seconds_ = 0;
  busy_steps_ = 0;
  return u;
}

}  // namespace unroll::engine
