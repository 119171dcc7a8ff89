// Memory and time budgets, checked from the spec BEFORE anything is
// allocated (models/cost.h): a config over budget is a named refusal that
// says what drives the cost and offers a config that fits, never an abort.
#pragma once
#include <limits>
#include <string>

#include "core/models/cost.h"
#include "core/train/experiment_spec.h"

namespace unroll {

struct ResourceLimits {
  // Bytes this experiment may use (its share of the caller's budget).
  double max_bytes = std::numeric_limits<double>::infinity();
  // What the budget is, for messages: "the page allows 1 GB for all runs together".
  std::string budget_text;
  // A training step estimated longer than this is refused.
  double max_step_seconds = std::numeric_limits<double>::infinity();
  // The speed the step time is estimated at (FLOP/s; measured or assumed).
  double flops_per_second = 5e9;
};

// Seconds one training step of `cost` takes at `flops_per_second` with
// batch B: small batches make matrix-vector products, which run at about a
// third of the speed (measured natively and in wasm: LSTM H=512, B=1).
double step_seconds(const CostEstimate& cost, double flops_per_second, Index batch);

// The estimate for a config (builds the task to know its sizes; cheap).
// False and *error when the task itself cannot be built.
bool estimate_config(const Config& cfg, const std::string& text, CostEstimate* cost, std::string* error);

// "" when the config fits; otherwise the message: what it needs, what is
// allowed, which keys drive it and a config that fits, e.g. "This
// experiment needs about 71 GB of memory (activations of T=1000 x batch=512:
// 71 GB), but the page allows 1 GB for all runs together. Lower batch, T or
// hidden: batch=4 needs 0.6 GB."
std::string check_resources(const Config& cfg, const std::string& text, const CostEstimate& cost,
                            const ResourceLimits& limits);

}  // namespace unroll
