// The session's running: play/pause, the scheduler that decides which runs
// play at once, requested steps, local engines' training within a frame's
// budget, and folding the engines' updates into the runs (session.h).
#include "app/state/session.h"

#include <algorithm>
#include <cstdio>

#include "app/state/i18n.h"
#include "engine/protocol.h"

namespace unroll::app {

using engine::EngineUpdate;
using engine::JobResult;

void Session::play() {
  if (!main().ok() || main().report.diverged()) return;
  running_ = true;
  rotate_ms_ = 0;
  schedule();
}

void Session::pause() {
  running_ = false;
  for (size_t k = 0; k < runs_.size(); ++k) {
    send(k, engine::cmd_simple("pause"));
    runs_[k].playing = false;
    runs_[k].target_step = runs_[k].report.step;
  }
}

// Which runs play: all, or max_parallel at a time taking turns every 0.5 s.
void Session::schedule() {
  std::vector<size_t> live;
  for (size_t k = 0; k < runs_.size(); ++k)
    if (runs_[k].ok() && !runs_[k].report.diverged()) live.push_back(k);
  const size_t n = live.size(), at_once = std::min(n, size_t(max_parallel_));
  const bool rotate = running_ && n > at_once && now_ms() - rotate_ms_ > 500;
  if (rotate) {
    rotate_at_ = (rotate_at_ + at_once) % std::max<size_t>(1, n);
    rotate_ms_ = now_ms();
  } else if (rotate_ms_ == 0) {
    rotate_at_ = 0;
    rotate_ms_ = now_ms();
  }
  for (size_t i = 0; i < n; ++i) {
    Run& r = runs_[live[i]];
    const bool on = running_ && (n <= at_once || (i + n - rotate_at_) % n < at_once);
    if (on != r.playing) {
      send(live[i], engine::cmd_simple(on ? "play" : "pause"));
      r.playing = on;
      // A turn's pause must not cancel requested steps: ask for them again.
      if (!on && r.target_step > r.report.step) send(live[i], engine::cmd_step(r.target_step - r.report.step));
    }
  }
}

void Session::request_steps(long n) {
  if (n <= 0 || !main().ok() || main().report.diverged()) return;
  for (size_t k = 0; k < runs_.size(); ++k) {
    Run& r = runs_[k];
    if (!r.ok()) continue;
    r.target_step = std::max(r.target_step, r.report.step) + n;
    send(k, engine::cmd_step(n));
  }
}

long Session::pending_steps() const {
  const Run& m = main();
  if (!m.ok() || m.report.diverged()) return 0;
  return std::max(0L, m.target_step - m.report.step);
}

long Session::step(long n) {
  const long before = step_count();
  send_lesson_check();  // the engine checks after each of these steps
  request_steps(n);
  // Local engines run them now (round-robin, as in a frame); workers on their own.
  for (bool any = true; any;) {
    any = false;
    for (Run& r : runs_)
      if (r.engine && !r.engine->in_worker() && r.ok() && !r.report.diverged() && r.report.step < r.target_step) {
        r.engine->advance(0);
        any = true;
      }
    if (any) poll_engines();
  }
  poll_engines();
  lessons_.update(*this);
  if (!diverged_message().empty()) running_ = false;
  return step_count() - before;
}

void Session::tick(double budget_ms) {
  lessons_.resolve_request(*this);
  send_lesson_check();
  schedule();
  train_local(budget_ms);
  poll_engines();
  measurements_.advance(*this);
  probe();
  lessons_.update(*this);
}

// Local engines share this thread: round-robin, one unit each, while another
// is expected to fit in the frame's budget (step_budget.h); at least one per
// frame so slow configs still move.
void Session::train_local(double budget_ms) {
  std::vector<Run*> local;
  for (Run& r : runs_)
    if (r.engine && !r.engine->in_worker()) local.push_back(&r);
  if (local.empty()) return;
  if (steps_per_frame > 0 && running_) {
    for (int k = 0; k < steps_per_frame; ++k) request_steps(1);
  }
  const double t0 = now_ms();
  do {
    const double s0 = now_ms();
    bool any = false;
    for (Run* r : local)
      if (r->engine->busy()) {
        r->engine->advance(0);
        any = true;
      }
    if (!any) break;
    step_budget_.record(now_ms() - s0);
  } while (steps_per_frame == 0 && step_budget_.another_fits(now_ms() - t0, budget_ms));
}

void Session::poll_engines() {
  const double t = now_ms();
  for (size_t k = 0; k < runs_.size(); ++k) {
    Run& r = runs_[k];
    if (!r.engine) continue;
    EngineUpdate u;
    while (r.engine->poll(&u)) {
      r.commands_seen = std::max(r.commands_seen, u.commands_seen);
      if (u.build_id != r.build_id) continue;  // from a build this run has replaced
      if (u.has_build && !u.built && setup_error_.empty())
        setup_error_ = (k == 0 ? "" : "Compare run " + r.label + ": ") + u.build_error;
      const long before = r.report.step;
      engine::apply(u, &r.report, &r.history);
      if (u.has_build && !u.built) r.report.built = false;
      if (u.has_probe) {
        r.probe_in_flight = false;
        double floats = double(u.probe.out.size() + u.probe.batch.x.size());
        for (const auto* v : {&u.probe.gates, &u.probe.hidden, &u.probe.cell})
          for (const auto& m : *v) floats += double(m.size());
        for (const auto& l : u.probe.attn.attention)
          for (const auto& m : l) floats += double(m.size());
        r.probe_bytes = 4 * floats;
      }
      if (u.busy_seconds > 0.005 && u.busy_steps > 0 && u.flops_per_step > 0)
        flops_per_second_ = 0.8 * flops_per_second_ + 0.2 * u.flops_per_step * double(u.busy_steps) / u.busy_seconds;
      if (r.report.step < before) r.target_step = r.report.step;
      for (const JobResult& j : u.results) on_result(k, j);
    }
    // Wall-clock speed, refreshed about 4x a second.
    if (r.rate_ms == 0 || r.report.step < r.rate_step) {
      r.rate_ms = t;
      r.rate_step = r.report.step;
    } else if (t - r.rate_ms > 250) {
      r.steps_per_second = double(r.report.step - r.rate_step) / ((t - r.rate_ms) / 1000.0);
      r.rate_ms = t;
      r.rate_step = r.report.step;
    }
    if (r.report.diverged()) r.playing = false;
  }
  if (!diverged_message().empty() || !main().ok()) running_ = false;
}

}  // namespace unroll::app
