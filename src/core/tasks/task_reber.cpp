// Embedded Reber grammar (Fahlman 1991; Hochreiter & Schmidhuber 1997).
//
// Symbols (one-hot input, class = index): B T P S X V E = 0..6.
// Reber string: B, a walk through the graph below, E. Every branch is a
// fair coin.
//   after B: T -> n2 | P -> n3        n2: S -> n2 | X -> n4
//   n3: T -> n3 | V -> n5             n4: X -> n3 | S -> end
//   n5: P -> n4 | V -> end            end: E
// Embedded string: B, c, <Reber string>, c, E with c in {T, P}. The second
// last symbol repeats the second one across the whole inner string: the
// long-range dependency. Shortest embedded string: B T BTXSE T E, 9 symbols.
//
// Layout, per sequence of n symbols s_0..s_{n-1} padded to T steps
// (I = O = 7, Xent):
//   t < n:      x = one-hot(s_t)
//   t < n-1:    target s_{t+1}, weight 1 (every symbol with a successor)
//   t >= n-1:   target E, weight 0; x = 0 after the string (padding)
// Strings longer than T are rejected and redrawn (fresh draws), so T is
// the padded length; T >= 9 is required.
//
// Metric: long-range accuracy: at step n-3 (whose target is s_{n-2}, the
// repeat of s_1) the argmax must equal s_{n-2}. Chance 0.5: without
// memory of s_1 both T and P are equally likely there.
// Chance loss: the best constant predictor (blind to input and position)
// scores the entropy of the next-symbol frequencies; it depends on T via
// the rejection, so make_reber_task estimates it from 20000 strings drawn
// with a fixed seed (deterministic, cheap).
#include <array>
#include <cmath>
#include <memory>

#include "core/tasks/tasks.h"
#include "core/tasks/task_util.h"

namespace unroll {
namespace {

enum Sym { B = 0, Tt = 1, P = 2, S = 3, X = 4, V = 5, E = 6 };
const char kNames[] = "BTPSXVE";

// Graph of the inner Reber string: node -> two (symbol, next node) edges.
// Node 0 is "after B"; next node -1 means "emit E and stop".
struct Edge { int sym, next; };
const Edge kGraph[5][2] = {
    {{Tt, 1}, {P, 2}},   // after B
    {{S, 1}, {X, 3}},    // n2
    {{Tt, 2}, {V, 4}},   // n3
    {{X, 2}, {S, -1}},   // n4
    {{P, 3}, {V, -1}},   // n5
};

using Buffer = std::array<uint8_t, kMaxTaskT>;

// Draws one embedded Reber string of at most T symbols into buf; returns n.
Index draw_string(Rng& rng, Index T, Buffer& buf) {
  for (;;) {
    Index n = 0;
    bool too_long = false;
    auto put = [&](int s) {
      if (n < T) buf[size_t(n)] = uint8_t(s); else too_long = true;
      ++n;
    };
    const int c = rng.below(2) ? P : Tt;
    put(B); put(c); put(B);
    for (int node = 0; node >= 0 && !too_long;) {
      const Edge& e = kGraph[node][rng.below(2)];
      put(e.sym);
      node = e.next;
    }
    if (too_long) continue;
    put(E); put(c); put(E);
    if (!too_long) return n;
  }
}

class ReberTask : public Task {
 public:
  explicit ReberTask(Index T) : T_(T) {
    info_.name = "reber";
    info_.description =
        "Predict the next symbol of embedded Reber grammar strings; the "
        "second-last symbol repeats the second.";
    info_.metric_name = "long-range accuracy";
    info_.metric_higher_is_better = true;
    info_.chance_metric = 0.5;
    info_.chance_loss = constant_predictor_loss();
    for (int i = 0; i < 7; ++i) vocab_.push_back(std::string(1, kNames[i]));
  }
  const TaskInfo& info() const override { return info_; }
  Index input_size() const override { return 7; }
  Index output_size() const override { return 7; }
  LossKind loss() const override { return LossKind::Xent; }
  Index seq_len() const override { return T_; }
  const std::vector<std::string>& vocab() const override { return vocab_; }

  void sample(Rng& rng, Index B_, Batch<float>& batch) const override {
    task_util::prepare(batch, T_, B_, 7, 7, LossKind::Xent);
    Buffer buf;
    for (Index b = 0; b < B_; ++b) {
      const Index n = draw_string(rng, T_, buf);
      for (Index t = 0; t < T_; ++t) {
        const Index c = batch.col(t, b);
        if (t < n) batch.x(buf[size_t(t)], c) = 1.0f;
        if (t + 1 < n) {
          batch.target[size_t(c)] = buf[size_t(t + 1)];
          batch.weight[size_t(c)] = 1.0f;
        } else {
          batch.target[size_t(c)] = E;
        }
      }
    }
  }

  double metric(const Batch<float>& batch, const Mat<float>& out) const override {
    if (!task_util::out_fits(batch, out) || batch.B == 0)
      return std::nan("");
    double right = 0;
    for (Index b = 0; b < batch.B; ++b) {
      const Index c = batch.col(long_range_step(batch, b), b);
      right += task_util::argmax(out, c) == batch.target[size_t(c)];
    }
    return right / double(batch.B);
  }

  std::string render(const Batch<float>& batch, const Mat<float>& out,
                     Index b) const override {
    if (b < 0 || b >= batch.B) return "(no such sequence)";
    const bool fits = task_util::out_fits(batch, out);
    const Index lr = long_range_step(batch, b), n = lr + 3;
    std::string str, model = " ";  // predictions sit under their target
    for (Index t = 0; t < n; ++t) {
      const Index c = batch.col(t, b);
      for (Index i = 0; i < 7; ++i)
        if (batch.x(i, c) > 0) str += kNames[i];
      if (t + 1 < n) model += fits ? kNames[task_util::argmax(out, c)] : '?';
    }
    const Index c = batch.col(lr, b);
    std::string s = "string: " + str + "\n";
    if (!fits) return s + "model:  (no prediction)";
    s += "model:  " + model + "\n";
    s += std::string("long-range symbol ") + kNames[batch.target[size_t(c)]] +
         ", model says " + kNames[task_util::argmax(out, c)];
    return s;
  }

 private:
  // The step whose target is the long-range symbol: one before the last
  // counted step (whose target is the final E).
  static Index long_range_step(const Batch<float>& batch, Index b) {
    Index last = 0;
    for (Index t = 0; t < batch.T; ++t)
      if (batch.weight[size_t(batch.col(t, b))] > 0) last = t;
    return last >= 1 ? last - 1 : 0;
  }

  double constant_predictor_loss() const {
    Rng rng(0x5245424552ULL);  // fixed: "REBER"
    Buffer buf;
    double count[7] = {0}, total = 0;
    for (int i = 0; i < 20000; ++i) {
      const Index n = draw_string(rng, T_, buf);
      for (Index t = 1; t < n; ++t) count[buf[size_t(t)]] += 1;
      total += double(n - 1);
    }
    double h = 0;
    for (double k : count)
      if (k > 0) h -= (k / total) * std::log(k / total);
    return h;
  }

  Index T_;
  TaskInfo info_;
  std::vector<std::string> vocab_;
};

}  // namespace

std::unique_ptr<Task> make_reber_task(Index T, std::string* error) {
  const std::string e = task_util::check_range(
      "reber", "T", T, 9, kMaxTaskT,
      "reber needs T >= 9, the length of the shortest embedded Reber string");
  if (!e.empty()) {
    if (error) *error = e;
    return nullptr;
  }
  return std::make_unique<ReberTask>(T);
}

}  // namespace unroll
