// How many training steps fit in a frame. After each step another one
// starts only if the time already spent plus the expected length of a step
// stays within the budget, so a frame's training ends near the budget
// instead of overshooting it by up to a whole step (with a 10 ms budget and
// 6 ms steps: one step, 6 ms, not two, 12 ms). The expectation is a running
// mean of recent steps, forgotten when the experiment is rebuilt.
#pragma once

namespace unroll::app {

class StepBudget {
 public:
  void record(double step_ms) {
    // Exponential mean: follows a change of speed within a few steps.
    mean_ms_ = seen_ ? 0.8 * mean_ms_ + 0.2 * step_ms : step_ms;
    seen_ = true;
  }
  // After elapsed_ms of training this frame: does one more step fit?
  bool another_fits(double elapsed_ms, double budget_ms) const {
    return elapsed_ms + (seen_ ? mean_ms_ : 0.0) <= budget_ms;
  }
  double expected_ms() const { return seen_ ? mean_ms_ : 0.0; }
  void forget() { seen_ = false; mean_ms_ = 0; }

 private:
  double mean_ms_ = 0;
  bool seen_ = false;
};

}  // namespace unroll::app
