// The training loop: determinism, truncated BPTT, clipping, optimisers and
// divergence handling.
#include <gtest/gtest.h>

#include <cmath>

#include "core/models/recurrent_net.h"
#include "core/rnn/workspace.h"
#include "core/train/experiment.h"
#include "core/train/experiment_weights.h"

namespace unroll {
namespace {

std::unique_ptr<Experiment> make(const std::string& q) {
  std::vector<ConfigError> errors;
  Config cfg = Config::parse(q, &errors);
  EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0].message);
  std::string error;
  auto e = Experiment::create(cfg, "", &error);
  EXPECT_TRUE(e) << error;
  return e;
}

std::vector<double> losses(const std::string& q, int steps) {
  auto e = make(q);
  std::vector<double> out;
  for (int s = 0; s < steps; ++s) {
    e->step();
    out.push_back(e->last().loss);
  }
  return out;
}

TEST(Training, SameConfigGivesBitIdenticalLosses) {
  for (const char* q : {"v=1&arch=lstm&task=adding&T=20&hidden=16&batch=8",
                        "v=1&arch=gru&task=text&T=16&hidden=16&batch=4&optim=rmsprop",
                        "v=1&arch=rnn_relu&task=copy&T=5&hidden=8&optim=momentum&lr=0.05"}) {
    const auto a = losses(q, 20), b = losses(q, 20);
    for (size_t k = 0; k < a.size(); ++k)
      EXPECT_EQ(a[k], b[k]) << q << " step " << k + 1;  // exact, not near
  }
}

TEST(Training, DifferentSeedsGiveDifferentRuns) {
  const auto a = losses("v=1&task=adding&T=10&hidden=8&seed=1", 3);
  const auto b = losses("v=1&task=adding&T=10&hidden=8&seed=2", 3);
  EXPECT_NE(a[0], b[0]);
}

TEST(Training, TruncationLengthAtLeastTIsFullBpttExactly) {
  const std::string base = "v=1&arch=lstm&task=sine&T=12&hidden=8&batch=4";
  const auto full = losses(base, 10);
  for (const char* k : {"&tbptt=12", "&tbptt=40", "&tbptt=12&tbptt_update=chunk"})
    EXPECT_EQ(full, losses(base + k, 10)) << k;
  EXPECT_NE(full, losses(base + "&tbptt=5", 10)) << "k < T must change the gradient";
}

TEST(Training, TruncationCutsTheGradientAtChunkBoundaries) {
  // Adding counts only the last step; with k = 10 no gradient reaches t < 40.
  auto e = make("v=1&arch=rnn_tanh&task=adding&T=50&hidden=8&tbptt=10&clip=off");
  ASSERT_TRUE(e->step());
  const auto& d = e->last().dh_norm[0];
  for (int t = 0; t < 40; ++t) EXPECT_EQ(d[size_t(t)], 0.0) << "t=" << t;
  for (int t = 40; t < 50; ++t) EXPECT_GT(d[size_t(t)], 0.0) << "t=" << t;
}

TEST(Training, UpdatePerChunkUpdatesMoreOften) {
  // Per-chunk updates take T/k optimizer steps per batch, so the weights
  // move differently from one update per batch.
  const std::string base = "v=1&arch=gru&task=sine&T=12&hidden=8&batch=4&tbptt=4";
  EXPECT_NE(losses(base, 5), losses(base + "&tbptt_update=chunk", 5));
}

TEST(Training, ClippingByNormKeepsDirection) {
  auto e = make("v=1&arch=rnn_tanh&task=adding&T=30&hidden=8&rho=3&clip=off");
  ASSERT_TRUE(e->step());
  // Recreate a gradient by hand and clip it.
  RnnStack<float> m = static_cast<const RecurrentNet&>(e->net()).stack();
  Rng rng(3);
  for (auto& p : m.params())
    for (Index j = 0; j < p.grad.size(); ++j) p.grad.data()[j] = float(rng.normal());
  const RnnStack<float> before = m;
  const ClipResult r = clip_gradients(m.params(), ClipKind::Norm, 0.25);
  ASSERT_TRUE(r.clipped);
  EXPECT_LE(r.norm_after, 0.25);
  const double scale = r.norm_after / r.norm_before;
  for (size_t k = 0; k < m.params().size(); ++k)
    EXPECT_TRUE(m.params()[k].grad.isApprox(before.params()[k].grad * float(scale), 1e-5f));
}

TEST(Training, ClippingByValueClampsEachEntry) {
  RnnStack<float> m(RnnSpec{CellKind::Gru, 2, 3, 1, 1});
  m.params()[0].grad.setConstant(5.f);
  m.params()[1].grad.setConstant(-0.1f);
  const ClipResult r = clip_gradients(m.params(), ClipKind::Value, 1.0);
  EXPECT_TRUE(r.clipped);
  EXPECT_EQ(m.params()[0].grad.maxCoeff(), 1.f);
  EXPECT_EQ(m.params()[1].grad.minCoeff(), -0.1f);
  EXPECT_LT(r.norm_after, r.norm_before);
}

TEST(Training, ClipOffOnlyMeasures) {
  RnnStack<float> m(RnnSpec{CellKind::Lstm, 2, 3, 1, 1});
  m.params()[0].grad.setConstant(100.f);
  const ClipResult r = clip_gradients(m.params(), ClipKind::Off, 1.0);
  EXPECT_FALSE(r.clipped);
  EXPECT_EQ(r.norm_after, r.norm_before);
  EXPECT_EQ(m.params()[0].grad(0, 0), 100.f);
}

