#include "engine/run_report.h"

namespace unroll::engine {

bool EngineUpdate::empty() const {
  return !has_build && rows.empty() && !has_last && !has_probe && results.empty() && check_id == 0 &&
         busy_steps == 0 && edits.empty();
}

void apply(const EngineUpdate& u, RunReport* r, History* h) {
  if (u.has_build) {
    *r = RunReport();
    h->clear();
    r->built = u.built;
    r->error = u.build_error;
    r->param_count = u.param_count;
    r->cost = u.cost;
  }
  for (const StepStats& s : u.rows) h->add(s);
  if (u.has_last) r->last = u.last;
  r->step = u.step;
  r->running = u.running;
  r->pending_steps = u.pending_steps;
  r->diverged_reason = u.diverged_reason;
  if (u.busy_seconds > 0.05) r->busy_steps_per_second = double(u.busy_steps) / u.busy_seconds;
  if (u.has_probe) {
    r->probe = u.probe;
    r->probe_step = u.probe_step;
  }
  if (u.check_id != 0) {
    r->check_id = u.check_id;
    r->check_held = u.check_held;
    r->check_step = u.check_step;
    r->check_report = u.check_report;
  }
  for (const auto& e : u.edits) r->edits.push_back(e);
  if (u.heap_bytes > 0) r->heap_bytes = u.heap_bytes;
}

}  // namespace unroll::engine
