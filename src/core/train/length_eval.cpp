#include "core/train/length_eval.h"

#include <chrono>

namespace unroll {

std::vector<EvalResult> evaluate_by_length(Experiment& e, const std::vector<Index>& lengths,
                                           Index n) {
  std::vector<EvalResult> r;
  for (Index len : lengths) r.push_back(e.evaluate(len, n));
  return r;
}

double time_steps(Experiment& e, int steps) {
  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  for (int s = 0; s < steps; ++s) e.step();
  const double secs = std::chrono::duration<double>(clock::now() - t0).count();
  return steps > 0 ? secs / double(steps) : 0.0;
}

std::vector<StepTime> step_time_by_length(const Config& cfg, const std::vector<Index>& lengths,
                                          int steps, int warmup) {
  std::vector<StepTime> r;
  for (Index T : lengths) {
    StepTime st;
    st.T = T;
    Config c = cfg;
    ConfigError ce;
    std::string error;
    std::unique_ptr<Experiment> e;
    if (!c.set("T", std::to_string(T), &ce)) st.error = ce.message;
    else if (!(e = Experiment::create(c, "", &error))) st.error = error;
    if (e) {
      for (int s = 0; s < warmup; ++s) e->step();
      st.seconds_per_step = time_steps(*e, steps);
    }
    r.push_back(st);
  }
  return r;
}

}  // namespace unroll
