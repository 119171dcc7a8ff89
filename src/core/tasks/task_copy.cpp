// Copy memory (Hochreiter & Schmidhuber 1997; Arjovsky, Shah & Bengio 2016).
//
// Layout, per sequence, with K = symbols, A = alphabet, delay T; the
// sequence has L = 2K + T + 1 steps:
//   steps [0, K)           input: the K letters to remember
//   steps [K, K+T)         input: blank (the delay)
//   step  K+T              input: go
//   steps [K+T+1, 2K+T+1)  input: blank; target: the K letters in order
// Input tokens (one-hot, I = A + 2): letters 0..A-1, blank A, go A+1.
// Output classes (O = A + 1): letters 0..A-1, blank A. Every position that
// is not a recall step has target blank and weight 0: the loss (Xent)
// counts ONLY the K recall steps, so a model cannot lower it by echoing
// blanks, and chance really is uniform guessing.
//
// Metric: per-symbol accuracy on the recall steps. Chance: a blind
// predictor can do no better than uniform over the A letters: accuracy
// 1/A, loss log(A).
//
// Letters are drawn i.i.d. uniform from the alphabet (repeats allowed), K
// draws per sequence, b = 0..B-1 in order.
#include <cmath>
#include <memory>

#include "core/tasks/tasks.h"
#include "core/tasks/task_util.h"

namespace unroll {
namespace {

// A..Z then a..f: 32 letter names for alphabets up to 32.
std::string letter_name(Index i) {
  return std::string(1, i < 26 ? char('A' + i) : char('a' + (i - 26)));
}

class CopyTask : public Task {
 public:
  CopyTask(Index T, Index K, Index A) : T_(T), K_(K), A_(A) {
    info_.name = "copy";
    info_.description = "Remember " + std::to_string(K) + " letters through " +
                        std::to_string(T) +
                        " blank steps, then repeat them after the go marker.";
    info_.metric_name = "recall accuracy";
    info_.metric_higher_is_better = true;
    info_.chance_metric = 1.0 / double(A);
    info_.chance_loss = std::log(double(A));
    for (Index i = 0; i < A; ++i) vocab_.push_back(letter_name(i));
    vocab_.push_back("_");  // blank
    vocab_.push_back(">");  // go
  }
  const TaskInfo& info() const override { return info_; }
  Index input_size() const override { return A_ + 2; }
  Index output_size() const override { return A_ + 1; }
  LossKind loss() const override { return LossKind::Xent; }
  Index seq_len() const override { return 2 * K_ + T_ + 1; }
  const std::vector<std::string>& vocab() const override { return vocab_; }

  void sample(Rng& rng, Index B, Batch<float>& batch) const override {
    const Index L = seq_len(), blank = A_, go = A_ + 1;
    task_util::prepare(batch, L, B, A_ + 2, A_ + 1, LossKind::Xent);
    for (Index b = 0; b < B; ++b) {
      for (Index t = 0; t < L; ++t) {
        batch.x(blank, batch.col(t, b)) = 1.0f;  // overwritten below
        batch.target[size_t(batch.col(t, b))] = int(blank);
      }
      for (Index k = 0; k < K_; ++k) {
        const Index letter = Index(rng.below(A_));
        const Index in = batch.col(k, b), out = batch.col(K_ + T_ + 1 + k, b);
        batch.x(blank, in) = 0.0f;
        batch.x(letter, in) = 1.0f;
        batch.target[size_t(out)] = int(letter);
        batch.weight[size_t(out)] = 1.0f;
      }
      batch.x(blank, batch.col(K_ + T_, b)) = 0.0f;
      batch.x(go, batch.col(K_ + T_, b)) = 1.0f;
    }
  }

  double metric(const Batch<float>& batch, const Mat<float>& out) const override {
    return task_util::accuracy(batch, out);
  }

  std::string render(const Batch<float>& batch, const Mat<float>& out,
                     Index b) const override {
    if (b < 0 || b >= batch.B) return "(no such sequence)";
    std::string shown, target, model;
    for (Index k = 0; k < K_; ++k) {
      const Index in = batch.col(k, b);
      for (Index i = 0; i < A_; ++i)
        if (batch.x(i, in) > 0) shown += vocab_[size_t(i)];
      target += vocab_[size_t(batch.target[size_t(batch.col(K_ + T_ + 1 + k, b))])];
    }
    std::string s = "input:  " + shown + " then " + std::to_string(T_) +
                    " blanks, go\ntarget: " + target + "\n";
    if (!task_util::out_fits(batch, out)) return s + "model:  (no prediction)";
    int right = 0;
    for (Index k = 0; k < K_; ++k) {
      const Index c = batch.col(K_ + T_ + 1 + k, b);
      const int p = task_util::argmax(out, c);
      model += vocab_[size_t(p)];
      right += p == batch.target[size_t(c)];
    }
    return s + "model:  " + model + "  (" + std::to_string(right) + "/" +
           std::to_string(K_) + " right)";
  }

 private:
  Index T_, K_, A_;
  TaskInfo info_;
  std::vector<std::string> vocab_;
};

}  // namespace

std::unique_ptr<Task> make_copy_task(Index T, Index symbols, Index alphabet,
                                     std::string* error) {
  std::string e = task_util::check_range("copy", "T", T, 1, kMaxTaskT);
  if (e.empty()) e = task_util::check_range("copy", "symbols", symbols, 1, 20);
  if (e.empty()) e = task_util::check_range("copy", "alphabet", alphabet, 2, 32);
  if (!e.empty()) {
    if (error) *error = e;
    return nullptr;
  }
  return std::make_unique<CopyTask>(T, symbols, alphabet);
}

}  // namespace unroll
