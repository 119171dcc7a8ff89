// Finite-difference gradient checks (double) for the recurrent
// encoder-decoder: every cell, 1-2 layers, without attention (the gradient
// reaches the encoder only through the context vector) and with additive
// (Bahdanau) and general (Luong) attention.
#include <gtest/gtest.h>

#include <cmath>

#include "core/layers/loss.h"
#include "core/tensor/rng.h"
#include "core/models/encoder_decoder.h"

namespace unroll {
namespace {

struct Case {
  CellKind cell;
  Index layers;
  AttnKind attn;
};

void check(const Case& cs) {
  Rng rng(21);
  EncoderDecoderSpec s;
  s.cell = cs.cell;
  s.src_input = 4;
  s.input = 3;
  s.hidden = 5;
  s.layers = cs.layers;
  s.output = 3;
  s.attn = cs.attn;
  EncoderDecoder<double> m(s);
  for (auto& p : m.params())
    for (Index j = 0; j < p.value.size(); ++j) p.value.data()[j] = 0.5 * rng.normal();
  const Index B = 2, Ts = 4, Tt = 3;
  Mat<double> src(4, Ts * B);
  for (Index j = 0; j < src.size(); ++j) src.data()[j] = rng.normal();
  Batch<double> b;
  b.resize(Tt, B, 3, 3, LossKind::Xent);
  for (Index j = 0; j < b.x.size(); ++j) b.x.data()[j] = rng.normal();
  for (Index j = 0; j < Tt * B; ++j) {
    b.target[size_t(j)] = int(rng.below(3));
    b.weight[size_t(j)] = 1.0;
  }
  Mat<double> dout(3, Tt * B);
  const double N = double(Tt * B);
  auto loss = [&] {
    m.forward(src, b.x, B);
    return loss_chunk(b, m.out(), 0, Tt, 1.0 / N, dout) / N;
  };
  loss();
  zero_grads(m.params());
  m.backward(src, b.x, dout);
  const double eps = 1e-5;
  double worst = 0;
  std::string where;
  for (auto& p : m.params())
    for (Index j = 0; j < p.value.size(); ++j) {
      const double v = p.value.data()[j];
      p.value.data()[j] = v + eps;
      const double lp = loss();
      p.value.data()[j] = v - eps;
      const double lm = loss();
      p.value.data()[j] = v;
      const double fd = (lp - lm) / (2 * eps), an = p.grad.data()[j];
      const double err = std::abs(fd - an) / std::max(1e-4, std::abs(fd) + std::abs(an));
      if (err > worst) { worst = err; where = p.name; }
    }
  EXPECT_LT(worst, 2e-5) << "worst relative error in " << where;
  // the encoder really gets a gradient (through the context vector / attention)
  EXPECT_GT(m.params()[0].grad.norm(), 1e-6);
}

class Seq2SeqGradCheck : public ::testing::TestWithParam<Case> {};
TEST_P(Seq2SeqGradCheck, MatchesFiniteDifferences) { check(GetParam()); }

std::vector<Case> cases() {
  std::vector<Case> v;
  for (CellKind k : {CellKind::RnnTanh, CellKind::RnnRelu, CellKind::Lstm, CellKind::Gru})
    for (AttnKind a : {AttnKind::None, AttnKind::Bahdanau, AttnKind::Luong})
      for (Index L : {1, 2}) v.push_back({k, L, a});
  return v;
}

std::string name(const ::testing::TestParamInfo<Case>& i) {
  const char* a[] = {"none", "bahdanau", "luong"};
  return std::string(cell_name(i.param.cell)) + "_L" + std::to_string(i.param.layers) + "_" +
         a[int(i.param.attn)];
}

INSTANTIATE_TEST_SUITE_P(AllCells, Seq2SeqGradCheck, ::testing::ValuesIn(cases()), name);

// Greedy decoding feeds back its own predictions: with teacher-forcing
// inputs equal to those predictions, the two passes give the same outputs.
TEST(EncoderDecoder, GreedyEqualsTeacherForcingOnItsOwnPredictions) {
  Rng rng(4);
  EncoderDecoderSpec s;
  s.cell = CellKind::Gru; s.src_input = 5; s.input = 4; s.hidden = 6; s.output = 3;
  s.attn = AttnKind::Luong;
  EncoderDecoder<double> m(s);
  m.init(rng, 1.0);
  const Index B = 3, Ts = 5, Tt = 4;
  Mat<double> src = Mat<double>::Zero(5, Ts * B);
  for (Index c = 0; c < Ts * B; ++c) src(rng.below(5), c) = 1;
  Mat<double> x = Mat<double>::Zero(4, Tt * B);
  for (Index b = 0; b < B; ++b) x(3, b) = 1;  // start token
  m.greedy(src, x, B);
  const Mat<double> greedy_out = m.out();
  for (Index t = 1; t < Tt; ++t)
    for (Index b = 0; b < B; ++b) {
      Index k = 0;
      greedy_out.col((t - 1) * B + b).maxCoeff(&k);
      EXPECT_EQ(x(k, t * B + b), 1.0);
      EXPECT_EQ(x.col(t * B + b).sum(), 1.0);
    }
  m.forward(src, x, B);
  EXPECT_LT((m.out() - greedy_out).cwiseAbs().maxCoeff(), 1e-12);
  const Mat<double> a = m.attention(1);
  ASSERT_EQ(a.rows(), Tt);
  ASSERT_EQ(a.cols(), Ts);
  for (Index t = 0; t < Tt; ++t) EXPECT_NEAR(a.row(t).sum(), 1.0, 1e-12);
}

}  // namespace
}  // namespace unroll
