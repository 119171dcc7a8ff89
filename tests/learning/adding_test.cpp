// The adding problem at T = 50 (Hochreiter & Schmidhuber 1997): gated cells
// learn it; an Elman network cannot, because its gradient vanishes.
#include "learning_util.h"

namespace unroll {
namespace {

using testing_util::back_to_front;
using testing_util::experiment;
using testing_util::train;

TEST(Adding, LstmReachesMseBelowOnePercent) {
  auto e = experiment("v=1&arch=lstm&task=adding&T=50&hidden=64&batch=32&lr=0.01&seed=1");
  const double mse = train(*e, 1500);
  EXPECT_LT(mse, 0.01) << "chance is 1/6";
}

TEST(Adding, GruReachesMseBelowOnePercent) {
  auto e = experiment("v=1&arch=gru&task=adding&T=50&hidden=64&batch=32&lr=0.01&seed=1");
  const double mse = train(*e, 1500);
  EXPECT_LT(mse, 0.01) << "chance is 1/6";
}

// rho = 0.9: the Elman gradient reaching step 1 is a vanishing fraction of
// the one at step T, and the network stays at chance; the LSTM, started from
// the same rho, learns to keep its gradient alive and solves the task.
TEST(Adding, ElmanGradientVanishesAndItFailsWhileLstmLearns) {
  auto elman = experiment("v=1&arch=rnn_tanh&task=adding&T=50&rho=0.9&seed=1");
  const double elman_mse = train(*elman, 1000);
  EXPECT_LT(back_to_front(*elman), 1e-3);
  EXPECT_GT(elman_mse, 0.1) << "an Elman net should not solve adding at T=50";

  auto lstm = experiment("v=1&arch=lstm&task=adding&T=50&rho=0.9&seed=1");
  const double lstm_mse = train(*lstm, 1000);
  EXPECT_GT(back_to_front(*lstm), 1e-3);
  EXPECT_LT(lstm_mse, 0.01);
}

// Even untrained, with an orthogonal W_hh scaled to rho = 0.9 the Elman
// gradient shrinks by more than 1000x over 49 steps.
TEST(Adding, ElmanGradientVanishesAtInitWithRhoBelowOne) {
  auto e = experiment("v=1&arch=rnn_tanh&task=adding&T=50&rho=0.9&init=orthogonal&clip=off");
  ASSERT_TRUE(e->step());
  EXPECT_LT(back_to_front(*e), 1e-3);
}

}  // namespace
}  // namespace unroll
