// The vectorised float tanh / sigmoid (core/activations.h) against double
// precision: relative error over the whole useful range, exact values at
// 0 and saturation, odd symmetry of tanh, and determinism.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/kernels/activations.h"

namespace unroll::simd {
namespace {

// Every 4th float of a dense sweep plus edge points, applied 4 at a time.
template <class F, class Ref>
double worst_relative_error(F f, Ref ref, float lo, float hi, int steps, float* worst_x) {
  double worst = 0;
  for (int s = 0; s < steps; s += 4) {
    float xs[4];
    for (int k = 0; k < 4; ++k) xs[k] = lo + (hi - lo) * float(s + k) / float(steps - 1);
    const v4 y = f(load4(xs));
    for (int k = 0; k < 4; ++k) {
      const double want = ref(double(xs[k]));
      const double err = std::fabs(double(y[k]) - want) / std::max(std::fabs(want), 1e-30);
      if (err > worst) { worst = err; *worst_x = xs[k]; }
    }
  }
  return worst;
}

TEST(Activations, TanhIsAccurateToAFewUlps) {
  float at = 0;
  const auto tanh_ref = [](double x) { return std::tanh(x); };
  EXPECT_LT(worst_relative_error(tanh4, tanh_ref, -12.f, 12.f, 400000, &at), 4e-7) << "at " << at;
  EXPECT_LT(worst_relative_error(tanh4, tanh_ref, -1e-3f, 1e-3f, 40000, &at), 4e-7) << "at " << at;
  EXPECT_LT(worst_relative_error(tanh4, tanh_ref, 1e-30f, 1e-20f, 4000, &at), 4e-7) << "at " << at;
}

TEST(Activations, SigmoidIsAccurateToAFewUlps) {
  float at = 0;
  const auto sig_ref = [](double x) { return 1.0 / (1.0 + std::exp(-x)); };
  EXPECT_LT(worst_relative_error(sigmoid4, sig_ref, -80.f, 80.f, 400000, &at), 4e-7) << "at " << at;
  EXPECT_LT(worst_relative_error(sigmoid4, sig_ref, -1e-3f, 1e-3f, 40000, &at), 4e-7) << "at " << at;
}

TEST(Activations, ExactAtZeroAndSaturation) {
  const v4 t = tanh4(v4{0.f, 30.f, -30.f, 1e30f});
  EXPECT_EQ(t[0], 0.f);
  EXPECT_EQ(t[1], 1.f);
  EXPECT_EQ(t[2], -1.f);
  EXPECT_EQ(t[3], 1.f);
  const v4 s = sigmoid4(v4{0.f, 100.f, -100.f, -1e30f});
  EXPECT_EQ(s[0], 0.5f);
  EXPECT_EQ(s[1], 1.f);
  EXPECT_GE(s[2], 0.f);
  EXPECT_LT(s[2], 1e-37f);
  EXPECT_LT(s[3], 1e-37f);
  EXPECT_TRUE(std::isfinite(s[3]));
}

TEST(Activations, TanhIsOddAndSigmoidSymmetric) {
  for (float x = 0.f; x < 10.f; x += 0.0137f) {
    const v4 p = tanh4(splat4(x)), m = tanh4(splat4(-x));
    ASSERT_EQ(p[0], -m[0]) << "tanh not odd at " << x;
    const v4 sp = sigmoid4(splat4(x)), sm = sigmoid4(splat4(-x));
    ASSERT_NEAR(double(sp[0]) + double(sm[0]), 1.0, 1.2e-7) << "sigmoid(x) + sigmoid(-x) != 1 at " << x;
  }
}

TEST(Activations, PartialLoadsAndStoresTouchOnlyTheirLanes) {
  const float src[4] = {1.f, 2.f, 3.f, 4.f};
  const v4 v = load_part(src, 3);
  EXPECT_EQ(v[2], 3.f);
  EXPECT_EQ(v[3], 0.f);
  float dst[4] = {9.f, 9.f, 9.f, 9.f};
  store_part(dst, splat4(5.f), 2);
  EXPECT_EQ(dst[1], 5.f);
  EXPECT_EQ(dst[2], 9.f);
}

}  // namespace
}  // namespace unroll::simd
