// What quantising a trained model for a link costs (issue 14, part 3): for
// trained models of every kind, the first step after opening the weights
// at 16 and 8 bits against the step the trained run takes itself, on the
// same batch. The measured numbers are printed ("[weights link]" lines);
// the bounds are what the page's browser test allows
// (tests/browser/share_weights.test.mjs).
//
// Two measures: the relative difference of that loss, and the share of
// what training gained that is lost, |dL| / (chance loss - L): a model
// near zero loss (adding at MSE 3e-4) can triple its loss at 8 bits and
// still keep 99.5% of what it learned.
#include <cmath>
#include <cstdio>

#include "core/train/experiment_weights.h"
#include "learning_util.h"

namespace unroll {
namespace {

using testing_util::experiment;
using testing_util::train;

// The browser test's tolerances (share_weights.test.mjs), as shares of the
// learned gain (near zero loss the relative change is noise: 1.8e-4 here
// and 4.7e-3 in the page for the same LSTM at 16 bits).
constexpr double kMaxLost16 = 1e-4, kMaxLost8 = 2e-2;

TEST(WeightsLinkError, TrainedModelsOfEveryKindKeepTheirLoss) {
  struct Case {
    const char* q;
    long steps;
  };
  const Case cases[] = {
      {"v=1&arch=lstm&task=adding&T=50&hidden=64&seed=1", 1000},
      {"v=1&arch=gru&task=text&T=32&hidden=64&seed=1", 300},
      {"v=1&model=seq2seq&arch=gru&attn=bahdanau&task=reverse&T=8&hidden=64&seed=1", 500},
      {"v=1&model=transformer&task=sort&T=8&d_model=32&heads=4&ff=64&seed=1", 500},
  };
  for (const Case& c : cases) {
    auto a = experiment(c.q);
    train(*a, c.steps);
    const std::string b16 = experiment_weights_link(*a, 16), b8 = experiment_weights_link(*a, 8);
    ASSERT_TRUE(a->step());
    const double loss = a->last().loss, chance = a->task().info().chance_loss;
    double rel[2], lost[2];
    for (int k = 0; k < 2; ++k) {
      auto b = experiment(c.q);
      WeightsLinkInfo info;
      std::string error;
      ASSERT_TRUE(load_weights_link(*b, k == 0 ? b16 : b8, &info, &error)) << error;
      ASSERT_TRUE(b->step());
      EXPECT_EQ(b->last().step, a->last().step);
      const double d = std::fabs(b->last().loss - loss);
      rel[k] = d / loss;
      lost[k] = d / (chance - loss);
    }
    std::printf("[weights link] %s, %ld steps, %ld params (%zu/%zu bytes at 16/8 bits): loss %.4g "
                "(chance %.4g); first step's loss differs by %.1e / %.1e relative, %.1e / %.1e of the "
                "learned gain, at 16 / 8 bits\n",
                c.q, c.steps, long(a->param_count()), b16.size(), b8.size(), loss, chance, rel[0], rel[1],
                lost[0], lost[1]);
    EXPECT_LT(lost[0], kMaxLost16) << c.q;
    EXPECT_LT(lost[1], kMaxLost8) << c.q;
  }
}

}  // namespace
}  // namespace unroll
