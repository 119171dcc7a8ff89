// Measurements the attention lessons plot:
//  - evaluate_by_length: sequence accuracy of greedy decoding against input
//    length (the bottleneck chart: encoder-decoder without attention, with
//    attention, and a Transformer trained on the same task);
//  - step_time_by_length: wall time of one training step against sequence
//    length ("sequential vs parallel": a recurrent model's T dependent
//    steps against a Transformer's few big matrix products). Also what a
//    benchmark uses to time one training step of any config.
#pragma once
#include <string>
#include <vector>

#include "core/train/experiment.h"

namespace unroll {

// Greedy evaluation of n sequences at each length (see Experiment::evaluate).
std::vector<EvalResult> evaluate_by_length(Experiment& e, const std::vector<Index>& lengths,
                                           Index n);

struct StepTime {
  Index T = 0;
  double seconds_per_step = 0;  // mean over the timed steps
  std::string error;            // non-empty: this T could not be built
};

// For each T: builds the experiment `cfg` with T replaced, runs `warmup`
// steps untimed (first-use allocation), then times `steps` steps.
std::vector<StepTime> step_time_by_length(const Config& cfg, const std::vector<Index>& lengths,
                                          int steps, int warmup = 1);

// Seconds per step of `steps` steps of an existing experiment.
double time_steps(Experiment& e, int steps);

}  // namespace unroll
