#include "app/state/session.h"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace unroll::app {
namespace {

std::string json_escape(const std::string& s) {
  std::string o;
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') { o += '\\'; o += char(c); }
    else if (c < 0x20) { char b[8]; std::snprintf(b, sizeof b, "\\u%04x", c); o += b; }
    else o += char(c);
  }
  return o;
}

std::string num(double v) {
  if (!std::isfinite(v)) return "null";
  char b[32];
  std::snprintf(b, sizeof b, "%.9g", v);
  return b;
}

}  // namespace

double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

Session::Session() { rebuild(); }

bool Session::open_link(const std::string& hash) {
  last_link_ = parse_link(hash);
  errors_ = last_link_.errors;
  config_ = last_link_.config;
  compare_ = last_link_.compare;
  running_ = false;
  rebuild();
  if (last_link_.run) play();
  return last_link_.run;
}

void Session::set_config_query(const std::string& query) {
  Link l = parse_link(query);
  errors_ = l.errors;
  config_ = l.config;
  if (!l.compare.empty()) compare_ = l.compare;
  reset();
}

void Session::edit(const Config& cfg) {
  config_ = cfg;
  for (Run& r : runs_) {
    if (!r.exp) continue;
    r.exp->apply_live(cfg);
    // Live keys only: the run's own config follows them.
    for (const std::string& k : live_keys()) {
      ConfigError e;
      r.config.set(k, cfg.s(k), &e);
    }
    r.spec = resolve_spec(r.config);
  }
}

std::string Session::link() const { return make_link(config_, compare_); }

void Session::set_compare(const std::vector<std::string>& cells) {
  compare_.assign(cells.begin(), cells.begin() + long(std::min(cells.size(), kMaxCompareRuns)));
  rebuild();
}

void Session::set_user_text(const std::string& text) {
  user_text_ = text;
  rebuild();
}

void Session::reset() { rebuild(); }

void Session::rebuild() {
  runs_.clear();
  setup_error_.clear();
  probe_step_ = -1;
  step_budget_.forget();  // a new experiment has its own step length
  std::vector<std::string> tokens = {""};  // "" = the main run as configured
  for (const auto& c : compare_) tokens.push_back(c);
  for (const std::string& token : tokens) {
    Run r;
    r.config = config_;
    if (!token.empty()) apply_compare_token(token, &r.config);
    r.label = run_label(r.config);
    r.spec = resolve_spec(r.config);
    std::string error;
    r.exp = Experiment::create(r.config, user_text_, &error);
    if (!r.exp && setup_error_.empty()) setup_error_ = error;
    runs_.push_back(std::move(r));
  }
  if (!main().exp) running_ = false;
}

std::string Session::diverged_message() const {
  if (!main().exp || !main().exp->diverged()) return "";
  return main().exp->diverged_reason();
}

void Session::play() {
  if (main().exp && !main().exp->diverged()) running_ = true;
}

long Session::step_run(Run& r, long n) {
  if (!r.exp) return 0;
  const double t0 = now_ms();
  long done = 0;
  while (done < n && r.exp->step()) ++done;
  r.busy_seconds += (now_ms() - t0) / 1000.0;
  r.steps_at_rate += done;
  if (r.busy_seconds > 0.25) {  // refresh the rate about 4x per second
    r.steps_per_second = double(r.steps_at_rate) / r.busy_seconds;
    r.busy_seconds = 0;
    r.steps_at_rate = 0;
  }
  return done;
}

long Session::step(long n) {
  long done = 0;
  for (long k = 0; k < n; ++k) {
    for (Run& r : runs_) {
      if (step_run(r, 1)) r.history.add(r.exp->last());
    }
    if (main().exp && !main().exp->diverged()) ++done;
    else break;
  }
  if (diverged_message().size()) running_ = false;
  return done;
}

void Session::tick(double budget_ms) {
  if (!running_) return;
  if (steps_per_frame > 0) {
    step(steps_per_frame);
    return;
  }
  // Step all runs round-robin while another step is expected to fit in the
  // frame's budget (step_budget.h); at least one step per frame so slow
  // configs still move.
  const double t0 = now_ms();
  do {
    const double s0 = now_ms();
    if (step(1) == 0) break;
    step_budget_.record(now_ms() - s0);
  } while (step_budget_.another_fits(now_ms() - t0, budget_ms));
}

const ProbeSnapshot& Session::probe() {
  const double t = now_ms();
  Run& r = main();
  if (r.exp && (probe_step_ != r.exp->steps_done() || probe_step_ < 0) &&
      (t - probe_time_ > 100 || probe_step_ < 0)) {
    probe_ = r.exp->probe();
    probe_step_ = r.exp->steps_done();
    probe_time_ = t;
  }
  return probe_;
}

long Session::step_count() const { return main().exp ? main().exp->steps_done() : 0; }

std::string Session::history_csv() const {
  std::string csv = "run,label,step,loss,metric,grad_norm,applied_grad_norm,clipped,update_ratio\n";
  char line[320];
  for (size_t r = 0; r < runs_.size(); ++r) {
    const Run& run = runs_[r];
    const History& h = run.history;
    for (size_t k = 0; k < h.step.size(); ++k) {
      std::snprintf(line, sizeof line, "%zu,\"%s\",%.0f,%.9g,%.9g,%.9g,%.9g,%d,%.9g\n", r,
                    run.label.c_str(), h.step[k], h.loss[k], h.metric[k], h.grad_norm[k],
                    h.applied_norm[k], int(h.clipped[k]), h.update_ratio[k]);
      csv += line;
    }
  }
  return csv;
}

std::string Session::state_json() const {
  const Run& r = main();
  const bool has = r.exp && r.exp->steps_done() > 0;
  std::string j = "{\"config\": \"" + json_escape(link()) + "\"";
  j += ", \"step\": " + std::to_string(step_count());
  j += ", \"loss\": " + (has ? num(r.exp->last().loss) : "null");
  j += ", \"metric\": " + (has ? num(r.exp->last().metric) : "null");
  j += ", \"stepsPerSecond\": " + num(r.steps_per_second);
  j += ", \"running\": " + std::string(running_ ? "true" : "false");
  j += ", \"needsReset\": " + std::string(needs_reset() ? "true" : "false");
  j += ", \"notice\": \"" + json_escape(notice_) + "\"";
  j += ", \"errors\": [";
  bool first = true;
  auto add = [&](const std::string& m) {
    j += (first ? "\"" : ", \"") + json_escape(m) + "\"";
    first = false;
  };
  for (const auto& e : errors_) add(e.message);
  if (!setup_error_.empty()) add(setup_error_);
  const std::string d = diverged_message();
  if (!d.empty()) add(d);
  j += "]}";
  return j;
}

}  // namespace unroll::app
