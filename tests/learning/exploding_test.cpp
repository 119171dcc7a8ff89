// Exploding gradients in an Elman network with rho > 1, and clipping.
#include "learning_util.h"

namespace unroll {
namespace {

using testing_util::back_to_front;
using testing_util::experiment;

double first_grad_norm(const std::string& q) {
  auto e = experiment(q);
  EXPECT_TRUE(e->step());
  return e->last().clip.norm_before;
}

// With rho > 1 the gradient GROWS as it travels back in time.
TEST(Exploding, GradientGrowsBackInTimeWithRhoAboveOne) {
  auto e = experiment("v=1&arch=rnn_tanh&task=adding&T=50&rho=1.5&clip=off");
  ASSERT_TRUE(e->step());
  EXPECT_GT(back_to_front(*e), 10.0);
}

// The global gradient norm grows by more than 100x from T=10 to T=50.
// Measured at rho = 3: at rho = 1.5 a tanh network saturates and the growth
// is only ~3.5x (see the note on issue 2), at rho = 3 it is ~5e4x.
TEST(Exploding, GlobalNormGrowsHundredfoldFromT10ToT50) {
  const double n10 = first_grad_norm("v=1&arch=rnn_tanh&task=adding&T=10&rho=3&clip=off");
  const double n50 = first_grad_norm("v=1&arch=rnn_tanh&task=adding&T=50&rho=3&clip=off");
  EXPECT_GT(n50, 100.0 * n10) << "T=10: " << n10 << "  T=50: " << n50;
}

TEST(Exploding, ClippingByNormBoundsEveryAppliedGradient) {
  const double c = 0.5;
  auto e = experiment("v=1&arch=rnn_tanh&task=adding&T=50&rho=3&clip=norm&clip_at=0.5");
  int clipped = 0;
  for (int s = 0; s < 200; ++s) {
    ASSERT_TRUE(e->step()) << e->diverged_reason();
    const ClipResult& r = e->last().clip;
    EXPECT_LE(r.norm_after, c);
    if (r.clipped) {
      ++clipped;
      EXPECT_GT(r.norm_before, c);
      EXPECT_NEAR(r.norm_after, c, 1e-4 * c);  // direction kept, length = c
    }
  }
  EXPECT_GT(clipped, 100) << "rho=3 should need clipping most of the time";
}

}  // namespace
}  // namespace unroll
