// Helpers for learning tests: build an experiment from a link's query
// string and train it.
#pragma once
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/train/experiment.h"

namespace unroll::testing_util {

inline std::unique_ptr<Experiment> experiment(const std::string& query) {
  std::vector<ConfigError> errors;
  Config cfg = Config::parse(query, &errors);
  EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0].message);
  std::string error;
  auto e = Experiment::create(cfg, "", &error);
  EXPECT_TRUE(e) << error;
  return e;
}

// Mean training loss over the last `window` of `steps` steps.
inline double train(Experiment& e, long steps, long window = 50) {
  double sum = 0;
  for (long s = 0; s < steps; ++s) {
    EXPECT_TRUE(e.step()) << e.diverged_reason();
    if (s >= steps - window) sum += e.last().loss;
  }
  return sum / double(window);
}

// ||dL/dh_1|| / ||dL/dh_T|| of the bottom layer in the last step.
inline double back_to_front(const Experiment& e) {
  const auto& d = e.last().dh_norm[0];
  return d.front() / d.back();
}

}  // namespace unroll::testing_util
