// The session's jobs in the main run's engine: text generation, the weights
// file out and in, the lesson check, probes (session.h).
#include "app/state/session.h"

#include <algorithm>
#include <cstdio>

#include "app/state/i18n.h"
#include "engine/protocol.h"

namespace unroll::app {

using engine::JobResult;

void Session::on_result(size_t run, const JobResult& j) {
  if (measurements_.on_result(run, j)) return;
  if (j.kind == JobResult::Kind::Generate && j.id == generation_.id) {
    generation_.waiting = false;
    generation_.error = j.error;
    generation_.text = j.error.empty() ? generation_.prime + j.text : "";
    generation_.at_step = j.at_step;
  } else if (j.kind == JobResult::Kind::Weights && j.id == weights_job_) {
    weights_file_ = j.text;
    weights_ready_ = j.error.empty();
  } else if (j.kind == JobResult::Kind::LoadWeightsLink && run == 0) {
    on_link_weights_result(j);
  } else if (j.kind == JobResult::Kind::WeightsLink && run == 0) {
    on_share_result(j);
  } else if (j.kind == JobResult::Kind::LoadWeights && j.id == load_job_) {
    set_notice(j.error.empty() ? std::string(tr("Loaded weights from")) + " " + load_name_ + "."
                               : std::string(tr("Could not load")) + " " + load_name_ + ": " + j.error);
    if (j.error.empty()) runs_[run].report.diverged_reason.clear();
  }
}

void Session::generate(const std::string& prime, int n, double temperature, uint64_t draw) {
  generation_.id = next_job_id();
  generation_.waiting = true;
  generation_.prime = prime;
  const uint64_t seed = uint64_t(main().config.i("seed")) * 7919u + draw;
  send(0, engine::cmd_generate(generation_.id, prime, n, temperature, seed));
}

void Session::request_weights() {
  weights_job_ = next_job_id();
  weights_ready_ = false;
  send(0, engine::cmd_weights(weights_job_));
}

bool Session::take_weights_file(std::string* json) {
  if (!weights_ready_) return false;
  weights_ready_ = false;
  *json = std::move(weights_file_);
  return true;
}

void Session::load_weights(const std::string& name, const std::string& text) {
  if (!main().ok()) {
    set_notice(std::string(tr("Could not load")) + " " + name + ": no experiment to load them into");
    return;
  }
  load_job_ = next_job_id();
  load_name_ = name;
  send(0, engine::cmd_load_weights(load_job_, text));
}

// The current lesson step's check, evaluated by the main run's engine after
// every one of its steps (whoever asked for the step).
void Session::send_lesson_check() {
  Run& m = main();
  if (!m.engine) return;
  const int want = lessons_.wanted_check(*this);
  if (m.check_sent == want) return;
  const LessonStep* st = lessons_.current_step();
  send(0, engine::cmd_check(want, want != 0 && st ? st->check_text : ""));
  m.check_sent = want;
}

const ProbeSnapshot& Session::probe() {
  Run& r = main();
  const double t = now_ms();
  const double interval = std::clamp(r.probe_bytes / 4e6 * 1000.0, 100.0, 2000.0);
  if (r.ok() && !r.probe_in_flight && (r.report.probe_step != r.report.step || r.report.probe_step < 0) &&
      (t - r.probe_asked_ms > interval || r.report.probe_step < 0)) {
    send(0, engine::cmd_simple("probe"));
    r.probe_in_flight = true;
    r.probe_asked_ms = t;
    if (!r.engine->in_worker()) poll_engines();  // a local engine answers at once
  }
  return r.report.probe;
}

}  // namespace unroll::app
