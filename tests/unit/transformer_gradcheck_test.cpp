// Finite-difference gradient checks (double) for every Transformer piece:
// softmax attention with and without the causal mask, multi-head split and
// merge (self and cross), LayerNorm, the feed-forward block, encoder and
// decoder blocks, and whole models (decoder-only and encoder-decoder, with
// sinusoidal and learned positional encodings).
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "core/layers/loss.h"
#include "core/tensor/rng.h"
#include "core/layers/sdpa.h"
#include "core/tensor/seq_view.h"
#include "core/models/transformer.h"

namespace unroll {
namespace {

Mat<double> randn(Rng& rng, Index r, Index c, double sd = 1.0) {
  Mat<double> m(r, c);
  for (Index j = 0; j < m.size(); ++j) m.data()[j] = sd * rng.normal();
  return m;
}

// Worst relative error between analytic grads and central differences of
// `loss` over every entry of every tensor in `targets`.
double worst_error(const std::vector<std::pair<Mat<double>*, const Mat<double>*>>& targets,
                   const std::function<double()>& loss, std::string* where) {
  // eps 1e-5: truncation error ~eps^2 is negligible, rounding noise smaller
  // than with 1e-6 on these sums of many terms.
  const double eps = 1e-5;
  double worst = 0;
  for (size_t k = 0; k < targets.size(); ++k) {
    Mat<double>& v = *targets[k].first;
    const Mat<double>& g = *targets[k].second;
    for (Index j = 0; j < v.size(); ++j) {
      const double x = v.data()[j];
      v.data()[j] = x + eps;
      const double lp = loss();
      v.data()[j] = x - eps;
      const double lm = loss();
      v.data()[j] = x;
      const double fd = (lp - lm) / (2 * eps);
      const double an = g.data()[j];
      const double err = std::abs(fd - an) / std::max(1e-4, std::abs(fd) + std::abs(an));
      if (err > worst) { worst = err; *where = "tensor " + std::to_string(k) + " entry " + std::to_string(j); }
    }
  }
  return worst;
}

std::vector<std::pair<Mat<double>*, const Mat<double>*>> all_params(ParamList<double>& P) {
  std::vector<std::pair<Mat<double>*, const Mat<double>*>> v;
  for (auto& p : P) v.push_back({&p.value, &p.grad});
  return v;
}

void randomise(ParamList<double>& P, Rng& rng, double sd = 0.4) {
  for (auto& p : P) p.value = randn(rng, p.value.rows(), p.value.cols(), sd);
  for (auto& p : P)  // LayerNorm gains near 1 keep the check well conditioned
    if (p.name.find("norm") != std::string::npos && p.name.find("weight") != std::string::npos)
      p.value.array() += 1.0;
}

// As gradcheck_test.cpp: a wrong term gives errors of order 1e-1; central
// differences (eps 1e-6) leave ~1e-5 relative noise on near-zero entries
// (e.g. the key bias, whose true gradient is 0: softmax ignores it).
constexpr double kTol = 2e-5;

// ---- softmax attention, one head, one sequence --------------------------

void check_sdpa(bool causal, Index Tq, Index Tk) {
  Rng rng(7);
  const Index dk = 3, dv = 4;
  Mat<double> q = randn(rng, dk, Tq), k = randn(rng, dk, Tk), v = randn(rng, dv, Tk);
  const Mat<double> w = randn(rng, dv, Tq);  // loss = sum(w .* c)
  Mat<double> a, c(dv, Tq), scratch(Tk, Tq);
  auto loss = [&] {
    sdpa_forward<double>(q, k, v, causal, a, c);
    return (w.array() * c.array()).sum();
  };
  loss();
  if (causal) {  // masked keys: exactly zero weight
    for (Index t = 0; t < Tq; ++t)
      for (Index s = t + 1; s < Tk; ++s) EXPECT_EQ(a(s, t), 0.0);
  }
  for (Index t = 0; t < Tq; ++t) EXPECT_NEAR(a.col(t).sum(), 1.0, 1e-12);
  Mat<double> dq = Mat<double>::Zero(dk, Tq), dkk = Mat<double>::Zero(dk, Tk),
              dvv = Mat<double>::Zero(dv, Tk);
  sdpa_backward<double>(q, k, v, a, w, scratch, dq, dkk, dvv);
  std::string where;
  EXPECT_LT(worst_error({{&q, &dq}, {&k, &dkk}, {&v, &dvv}}, loss, &where), kTol) << where;
}

TEST(TransformerGradCheck, SoftmaxAttention) { check_sdpa(false, 4, 6); }
TEST(TransformerGradCheck, SoftmaxAttentionCausalMask) { check_sdpa(true, 5, 5); }

// ---- multi-head attention (split into heads, merge, projections) ---------

void check_mha(bool cross, bool causal, Index heads) {
  Rng rng(11);
  const Index d = 8, B = 2, Tq = 4, Tk = cross ? 5 : 4;
  ParamList<double> P;
  MhaRef r = add_mha(P, "attn.", d, heads);
  randomise(P, rng);
  Mat<double> xq = randn(rng, d, Tq * B), xkv = cross ? randn(rng, d, Tk * B) : xq;
  const Mat<double> w = randn(rng, d, Tq * B);
  MhaCache<double> c;
  Mat<double> y, dxq, dxkv;
  auto loss = [&] {
    mha_forward(P, r, xq, cross ? xkv : xq, B, causal, c, y);
    return (w.array() * y.array()).sum();
  };
  loss();
  zero_grads(P);
  mha_backward(P, r, xq, cross ? xkv : xq, w, c, dxq, dxkv);
  auto targets = all_params(P);
  Mat<double> dx_self;
  if (cross) {
    targets.push_back({&xq, &dxq});
    targets.push_back({&xkv, &dxkv});
  } else {
    dx_self = dxq + dxkv;
    targets.push_back({&xq, &dx_self});
  }
  std::string where;
  EXPECT_LT(worst_error(targets, loss, &where), kTol) << where;
}

TEST(TransformerGradCheck, MultiHeadSelfAttention) { check_mha(false, false, 2); }
TEST(TransformerGradCheck, MultiHeadSelfAttentionCausal) { check_mha(false, true, 4); }
TEST(TransformerGradCheck, MultiHeadCrossAttention) { check_mha(true, false, 2); }
TEST(TransformerGradCheck, SingleHeadAttention) { check_mha(false, true, 1); }

// Multi-head output = the heads computed separately on their row blocks
// and concatenated (the split/merge is a pure re-indexing).
TEST(TransformerAttention, HeadsAreIndependentRowBlocks) {
  Rng rng(3);
  const Index d = 8, H = 2, dk = 4, B = 3, T = 5;
  ParamList<double> P;
  MhaRef r = add_mha(P, "a.", d, H);
  randomise(P, rng);
  Mat<double> x = randn(rng, d, T * B), y;
  MhaCache<double> c;
  mha_forward(P, r, x, x, B, true, c, y);
  for (Index b = 0; b < B; ++b)
    for (Index h = 0; h < H; ++h) {
      // recompute head h of sequence b from scratch with plain matrices
      Mat<double> q = seq_view(c.q, b, B).middleRows(h * dk, dk);
      Mat<double> k = seq_view(c.kv, b, B).middleRows(h * dk, dk);
      Mat<double> v = seq_view(c.kv, b, B).middleRows(d + h * dk, dk);
      Mat<double> a, out(dk, T);
      sdpa_forward<double>(q, k, v, true, a, out);
      Mat<double> got = seq_view(c.ctx, b, B).middleRows(h * dk, dk);
      EXPECT_LT((got - out).cwiseAbs().maxCoeff(), 1e-14);
      EXPECT_LT((attention_map(c, H, b, h) - Mat<double>(a.transpose())).cwiseAbs().maxCoeff(), 1e-15);
    }
}

// ---- LayerNorm and feed-forward -------------------------------------------

TEST(TransformerGradCheck, LayerNorm) {
  Rng rng(5);
  const Index d = 6, N = 7;
  ParamList<double> P;
  LayerNormRef r = add_layer_norm(P, "norm", d);
  randomise(P, rng);
  Mat<double> x = randn(rng, d, N, 2.0), y, dx;
  const Mat<double> w = randn(rng, d, N);
  LayerNormCache<double> c;
  auto loss = [&] {
    layer_norm_forward(P, r, x, y, c);
    return (w.array() * y.array()).sum();
  };
  loss();
  zero_grads(P);
  layer_norm_backward(P, r, w, c, dx);
  auto targets = all_params(P);
  targets.push_back({&x, &dx});
  std::string where;
  EXPECT_LT(worst_error(targets, loss, &where), kTol) << where;
}

TEST(TransformerGradCheck, FeedForward) {
  Rng rng(6);
  const Index d = 5, ff = 7, N = 6;
  ParamList<double> P;
  FeedForwardRef r = add_feed_forward(P, "", d, ff);
  randomise(P, rng);
  Mat<double> x = randn(rng, d, N), y, dx;
  const Mat<double> w = randn(rng, d, N);
  FeedForwardCache<double> c;
  auto loss = [&] {
    feed_forward_forward(P, r, x, y, c);
    return (w.array() * y.array()).sum();
  };
  loss();
  zero_grads(P);
  feed_forward_backward(P, r, x, w, c, dx);
  auto targets = all_params(P);
  targets.push_back({&x, &dx});
  std::string where;
  EXPECT_LT(worst_error(targets, loss, &where), kTol) << where;
}

// ---- whole blocks ------------------------------------------------------------

void check_encoder_block(bool causal) {
  Rng rng(8);
  const Index d = 8, B = 2, T = 4;
  ParamList<double> P;
  EncoderLayerRef r = add_encoder_layer(P, "", d, 2, 12);
  randomise(P, rng);
  Mat<double> x = randn(rng, d, T * B), y, dx;
  const Mat<double> w = randn(rng, d, T * B);
  BlockCache<double> c;
  auto loss = [&] {
    encoder_layer_forward(P, r, x, B, causal, c, y);
    return (w.array() * y.array()).sum();
  };
  loss();
  zero_grads(P);
  encoder_layer_backward(P, r, x, w, c, dx);
  auto targets = all_params(P);
  targets.push_back({&x, &dx});
  std::string where;
  EXPECT_LT(worst_error(targets, loss, &where), kTol) << where;
}

TEST(TransformerGradCheck, EncoderBlock) { check_encoder_block(false); }
TEST(TransformerGradCheck, EncoderBlockCausal) { check_encoder_block(true); }

TEST(TransformerGradCheck, DecoderBlock) {
  Rng rng(9);
  const Index d = 8, B = 2, T = 4, Ts = 3;
  ParamList<double> P;
  DecoderLayerRef r = add_decoder_layer(P, "", d, 2, 12);
  randomise(P, rng);
  Mat<double> x = randn(rng, d, T * B), mem = randn(rng, d, Ts * B), y, dx;
  const Mat<double> w = randn(rng, d, T * B);
  BlockCache<double> c;
  auto loss = [&] {
    decoder_layer_forward(P, r, x, mem, B, c, y);
    return (w.array() * y.array()).sum();
  };
  loss();
  zero_grads(P);
  Mat<double> dmem = Mat<double>::Zero(d, Ts * B);
  decoder_layer_backward(P, r, x, mem, w, c, dx, dmem);
  auto targets = all_params(P);
  targets.push_back({&x, &dx});
  targets.push_back({&mem, &dmem});
  std::string where;
  EXPECT_LT(worst_error(targets, loss, &where), kTol) << where;
}

// ---- whole models with the cross-entropy loss --------------------------------

void check_model(bool enc_dec, PosKind pos, Index layers) {
  Rng rng(10);
  TransformerSpec s;
  s.src_input = enc_dec ? 5 : 0;
  s.input = 4;
  s.output = 3;
  s.d_model = 8;
  s.heads = 2;
  s.ff = 10;
  s.layers = layers;
  s.pos = pos;
  s.max_len = 6;
  const Index B = 2, T = 4, Ts = 5;
  Transformer<double> m(s);
  randomise(m.params(), rng);
  Mat<double> src = randn(rng, 5, Ts * B);
  Batch<double> b;
  b.resize(T, B, 4, 3, LossKind::Xent);
  b.x = randn(rng, 4, T * B);
  for (Index j = 0; j < T * B; ++j) {
    b.target[size_t(j)] = int(rng.below(3));
    b.weight[size_t(j)] = 1.0;
  }
  Mat<double> dout(3, T * B);
  const double N = double(T * B);
  auto loss = [&] {
    m.forward(enc_dec ? &src : nullptr, b.x, B);
    return loss_chunk(b, m.out(), 0, T, 1.0 / N, dout) / N;
  };
  loss();
  zero_grads(m.params());
  m.backward(enc_dec ? &src : nullptr, b.x, dout);
  std::string where;
  const double err = worst_error(all_params(m.params()), loss, &where);
  EXPECT_LT(err, kTol) << where;
}

TEST(TransformerGradCheck, DecoderOnlySinusoidal) { check_model(false, PosKind::Sinusoidal, 2); }
TEST(TransformerGradCheck, DecoderOnlyLearnedPositions) { check_model(false, PosKind::Learned, 1); }
TEST(TransformerGradCheck, EncoderDecoderSinusoidal) { check_model(true, PosKind::Sinusoidal, 2); }
TEST(TransformerGradCheck, EncoderDecoderLearnedPositions) { check_model(true, PosKind::Learned, 1); }

TEST(PositionalEncoding, SinusoidalMatchesFormula) {
  const Mat<double> pe = sinusoidal_encoding<double>(6, 9);
  ASSERT_EQ(pe.rows(), 6);
  ASSERT_EQ(pe.cols(), 9);
  for (Index t = 0; t < 9; ++t)
    for (Index i = 0; i < 3; ++i) {
      const double ang = double(t) / std::pow(10000.0, 2.0 * double(i) / 6.0);
      EXPECT_DOUBLE_EQ(pe(2 * i, t), std::sin(ang));
      EXPECT_DOUBLE_EQ(pe(2 * i + 1, t), std::cos(ang));
    }
}

// A causal decoder-only model: changing a later input never changes an
// earlier output (the mask really hides the future).
TEST(TransformerAttention, CausalOutputsIgnoreTheFuture) {
  Rng rng(12);
  TransformerSpec s;
  s.input = 4; s.output = 3; s.d_model = 8; s.heads = 2; s.ff = 8; s.layers = 2;
  Transformer<double> m(s);
  m.init(rng);
  const Index B = 2, T = 6;
  Mat<double> x = randn(rng, 4, T * B);
  m.forward(nullptr, x, B);
  const Mat<double> before = m.out();
  x.middleCols(4 * B, 2 * B) = randn(rng, 4, 2 * B);  // change steps 4, 5
  m.forward(nullptr, x, B);
  EXPECT_EQ(Mat<double>(m.out().leftCols(4 * B)), Mat<double>(before.leftCols(4 * B)));
  EXPECT_GT((m.out().rightCols(2 * B) - before.rightCols(2 * B)).cwiseAbs().maxCoeff(), 1e-6);
}

}  // namespace
}  // namespace unroll
