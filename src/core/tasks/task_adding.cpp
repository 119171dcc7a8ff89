// The adding problem (Hochreiter & Schmidhuber 1997, in the form of
// Le, Jaitly & Hinton 2015).
//
// Layout, per sequence (I = 2, O = 1, Mse):
//   x(0, t) = value ~ U[0, 1)
//   x(1, t) = 1 at exactly two marked steps, 0 elsewhere: one marked step
//             in the first half [0, T/2), one in the second half [T/2, T)
//   y(0, T-1) = sum of the two marked values; weight 1 at t = T-1 only.
// T >= 2 is required so the two marked steps are distinct.
//
// Chance: the best input-blind prediction is the mean of the sum, 1.0; its
// MSE is Var(u1 + u2) = 2 * (1/12) = 1/6 ~ 0.1667 (metric and loss alike,
// loss being the mean squared error at the counted step).
//
// Draw order (part of the determinism contract): for b = 0..B-1: the T
// values in time order, then the first marker, then the second marker.
#include <memory>

#include "core/tasks/tasks.h"
#include "core/tasks/task_util.h"

namespace unroll {
namespace {

class AddingTask : public Task {
 public:
  explicit AddingTask(Index T) : T_(T) {
    info_.name = "adding";
    info_.description =
        "Add the two marked numbers of a sequence; the answer is due at the "
        "last step.";
    info_.metric_name = "mse";
    info_.metric_higher_is_better = false;
    info_.chance_metric = 1.0 / 6.0;
    info_.chance_loss = 1.0 / 6.0;
  }
  const TaskInfo& info() const override { return info_; }
  Index input_size() const override { return 2; }
  Index output_size() const override { return 1; }
  LossKind loss() const override { return LossKind::Mse; }
  Index seq_len() const override { return T_; }

  void sample(Rng& rng, Index B, Batch<float>& batch) const override {
    task_util::prepare(batch, T_, B, 2, 1, LossKind::Mse);
    const Index half = T_ / 2;
    for (Index b = 0; b < B; ++b) {
      for (Index t = 0; t < T_; ++t)
        batch.x(0, batch.col(t, b)) = float(rng.uniform());
      const Index m1 = Index(rng.below(half));             // [0, T/2)
      const Index m2 = half + Index(rng.below(T_ - half));  // [T/2, T)
      batch.x(1, batch.col(m1, b)) = 1.0f;
      batch.x(1, batch.col(m2, b)) = 1.0f;
      // Sum in float, the same values the model sees.
      const Index last = batch.col(T_ - 1, b);
      batch.y(0, last) = batch.x(0, batch.col(m1, b)) + batch.x(0, batch.col(m2, b));
      batch.weight[size_t(last)] = 1.0f;
    }
  }

  double metric(const Batch<float>& batch, const Mat<float>& out) const override {
    return task_util::mse(batch, out);
  }

  std::string render(const Batch<float>& batch, const Mat<float>& out,
                     Index b) const override {
    if (b < 0 || b >= batch.B) return "(no such sequence)";
    std::string marks;
    for (Index t = 0; t < batch.T; ++t) {
      if (batch.x(1, batch.col(t, b)) == 0) continue;
      if (!marks.empty()) marks += " + ";
      marks += task_util::fixed(batch.x(0, batch.col(t, b)), 3) + " (t=" +
               std::to_string(t) + ")";
    }
    const Index last = batch.col(batch.T - 1, b);
    std::string s = "marked: " + marks + "\n";
    s += "target: " + task_util::fixed(batch.y(0, last), 3) + "\n";
    if (task_util::out_fits(batch, out))
      s += "model:  " + task_util::fixed(out(0, last), 3) + "  (error " +
           task_util::fixed(out(0, last) - batch.y(0, last), 3) + ")";
    else
      s += "model:  (no prediction)";
    return s;
  }

 private:
  Index T_;
  TaskInfo info_;
};

}  // namespace

std::unique_ptr<Task> make_adding_task(Index T, std::string* error) {
  const std::string e = task_util::check_range(
      "adding", "T", T, 2, kMaxTaskT,
      "the two marked steps must be distinct, one in each half");
  if (!e.empty()) {
    if (error) *error = e;
    return nullptr;
  }
  return std::make_unique<AddingTask>(T);
}

}  // namespace unroll
