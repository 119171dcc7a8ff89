// What the session reports: the JS API's state, the history as CSV and
// JSON, the memory estimate (session.h).
#include "app/state/session.h"
#include "core/tasks/task_series.h"

#include <algorithm>
#include <cstdio>

#include "app/state/i18n.h"
#include "engine/protocol.h"

namespace unroll::app {

using engine::JobResult;

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
  // The link's weights (w=): none, inflating, loading, loaded or failed.
  w.key("linkWeights");
  w.begin_object();
  static const char* kStates[] = {"none", "inflating", "loading", "loaded", "failed"};
  w.key("state"); w.string(kStates[int(link_weights_.state)]);
  w.key("step"); w.number(double(link_weights_.step));
  w.key("bits"); w.number(link_weights_.bits);
  w.key("message"); w.string(link_weights_.message);
  w.end_object();
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
  // The main run's task: its chance baseline and, for task=series, the
  // data and the normalisation used (what norm= in the link holds).
  w.key("task");
  if (!r.task) {
    w.null();
  } else {
    const TaskInfo& info = r.task->info();
    w.begin_object();
    w.key("name"); w.string(info.name);
    w.key("metricName"); w.string(info.metric_name);
    w.key("chanceLoss"); w.number(info.chance_loss);
    w.key("chanceMetric"); w.number(info.chance_metric);
    if (const auto* series = dynamic_cast<const SeriesTask*>(r.task.get())) {
      w.key("data");
      w.begin_object();
      w.key("file"); w.string(user_csv_name_);
      w.key("rows"); w.number(double(series->rows()));
      w.key("columns");
      w.begin_array();
      for (const auto& n : series->column_names()) w.string(n);
      w.end_array();
      w.key("mean");
      w.begin_array();
      for (double m : series->mean()) w.number(m);
      w.end_array();
      w.key("std");
      w.begin_array();
      for (double sd : series->stddev()) w.number(sd);
      w.end_array();
      w.key("classes");
      w.begin_array();
      for (const auto& c : series->classes()) w.string(c);
      w.end_array();
      w.end_object();
    }
    w.end_object();
  }
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
