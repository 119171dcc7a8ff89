#include "app/state/session.h"

#include <chrono>
#include <cstdio>

#include "app/state/i18n.h"

namespace unroll::app {

double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

Session::Session() { rebuild(); }

bool Session::open_link(const std::string& hash) {
  const Link l = parse_link(hash);
  errors_ = l.errors;
  config_ = l.config;
  compare_ = l.compare;
  running_ = false;
  rebuild();
  if (!l.lang.empty()) set_language(l.lang);
  // A lesson link: open it once its file has arrived; set up the step's
  // experiment unless the link carries an experiment of its own.
  if (!l.lesson.empty()) lessons_.request(l.lesson, std::max(1, l.lesson_step), l.config == Config());
  if (l.run) play();
  return l.run;
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

std::string Session::link() const {
  const Lesson* cur = lessons_.current();
  if (!cur) return make_link(config_, compare_);  // no lesson open: the experiment's own link
  return make_link(config_, compare_, cur->id, lessons_.step_index() + 1, language());
}

const std::string& Session::language() const { return app::language(); }
bool Session::set_language(const std::string& lang) { return app::set_language(lang); }

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
  pending_steps_ = 0;
  step_budget_.forget();  // a new experiment has its own step length
  std::vector<std::string> tokens = {""};  // "" = the main run as configured
  for (const auto& c : compare_) tokens.push_back(c);
  double used = 0;  // the budget is for all runs together, in order
  for (const std::string& token : tokens) {
    Run r;
    r.config = config_;
    if (!token.empty()) apply_compare_token(token, &r.config);
    r.label = run_label(r.config);
    r.spec = resolve_spec(r.config);
    const double history = History::max_bytes(r.spec.task.T);
    ResourceLimits limits;
    limits.max_bytes = kMemoryBudgetBytes - used - history;
    limits.budget_text = "the page allows " + format_bytes(kMemoryBudgetBytes) + " for all runs together" +
                         (used > 0 ? " (the runs before this one use " + format_bytes(used) + ")" : "");
    limits.max_step_seconds = kMaxStepSeconds;
    limits.flops_per_second = flops_per_second_;
    std::string error;
    r.exp = Experiment::create(r.config, user_text_, &error, limits);
    if (r.exp) used += r.exp->cost().bytes() + history;
    if (!r.exp && setup_error_.empty())
      setup_error_ = (token.empty() ? "" : "Compare run " + r.label + ": ") + error;
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
  const double ms = now_ms() - t0;
  // The page's speed for the next estimates (only steps long enough to time).
  if (done > 0 && ms > 5) {
    const double sample = r.exp->cost().flops * double(done) / (ms / 1000.0);
    flops_per_second_ = 0.8 * flops_per_second_ + 0.2 * sample;
  }
  r.busy_seconds += ms / 1000.0;
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
    lessons_.after_step(*this);  // every step, whoever asked for it
    if (main().exp && !main().exp->diverged()) ++done;
    else break;
  }
  if (diverged_message().size()) running_ = false;
  return done;
}

void Session::tick(double budget_ms) {
  lessons_.resolve_request(*this);
  train(budget_ms);
  measurements_.advance(*this, budget_ms);
  lessons_.update(*this);
}

void Session::request_steps(long n) {
  if (n > 0 && main().exp && !main().exp->diverged()) pending_steps_ += n;
}

double Session::estimated_bytes() const {
  double b = 0;
  for (const Run& r : runs_)
    if (r.exp) b += r.exp->cost().bytes() + History::max_bytes(r.spec.task.T);
  return b;
}

void Session::train(double budget_ms) {
  if (pending_steps_ > 0) {
    // Requested steps first, within the same budget as Play.
    const double t0 = now_ms();
    do {
      const double s0 = now_ms();
      const long done = step(1);
      pending_steps_ = done == 0 ? 0 : pending_steps_ - 1;
      if (done == 0) break;
      step_budget_.record(now_ms() - s0);
    } while (pending_steps_ > 0 && step_budget_.another_fits(now_ms() - t0, budget_ms));
    return;
  }
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

std::string Session::history_json() const {
  const History& h = main().history;
  json::Writer w;
  w.begin_object();
  for (const auto& [name, v] : {std::pair<const char*, const std::vector<double>*>{"step", &h.step},
                                {"loss", &h.loss}, {"metric", &h.metric}}) {
    w.key(name);
    w.begin_array();
    for (double x : *v) w.number(x);
    w.end_array();
  }
  w.end_object();
  return w.str();
}

void Session::write_state(json::Writer& w) const {
  const Run& r = main();
  const bool has = r.exp && r.exp->steps_done() > 0;
  w.key("config"); w.string(link());
  w.key("step"); w.number(double(step_count()));
  w.key("loss"); has ? w.number(r.exp->last().loss) : w.null();
  w.key("metric"); has ? w.number(r.exp->last().metric) : w.null();
  w.key("stepsPerSecond"); w.number(r.steps_per_second);
  w.key("running"); w.boolean(running_);
  w.key("pendingSteps"); w.number(double(pending_steps_));
  w.key("needsReset"); w.boolean(needs_reset());
  w.key("notice"); w.string(notice_);
  w.key("errors");
  w.begin_array();
  for (const auto& e : errors_) w.string(e.message);
  if (!setup_error_.empty()) w.string(setup_error_);
  const std::string d = diverged_message();
  if (!d.empty()) w.string(d);
  w.end_array();
  w.key("memory");
  w.begin_object();
  w.key("estimateBytes"); w.number(estimated_bytes());
  w.key("budgetBytes"); w.number(kMemoryBudgetBytes);
  w.end_object();
  w.key("lang"); w.string(language());
  w.key("lesson"); lessons_.write_state(w, *this);
}

std::string Session::state_json() const {
  json::Writer w;
  w.begin_object();
  write_state(w);
  w.end_object();
  return w.str();
}

}  // namespace unroll::app
