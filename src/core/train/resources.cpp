#include "core/train/resources.h"

#include <algorithm>
#include <cmath>

namespace unroll {
namespace {

// The keys that make each part of the cost grow, per model kind.
std::string activation_keys(ModelKind k) {
  return k == ModelKind::Transformer ? "batch, T, d_model or heads" : "batch, T or hidden";
}
std::string parameter_keys(ModelKind k) {
  return k == ModelKind::Transformer ? "d_model, ff or layers" : "hidden or layers";
}

// Halves `key` (not below 1) in a copy of cfg; false when it is already 1.
bool halve(Config* cfg, const char* key) {
  const int64_t v = cfg->i(key);
  if (v <= 1) return false;
  ConfigError e;
  return cfg->set(key, std::to_string(std::max<int64_t>(1, v / 2)), &e);
}

// The first config (halving batch, then T, then the model's width) whose
// estimate fits; "" if none does within a few dozen tries.
std::string config_that_fits(const Config& cfg, const std::string& text, const ResourceLimits& limits,
                             double* bytes, double* seconds) {
  const ModelKind kind = resolve_spec(cfg).net.kind;
  const char* width = kind == ModelKind::Transformer ? "d_model" : "hidden";
  Config c = cfg;
  for (const char* key : {"batch", "T", width}) {
    for (int k = 0; k < 24 && halve(&c, key); ++k) {
      if (kind == ModelKind::Transformer && c.i("d_model") % c.i("heads") != 0) continue;
      CostEstimate e;
      std::string err;
      if (!estimate_config(c, text, &e, &err)) break;
      const double s = step_seconds(e, limits.flops_per_second, Index(c.i("batch")));
      if (e.bytes() <= limits.max_bytes && s <= limits.max_step_seconds) {
        *bytes = e.bytes();
        *seconds = s;
        std::string changed;
        for (const char* k2 : {"batch", "T", width})
          if (c.s(k2) != cfg.s(k2)) changed += (changed.empty() ? "" : "&") + std::string(k2) + "=" + c.s(k2);
        return changed;
      }
    }
  }
  return "";
}

}  // namespace

double step_seconds(const CostEstimate& cost, double flops_per_second, Index batch) {
  const double efficiency = batch >= 16 ? 1.0 : 0.35 + 0.65 * double(batch) / 16.0;
  return cost.flops / (flops_per_second * efficiency);
}

bool estimate_config(const Config& cfg, const std::string& text, CostEstimate* cost, std::string* error) {
  const ExperimentSpec spec = resolve_spec(cfg);
  auto task = make_task(spec.task, text, error);
  if (!task) return false;
  *cost = estimate_cost(spec.net, task_shape(*task, spec.net.eval_T), spec.batch);
  return true;
}

std::string check_resources(const Config& cfg, const std::string& text, const CostEstimate& cost,
                            const ResourceLimits& limits) {
  const ModelKind kind = resolve_spec(cfg).net.kind;
  const double seconds = step_seconds(cost, limits.flops_per_second, Index(cfg.i("batch")));
  const bool too_big = cost.bytes() > limits.max_bytes;
  const bool too_slow = seconds > limits.max_step_seconds;
  if (!too_big && !too_slow) return "";
  std::string m;
  std::string keys;
  if (too_big) {
    const double weights = cost.params + cost.optimizer;
    const double caches = cost.activations + cost.probe + cost.eval;
    m = "This experiment needs about " + format_bytes(cost.bytes()) + " of memory (activation caches of T=" +
        cfg.s("T") + " x batch=" + cfg.s("batch") + ": " + format_bytes(caches) +
        "; weights, gradients and optimizer state: " + format_bytes(weights) + "), but " +
        limits.budget_text + ".";
    if (too_slow)
      m += " One training step would also take about " + format_seconds(seconds) + " here (at most " +
           format_seconds(limits.max_step_seconds) + ").";
    keys = weights > caches ? parameter_keys(kind) : activation_keys(kind);
  } else {
    m = "One training step of this experiment would take about " + format_seconds(seconds) + " here (" +
        format_flops(cost.flops) + " at about " + format_flops(limits.flops_per_second) +
        "/s), longer than the " + format_seconds(limits.max_step_seconds) + " allowed for one step.";
    keys = activation_keys(kind);
  }
  double b = 0, s = 0;
  const std::string fits = config_that_fits(cfg, text, limits, &b, &s);
  m += " Lower " + keys;
  if (!fits.empty())
    m += ": " + fits + " needs " + format_bytes(b) + (too_slow ? " and about " + format_seconds(s) + " a step" : "");
  return m + ".";
}

}  // namespace unroll
