#include "app/state/session.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "app/state/i18n.h"
#include "core/tasks/task_series.h"
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
  norm_from_data_ = false;
  compare_ = l.compare;
  workers_key_ = l.workers;
  focus_ = l.focus;
  if (l.workers > 0) set_max_parallel(l.workers);
  running_ = false;
  rebuild();
  if (!l.lang.empty()) set_language(l.lang);
  // A lesson link: open it once its file has arrived; set up the step's
  // experiment unless the link carries an experiment of its own.
  if (!l.lesson.empty()) lessons_.request(l.lesson, std::max(1, l.lesson_step), l.config == Config());
  if (!l.weights.empty()) start_link_weights(l.weights, l.run);  // plays once they are in
  else if (l.run) play();
  return l.run;
}

void Session::set_config_query(const std::string& query, const std::vector<std::string>* compare) {
  Link l = parse_link(query);
  errors_ = l.errors;
  config_ = l.config;
  norm_from_data_ = false;
  if (compare) compare_.assign(compare->begin(), compare->begin() + long(std::min(compare->size(), kMaxCompareRuns)));
  else if (!l.compare.empty()) compare_ = l.compare;
  reset();
}

void Session::edit(const Config& cfg) {
  // Other columns or another label need their own normalisation: one the
  // page computed is dropped (computed again on reset), an edited one kept.
  const bool reread = cfg.s("columns") != config_.s("columns") || cfg.s("label") != config_.s("label");
  const bool norm_kept = cfg.s("norm") == config_.s("norm");
  config_ = cfg;
  if (reread && norm_kept && norm_from_data_) config_.set("norm", "", nullptr);
  if (!norm_kept) norm_from_data_ = false;
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
  // w= stays while the main run started from it (the same start, the same numbers).
  const std::string& w = link_weights_.state == LinkWeights::State::Failed ? std::string() : link_weights_.text;
  if (!cur) return make_link(config_, compare_, "", 0, "", workers_key_, focus_, w);  // the experiment's own link
  return make_link(config_, compare_, cur->id, lessons_.step_index() + 1, language(), workers_key_, focus_, w);
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

void Session::set_user_csv(const std::string& name, const std::string& text) {
  user_csv_ = text;
  user_csv_name_ = name;
  config_.set("task", "series", nullptr);
  if (norm_from_data_) config_.set("norm", "", nullptr);
  rebuild();
}

void Session::fill_norm() {
  const TaskSpec spec = resolve_spec(config_).task;
  if (spec.kind != TaskKind::Series || !spec.norm.empty() || user_csv_.empty()) return;
  std::string error;  // a bad file: the build below reports it
  const auto task = SeriesTask::create(user_csv_, {spec.T, spec.columns, spec.label, ""}, &error);
  if (task && config_.set("norm", task->norm_text(), nullptr)) norm_from_data_ = true;
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
  link_weights_ = LinkWeights();  // a rebuilt run starts from its own initial weights
  if (share_.state == Share::State::Encoding || share_.state == Share::State::Compressing) {
    share_.state = Share::State::Failed;  // its run is gone
    share_.message = "the experiment was rebuilt before the link was made; ask again";
    share_.blob.clear();
  }
  fill_norm();  // the link shows (and reproduces) the normalisation used
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
    std::shared_ptr<Task> task = make_task(r.spec.task, user_data(r.spec.task), &error);
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
        error = check_resources(r.config, user_data(r.spec.task), cost, limits);
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
      send(runs_.size() - 1, engine::cmd_build(runs_.back().build_id, runs_.back().config, user_data(runs_.back().spec.task), limits));
  }
  if (!main().ok()) running_ = false;
  poll_engines();
}

std::string Session::diverged_message() const { return main().report.diverged_reason; }

}  // namespace unroll::app
