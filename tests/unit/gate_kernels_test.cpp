// The float cells run fused vectorised gate kernels (core/gate_kernels.h);
// double runs the Eigen expressions that the gradient checks verify. Same
// weights and batch in both: outputs and every parameter gradient must agree
// to float precision, for hidden sizes that fill whole vectors and ones that
// leave a partial vector (H = 10), over several steps so states carry.
#include <gtest/gtest.h>

#include <cmath>

#include "core/layers/loss.h"
#include "core/rnn/bptt.h"
#include "core/tensor/rng.h"

namespace unroll {
namespace {

struct StepResult {
  Mat<double> out;
  std::vector<Mat<double>> grads;
};

template <class S>
StepResult train_step(const RnnSpec& spec, uint64_t seed, Index T, Index B) {
  Rng rng(seed);
  RnnStack<S> m(spec);
  for (auto& p : m.params())
    for (Index j = 0; j < p.value.size(); ++j) p.value.data()[j] = S(0.6 * rng.normal());
  Batch<S> b;
  b.resize(T, B, spec.input, spec.output, LossKind::Mse);
  for (Index j = 0; j < b.x.size(); ++j) b.x.data()[j] = S(1.5 * rng.normal());
  for (Index j = 0; j < b.y.size(); ++j) b.y.data()[j] = S(rng.normal());
  std::fill(b.weight.begin(), b.weight.end(), S(1));
  RnnWorkspace<S> ws;
  ws.resize(spec, T, B);
  m.zero_grad();
  forward<S>(m, b.x, ws);
  loss_chunk(b, ws.out, 0, T, 1.0, ws.dout);
  backward_chunk<S>(m, b.x, 0, T, ws);
  StepResult r{ws.out.template cast<double>(), {}};
  for (const auto& p : m.params()) r.grads.push_back(p.grad.template cast<double>());
  return r;
}

void expect_close(const Mat<double>& got, const Mat<double>& want, const std::string& what) {
  ASSERT_EQ(got.rows(), want.rows()) << what;
  const double scale = std::max(want.cwiseAbs().maxCoeff(), 1e-3);
  const double err = (got - want).cwiseAbs().maxCoeff();
  EXPECT_LT(err / scale, 2e-5) << what << ": max abs error " << err << " (scale " << scale << ")";
}

TEST(GateKernels, FloatCellsMatchTheDoubleEigenPath) {
  for (CellKind cell : {CellKind::RnnTanh, CellKind::RnnRelu, CellKind::Lstm, CellKind::Gru})
    for (Index H : {Index(10), Index(16)})
      for (Index layers : {Index(1), Index(2)}) {
        const RnnSpec spec{cell, 3, H, layers, 2};
        const std::string what = std::string(cell_name(cell)) + " H=" + std::to_string(H) +
                                 " layers=" + std::to_string(layers);
        const StepResult f = train_step<float>(spec, 77, 7, 3);
        const StepResult d = train_step<double>(spec, 77, 7, 3);
        expect_close(f.out, d.out, what + " output");
        for (size_t k = 0; k < d.grads.size(); ++k)
          expect_close(f.grads[k], d.grads[k], what + " grad of parameter " + std::to_string(k));
      }
}

TEST(GateKernels, FloatStepIsBitIdenticalRunToRun) {
  const RnnSpec spec{CellKind::Lstm, 3, 10, 1, 2};
  const StepResult a = train_step<float>(spec, 5, 6, 4), b = train_step<float>(spec, 5, 6, 4);
  EXPECT_EQ(a.out, b.out);
  for (size_t k = 0; k < a.grads.size(); ++k) EXPECT_EQ(a.grads[k], b.grads[k]);
}

}  // namespace
}  // namespace unroll
