// Finite-difference gradient checks in double precision: every cell, 1 and 2
// layers, the head, both losses, masks, and truncated BPTT (against the
// truncated objective, where each chunk starts from a fixed state).
#include <gtest/gtest.h>

#include <cmath>

#include "core/layers/loss.h"
#include "core/rnn/bptt.h"
#include "core/tensor/rng.h"

namespace unroll {
namespace {

struct Case {
  CellKind cell;
  Index layers;
  LossKind loss;
  Index tbptt;  // 0 = full
  bool mask;
};

Batch<double> random_batch(Rng& rng, Index T, Index B, Index I, Index O, LossKind k, bool mask) {
  Batch<double> b;
  b.resize(T, B, I, O, k);
  for (Index j = 0; j < b.x.size(); ++j) b.x.data()[j] = rng.normal();
  for (Index j = 0; j < T * B; ++j) {
    if (k == LossKind::Mse) for (Index o = 0; o < O; ++o) b.y(o, j) = rng.normal();
    else b.target[size_t(j)] = int(rng.below(O));
    b.weight[size_t(j)] = mask ? double(rng.below(2)) : 1.0;
  }
  if (mask) b.weight[size_t(T * B - 1)] = 1.0;  // never an empty mask
  return b;
}

RnnStack<double> random_model(Rng& rng, const RnnSpec& spec) {
  RnnStack<double> m(spec);
  for (auto& p : m.params())
    for (Index j = 0; j < p.value.size(); ++j) p.value.data()[j] = 0.5 * rng.normal();
  return m;
}

// Loss of the truncated objective. With `states` empty it runs the chunks
// carrying state and records each chunk's starting state; with `states`
// given it starts every chunk from those recorded (fixed) states.
double objective(const RnnStack<double>& m, const Batch<double>& b, Index k, RnnWorkspace<double>& ws,
                 std::vector<std::vector<Mat<double>>>* record,
                 const std::vector<std::vector<Mat<double>>>* fixed) {
  ws.reset_state();
  const double N = b.counted();
  double total = 0;
  Index chunk = 0;
  for (Index t0 = 0; t0 < b.T; t0 += k, ++chunk) {
    const Index t1 = std::min(b.T, t0 + k);
    for (size_t l = 0; l < ws.layers.size(); ++l) {
      auto& c = ws.layers[l];
      if (fixed) {
        c.h.middleCols(t0 * b.B, b.B) = (*fixed)[size_t(chunk)][2 * l];
        if (c.c.size()) c.c.middleCols(t0 * b.B, b.B) = (*fixed)[size_t(chunk)][2 * l + 1];
      }
      if (record) {
        if (record->size() <= size_t(chunk)) record->emplace_back();
        (*record)[size_t(chunk)].push_back(c.h.middleCols(t0 * b.B, b.B));
        (*record)[size_t(chunk)].push_back(c.c.size() ? Mat<double>(c.c.middleCols(t0 * b.B, b.B))
                                                      : Mat<double>());
      }
    }
    forward_chunk<double>(m, b.x, t0, t1, ws);
    total += loss_chunk(b, ws.out, t0, t1, 1.0 / N, ws.dout);
  }
  return total / N;
}

void check(const Case& cs) {
  Rng rng(42);
  const Index T = 7, B = 3, I = 4, H = 5, O = 3;
  RnnSpec spec{cs.cell, I, H, cs.layers, O};
  RnnStack<double> m = random_model(rng, spec);
  Batch<double> b = random_batch(rng, T, B, I, O, cs.loss, cs.mask);
  RnnWorkspace<double> ws;
  ws.resize(spec, T, B);
  const Index k = cs.tbptt ? cs.tbptt : T;

  // Analytic gradient: chunk by chunk, forward then backward of each.
  m.zero_grad();
  ws.reset_state();
  const double N = b.counted();
  for (Index t0 = 0; t0 < T; t0 += k) {
    const Index t1 = std::min(T, t0 + k);
    forward_chunk<double>(m, b.x, t0, t1, ws);
    loss_chunk(b, ws.out, t0, t1, 1.0 / N, ws.dout);
    backward_chunk<double>(m, b.x, t0, t1, ws);
  }
  std::vector<std::vector<Mat<double>>> states;
  objective(m, b, k, ws, &states, nullptr);

  const double eps = 1e-6;
  double worst = 0;
  std::string worst_name;
  for (auto& p : m.params()) {
    for (Index j = 0; j < p.value.size(); ++j) {
      const double v = p.value.data()[j];
      p.value.data()[j] = v + eps;
      const double lp = objective(m, b, k, ws, nullptr, &states);
      p.value.data()[j] = v - eps;
      const double lm = objective(m, b, k, ws, nullptr, &states);
      p.value.data()[j] = v;
      const double fd = (lp - lm) / (2 * eps);
      const double an = p.grad.data()[j];
      const double err = std::abs(fd - an) / std::max(1e-4, std::abs(fd) + std::abs(an));
      if (err > worst) { worst = err; worst_name = p.name; }
    }
  }
  // A wrong term gives errors of order 1e-1; central differences with
  // eps = 1e-6 in double leave about 1e-6 of noise on small entries.
  EXPECT_LT(worst, 2e-5) << "worst relative error in " << worst_name;
}

class GradCheck : public ::testing::TestWithParam<Case> {};
TEST_P(GradCheck, MatchesFiniteDifferences) { check(GetParam()); }

std::string case_name(const ::testing::TestParamInfo<Case>& i) {
  const Case& c = i.param;
  return std::string(cell_name(c.cell)) + "_L" + std::to_string(c.layers) +
         (c.loss == LossKind::Mse ? "_mse" : "_xent") +
         (c.tbptt ? "_tbptt" + std::to_string(c.tbptt) : "") + (c.mask ? "_mask" : "");
}

std::vector<Case> all_cases() {
  std::vector<Case> v;
  for (CellKind k : {CellKind::RnnTanh, CellKind::RnnRelu, CellKind::Lstm, CellKind::Gru})
    for (Index L : {1, 2})
      for (LossKind loss : {LossKind::Mse, LossKind::Xent}) {
        v.push_back({k, L, loss, 0, false});
        v.push_back({k, L, loss, 0, true});
        v.push_back({k, L, loss, 3, true});
      }
  return v;
}

INSTANTIATE_TEST_SUITE_P(AllCells, GradCheck, ::testing::ValuesIn(all_cases()), case_name);

}  // namespace
}  // namespace unroll
