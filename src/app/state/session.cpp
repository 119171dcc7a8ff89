#include "app/state/session.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "app/state/i18n.h"
#include "core/train/resources.h"
#include "engine/protocol.h"

namespace unroll::app {

using engine::EngineUpdate;
using engine::JobResult;

double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

Session::Session(engine::EngineFactory engines) : engines_(engines) { rebuild(); }

bool Session::open_link(const std::string& hash) {
  const Link l = parse_link(hash);
  errors_ = l.errors;
  config_ = l.config;
  compare_ = l.compare;
  workers_key_ = l.workers;
  if (l.workers > 0) set_max_parallel(l.workers);
  running_ = false;
  rebuild();
  if (!l.lang.empty()) set_language(l.lang);
  // A lesson link: open it once its file has arrived; set up the step's
  // experiment unless the link carries an experiment of its own.
  if (!l.lesson.empty()) lessons_.request(l.lesson, std::max(1, l.lesson_step), l.config == Config());
  if (l.run) play();
  return l.run;
}

void Session::set_config_query(const std::string& query, const std::vector<std::string>* compare) {
  Link l = parse_link(query);
  errors_ = l.errors;
  config_ = l.config;
  if (compare) compare_.assign(compare->begin(), compare->begin() + long(std::min(compare->size(), kMaxCompareRuns)));
  else if (!l.compare.empty()) compare_ = l.compare;
  reset();
}

void Session::edit(const Config& cfg) {
  config_ = cfg;
  for (size_t k = 0; k < runs_.size(); ++k) {
    Run& r = runs_[k];
    // Live keys only: the run's own config follows them.
    for (const std::string& key : live_keys()) {
      ConfigError e;
      r.config.set(key, cfg.s(key), &e);
    }
    r.spec = resolve_spec(r.config);
    send(k, engine::cmd_live(r.config));
  }
}

std::string Session::link() const {
  const Lesson* cur = lessons_.current();
  if (!cur) return make_link(config_, compare_, "", 0, "", workers_key_);  // the experiment's own link
  return make_link(config_, compare_, cur->id, lessons_.step_index() + 1, language(), workers_key_);
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

void Session::set_max_parallel(int n) { max_parallel_ = std::clamp(n, 1, 16); }

void Session::send(size_t r, const std::string& command) {
  if (r < runs_.size() && runs_[r].engine) {
    runs_[r].engine->send(command);
    ++runs_[r].commands_sent;
  }
}

bool Session::synced() const {
  for (const Run& r : runs_)
    if (r.engine && r.commands_seen < r.commands_sent) return false;
  return true;
}

void Session::rebuild() {
  // Engines stay (a worker takes time to start): the runs get them back in order.
  struct Spare {
    std::unique_ptr<engine::Engine> engine;
    long sent, seen;  // the engine's command count goes on
  };
  std::vector<Spare> spare;
  for (Run& r : runs_)
    if (r.engine) spare.push_back({std::move(r.engine), r.commands_sent, r.commands_seen});
  std::reverse(spare.begin(), spare.end());
  runs_.clear();
  setup_error_.clear();
  step_budget_.forget();  // a new experiment has its own step length
  generation_ = Generation();
  std::vector<std::string> tokens = {""};  // "" = the main run as configured
  for (const auto& c : compare_) tokens.push_back(c);
  double used = 0;  // the budget is for all runs together, in order
  for (const std::string& token : tokens) {
    Run r;
    r.config = config_;
    if (!token.empty()) apply_compare_token(token, &r.config);
    r.label = run_label(r.config);
    r.spec = resolve_spec(r.config);
    // Checked here, before any engine allocates: the task, the model, the budgets.
    std::string error;
    std::shared_ptr<Task> task = make_task(r.spec.task, user_text_, &error);
    ResourceLimits limits;
    const double history = History::max_bytes(r.spec.task.T);
    limits.max_bytes = kMemoryBudgetBytes - used - history;
    limits.budget_text = "the page allows " + format_bytes(kMemoryBudgetBytes) + " for all runs together" +
                         (used > 0 ? " (the runs before this one use " + format_bytes(used) + ")" : "");
    limits.max_step_seconds = kMaxStepSeconds;
    limits.flops_per_second = flops_per_second_;
    CostEstimate cost;
    if (task) {
      error = net_refusal(r.spec.net, *task);
      if (error.empty()) {
        cost = estimate_cost(r.spec.net, task_shape(*task, r.spec.net.eval_T), r.spec.batch);
        error = check_resources(r.config, user_text_, cost, limits);
      }
    }
    r.task = task;
    if (error.empty()) {
      if (!spare.empty()) {
        r.engine = std::move(spare.back().engine);
        r.commands_sent = spare.back().sent;
        r.commands_seen = spare.back().seen;
        spare.pop_back();
      } else {
        r.engine = engines_(int(runs_.size()));
      }
      r.build_id = ++build_serial_;
      r.report.built = true;  // the engine checks the same; an error would come back
      r.report.cost = cost;
      used += cost.bytes() + history;
    } else {
      r.report.error = error;
      if (setup_error_.empty()) setup_error_ = (token.empty() ? "" : "Compare run " + r.label + ": ") + error;
    }
    runs_.push_back(std::move(r));
    if (runs_.back().engine)
      send(runs_.size() - 1, engine::cmd_build(runs_.back().build_id, runs_.back().config, user_text_, limits));
  }
  if (!main().ok()) running_ = false;
  poll_engines();
}

std::string Session::diverged_message() const { return main().report.diverged_reason; }

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

std::string Session::engine_kind() const {
  for (const Run& r : runs_)
    if (r.engine) return r.engine->in_worker() ? "worker" : "main-thread";
  return engines_ == engine::make_local_engine ? "main-thread" : "worker";
}

double Session::estimated_bytes() const {
  double b = 0;
  for (const Run& r : runs_)
    if (r.ok()) b += r.report.cost.bytes() + History::max_bytes(r.spec.task.T);
  return b;
}

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
  const bool has = r.ok() && r.report.step > 0;
  w.key("config"); w.string(link());
  w.key("step"); w.number(double(step_count()));
  w.key("loss"); has ? w.number(r.report.last.loss) : w.null();
  w.key("metric"); has ? w.number(r.report.last.metric) : w.null();
  w.key("stepsPerSecond"); w.number(r.steps_per_second);
  w.key("engineStepsPerSecond"); w.number(r.report.busy_steps_per_second);
  w.key("running"); w.boolean(running_);
  w.key("pendingSteps"); w.number(double(pending_steps()));
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
  w.key("engineBytes");
  w.begin_array();
  for (const Run& run : runs_) w.number(run.report.heap_bytes);
  w.end_array();
  w.end_object();
  w.key("engine"); w.string(engine_kind());
  w.key("runs");
  w.begin_array();
  for (const Run& run : runs_) {
    w.begin_object();
    w.key("label"); w.string(run.label);
    w.key("step"); w.number(double(run.report.step));
    w.key("stepsPerSecond"); w.number(run.steps_per_second);
    w.key("playing"); w.boolean(run.playing);
    w.key("edits");
    w.begin_array();
    for (const auto& e : run.report.edits) {
      w.begin_object();
      w.key("step"); w.number(double(e.step));
      w.key("config"); w.string(e.config);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("maxParallel"); w.number(max_parallel_);
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
