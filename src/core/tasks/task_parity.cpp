// Parity (running XOR) of a bit stream.
//
// Layout, per sequence (I = 1, O = 2 classes, Xent):
//   x(0, t) = bit_t in {0, 1}, i.i.d. fair coin
//   target t = bit_0 xor ... xor bit_t   (running parity, at every step)
//   weight: 1 at every step (parity_at=every) or only at t = T-1
//           (parity_at=end). Targets are filled everywhere either way.
// Metric: accuracy at the counted steps. Chance: the parity is a fair coin
// whatever came before, so blind accuracy is 0.5 and blind loss log 2.
// Draw order: b = 0..B-1, then t = 0..T-1, one draw per bit.
#include <cmath>
#include <memory>

#include "core/tasks/tasks.h"
#include "core/tasks/task_util.h"

namespace unroll {
namespace {

class ParityTask : public Task {
 public:
  ParityTask(Index T, bool every) : T_(T), every_(every) {
    info_.name = "parity";
    info_.description =
        every ? "Output the parity (XOR) of all bits so far, at every step."
              : "Output the parity (XOR) of all bits, at the last step.";
    info_.metric_name = "accuracy";
    info_.metric_higher_is_better = true;
    info_.chance_metric = 0.5;
    info_.chance_loss = std::log(2.0);
    vocab_ = {"0", "1"};
  }
  const TaskInfo& info() const override { return info_; }
  Index input_size() const override { return 1; }
  Index output_size() const override { return 2; }
  LossKind loss() const override { return LossKind::Xent; }
  Index seq_len() const override { return T_; }
  const std::vector<std::string>& vocab() const override { return vocab_; }

  void sample(Rng& rng, Index B, Batch<float>& batch) const override {
    task_util::prepare(batch, T_, B, 1, 2, LossKind::Xent);
    for (Index b = 0; b < B; ++b) {
      int parity = 0;
      for (Index t = 0; t < T_; ++t) {
        const int bit = int(rng.below(2));
        parity ^= bit;
        const Index c = batch.col(t, b);
        batch.x(0, c) = float(bit);
        batch.target[size_t(c)] = parity;
        if (every_ || t == T_ - 1) batch.weight[size_t(c)] = 1.0f;
      }
    }
  }

  double metric(const Batch<float>& batch, const Mat<float>& out) const override {
    return task_util::accuracy(batch, out);
  }

  std::string render(const Batch<float>& batch, const Mat<float>& out,
                     Index b) const override {
    if (b < 0 || b >= batch.B) return "(no such sequence)";
    // Long streams: show the last 48 steps (where the memory is tested).
    const Index shown = batch.T < 48 ? batch.T : 48, t0 = batch.T - shown;
    const std::string cut = t0 > 0 ? "..." : "";
    const bool fits = task_util::out_fits(batch, out);
    std::string bits, par, model;
    for (Index t = t0; t < batch.T; ++t) {
      const Index c = batch.col(t, b);
      bits += batch.x(0, c) > 0.5f ? '1' : '0';
      par += char('0' + batch.target[size_t(c)]);
      model += fits ? char('0' + task_util::argmax(out, c)) : '?';
    }
    std::string s = "bits:   " + cut + bits + "\nparity: " + cut + par + "\n";
    if (!fits) return s + "model:  (no prediction)";
    return s + "model:  " + cut + model;
  }

 private:
  Index T_;
  bool every_;
  TaskInfo info_;
  std::vector<std::string> vocab_;
};

}  // namespace

std::unique_ptr<Task> make_parity_task(Index T, bool every_step,
                                       std::string* error) {
  const std::string e = task_util::check_range("parity", "T", T, 1, kMaxTaskT);
  if (!e.empty()) {
    if (error) *error = e;
    return nullptr;
  }
  return std::make_unique<ParityTask>(T, every_step);
}

}  // namespace unroll