// One parameter, gradient g: compare each rule with the PyTorch formula.
TEST(Training, OptimizersFollowPyTorchRules) {
  auto one_step = [](OptimKind k, int steps) {
    RnnStack<double> m(RnnSpec{CellKind::RnnTanh, 1, 1, 1, 1});
    for (auto& p : m.params()) p.value.setConstant(1.0);
    OptimSpec s;
    s.kind = k;
    s.lr = 0.1;
    s.momentum = 0.9;
    s.weight_decay = 0.01;
    Optimizer<double> opt(m.params(), s);
    for (int t = 0; t < steps; ++t) {
      for (auto& p : m.params()) p.grad.setConstant(0.5);
      opt.step(m.params());
    }
    return m.params()[0].value(0, 0);
  };
  const double g = 0.5 + 0.01 * 1.0;  // gradient + weight decay at w = 1
  EXPECT_NEAR(one_step(OptimKind::Sgd, 1), 1 - 0.1 * g, 1e-12);
  EXPECT_NEAR(one_step(OptimKind::Momentum, 1), 1 - 0.1 * g, 1e-12);
  const double v = 0.01 * g * g;  // (1 - alpha) g^2
  EXPECT_NEAR(one_step(OptimKind::RmsProp, 1), 1 - 0.1 * g / (std::sqrt(v) + 1e-8), 1e-12);
  // Adam's first step moves by lr (bias-corrected m/sqrt(v) = 1).
  EXPECT_NEAR(one_step(OptimKind::Adam, 1), 1 - 0.1 * g / (g + 1e-8), 1e-9);
  // Momentum's second step: buf = 0.9 g1 + g2.
  const double w1 = 1 - 0.1 * g;
  const double g2 = 0.5 + 0.01 * w1;
  EXPECT_NEAR(one_step(OptimKind::Momentum, 2), w1 - 0.1 * (0.9 * g + g2), 1e-12);
}

TEST(Training, DivergenceStopsWithAReasonAndStaysStopped) {
  // SGD at lr = 10 with rho = 5 and no clipping blows up quickly.
  auto e = make("v=1&arch=rnn_relu&task=adding&T=100&hidden=32&rho=5&clip=off&optim=sgd&lr=10");
  int s = 0;
  while (e->step() && s < 200) ++s;
  ASSERT_TRUE(e->diverged()) << "expected divergence within 200 steps";
  EXPECT_NE(e->diverged_reason().find("step"), std::string::npos) << e->diverged_reason();
  EXPECT_FALSE(e->step()) << "a diverged run must stay stopped";
}

TEST(Training, LiveKeysApplyWithoutRestart) {
  auto e = make("v=1&task=adding&T=10&hidden=8");
  std::vector<ConfigError> errors;
  e->apply_live(Config::parse("v=1&task=adding&T=10&hidden=8&lr=0.5&clip=off", &errors));
  EXPECT_EQ(e->spec().optim.lr, 0.5);
  EXPECT_EQ(e->spec().clip, ClipKind::Off);
  EXPECT_EQ(e->config().f("lr"), 0.5);
}

TEST(Training, ProbeShowsGatesAndStates) {
  auto e = make("v=1&arch=lstm&task=adding&T=10&hidden=8&layers=2");
  const ProbeSnapshot p = e->probe();
  ASSERT_EQ(p.gates.size(), 2u);
  EXPECT_EQ(p.gates[0].rows(), 32);
  EXPECT_EQ(p.gates[0].cols(), p.T * p.B);
  EXPECT_EQ(p.cell.size(), 2u);
  EXPECT_EQ(p.hidden[1].rows(), 8);
  // Gates i, f, o are sigmoids: strictly inside (0, 1).
  EXPECT_GT(p.gates[0].topRows(16).minCoeff(), 0.f);
  EXPECT_LT(p.gates[0].topRows(16).maxCoeff(), 1.f);
  EXPECT_EQ(p.rendered.size(), size_t(p.B));
}

}  // namespace
}  // namespace unroll

namespace unroll {
namespace {

// Same gates*H (12) with another H or cell must reallocate every buffer.
TEST(RnnWorkspace, ResizeNoticesEveryChangeOfShape) {
  RnnWorkspace<float> ws;
  const RnnSpec a{CellKind::Lstm, 2, 3, 1, 1}, b{CellKind::Gru, 2, 4, 1, 1},
      c{CellKind::RnnTanh, 2, 12, 1, 1};
  ws.resize(a, 5, 2);
  ws.resize(b, 5, 2);
  EXPECT_EQ(ws.layers[0].h.rows(), 4);
  EXPECT_EQ(ws.layers[0].ghn.rows(), 4);
  EXPECT_EQ(ws.layers[0].c.size(), 0);
  ws.resize(c, 5, 2);
  EXPECT_EQ(ws.layers[0].h.rows(), 12);
  EXPECT_EQ(ws.layers[0].ghn.size(), 0);
}

}  // namespace
}  // namespace unroll

namespace unroll {
namespace {

TEST(Training, LoadWeightsChecksTheArchitecture) {
  auto a = make("v=1&arch=gru&task=adding&T=10&hidden=8");
  auto b = make("v=1&arch=gru&task=adding&T=10&hidden=8&seed=5");
  std::string error;
  ASSERT_TRUE(load_experiment_weights(*b, experiment_weights_json(*a), &error)) << error;
  EXPECT_EQ(b->params()[1].value, a->params()[1].value);
  auto c = make("v=1&arch=lstm&task=adding&T=10&hidden=8");
  EXPECT_FALSE(load_experiment_weights(*c, experiment_weights_json(*a), &error));
  EXPECT_NE(error.find("gru"), std::string::npos) << error;
  EXPECT_NE(error.find("lstm"), std::string::npos) << error;
}

}  // namespace
}  // namespace unroll
