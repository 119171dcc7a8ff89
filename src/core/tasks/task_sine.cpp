// Next-value prediction on a sum of random sines.
//
// Per sequence, N = waves components, each drawn once per sequence:
//   amplitude a_k = u_k / sqrt(N),  u_k ~ U[0.2, 1.0)
//   angular frequency w_k ~ U[0.1, 0.6) rad/step (periods ~10..63 steps)
//   phase p_k ~ U[0, 2 pi)
//   s(t) = sum_k a_k sin(w_k t + p_k)
// Layout (I = O = 1, Mse): x(0, t) = s(t), y(0, t) = s(t+1), weight 1 at
// every step.
//
// Chance: the best input-blind prediction is the mean, 0 (uniform phases).
// Its MSE is E[s^2] = N * E[a^2] * E[sin^2] with independent phases
// (cross terms vanish): N * (E[u^2] / N) * 1/2 = E[u^2] / 2, where
// E[u^2] = (lo^2 + lo*hi + hi^2) / 3 = 1.24 / 3. So chance = 0.20667 for
// every N (the 1/sqrt(N) keeps the signal's power fixed).
// Draw order: b = 0..B-1, then k = 0..N-1: u_k, w_k, p_k.
#include <cmath>
#include <memory>

#include "core/tasks/tasks.h"
#include "core/tasks/task_util.h"

namespace unroll {
namespace {

constexpr double kAmpLo = 0.2, kAmpHi = 1.0;
constexpr double kFreqLo = 0.1, kFreqHi = 0.6;
constexpr double kTwoPi = 6.283185307179586;

class SineTask : public Task {
 public:
  SineTask(Index T, Index waves) : T_(T), N_(waves) {
    info_.name = "sine";
    info_.description = "Predict the next value of a sum of " +
                        std::to_string(waves) +
                        " sine wave(s) with random amplitude, frequency, phase.";
    info_.metric_name = "mse";
    info_.metric_higher_is_better = false;
    const double mean_u2 = (kAmpLo * kAmpLo + kAmpLo * kAmpHi + kAmpHi * kAmpHi) / 3;
    info_.chance_metric = mean_u2 / 2;
    info_.chance_loss = mean_u2 / 2;
  }
  const TaskInfo& info() const override { return info_; }
  Index input_size() const override { return 1; }
  Index output_size() const override { return 1; }
  LossKind loss() const override { return LossKind::Mse; }
  Index seq_len() const override { return T_; }

  void sample(Rng& rng, Index B, Batch<float>& batch) const override {
    task_util::prepare(batch, T_, B, 1, 1, LossKind::Mse);
    const double scale = 1.0 / std::sqrt(double(N_));
    double amp[5], freq[5], phase[5];
    for (Index b = 0; b < B; ++b) {
      for (Index k = 0; k < N_; ++k) {
        amp[k] = rng.uniform(kAmpLo, kAmpHi) * scale;
        freq[k] = rng.uniform(kFreqLo, kFreqHi);
        phase[k] = rng.uniform(0.0, kTwoPi);
      }
      auto s = [&](double t) {
        double v = 0;
        for (Index k = 0; k < N_; ++k) v += amp[k] * std::sin(freq[k] * t + phase[k]);
        return v;
      };
      for (Index t = 0; t < T_; ++t) {
        const Index c = batch.col(t, b);
        batch.x(0, c) = float(s(double(t)));
        batch.y(0, c) = float(s(double(t + 1)));
        batch.weight[size_t(c)] = 1.0f;
      }
    }
  }

  double metric(const Batch<float>& batch, const Mat<float>& out) const override {
    return task_util::mse(batch, out);
  }

  std::string render(const Batch<float>& batch, const Mat<float>& out,
                     Index b) const override {
    if (b < 0 || b >= batch.B) return "(no such sequence)";
    const bool fits = task_util::out_fits(batch, out);
    const Index shown = batch.T < 6 ? batch.T : 6, t0 = batch.T - shown;
    std::string head = "last " + std::to_string(shown) + " steps (t=" +
                       std::to_string(t0) + ".." + std::to_string(batch.T - 1) + ")";
    std::string target = "target: ", model = "model:  ";
    double se = 0;
    for (Index t = t0; t < batch.T; ++t) {
      const Index c = batch.col(t, b);
      const float y = batch.y(0, c);
      target += (y >= 0 ? " +" : " ") + task_util::fixed(y, 3);
      if (fits) {
        model += (out(0, c) >= 0 ? " +" : " ") + task_util::fixed(out(0, c), 3);
      }
    }
    if (!fits) return head + "\n" + target + "\nmodel:  (no prediction)";
    for (Index t = 0; t < batch.T; ++t) {
      const Index c = batch.col(t, b);
      const double d = double(out(0, c)) - double(batch.y(0, c));
      se += d * d;
    }
    return head + "\n" + target + "\n" + model + "\nsequence mse " +
           task_util::fixed(se / double(batch.T), 4);
  }

 private:
  Index T_, N_;
  TaskInfo info_;
};

}  // namespace

std::unique_ptr<Task> make_sine_task(Index T, Index waves, std::string* error) {
  std::string e = task_util::check_range("sine", "T", T, 1, kMaxTaskT);
  if (e.empty()) e = task_util::check_range("sine", "waves", waves, 1, 5);
  if (!e.empty()) {
    if (error) *error = e;
    return nullptr;
  }
  return std::make_unique<SineTask>(T, waves);
}

}  // namespace unroll
