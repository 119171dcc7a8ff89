// Axis ticks, value ranges, min/max decimation and colormaps of the app's
// plot and heatmap widgets (src/app/widgets/plot_math.h, src/app/widgets/colormap.h).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "app/widgets/colormap.h"
#include "app/widgets/plot_math.h"

namespace unroll::app {
namespace {

const double kNan = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

TEST(LinearTicks, NiceStepsInsideRange) {
  EXPECT_EQ(linear_ticks(0, 1, 5), (std::vector<double>{0, 0.5, 1}));  // 0.2 would make 6 ticks
  const auto six = linear_ticks(0, 1, 6);
  ASSERT_EQ(six.size(), 6u);
  for (size_t k = 0; k < six.size(); ++k) EXPECT_NEAR(six[k], 0.2 * double(k), 1e-12);
  const auto t = linear_ticks(3, 997, 4);  // step 200 (1-2-5), from 200 to 800
  ASSERT_EQ(t.size(), 4u);
  EXPECT_DOUBLE_EQ(t.front(), 200);
  EXPECT_DOUBLE_EQ(t.back(), 800);
  const auto sym = linear_ticks(-1, 1, 3);
  ASSERT_EQ(sym.size(), 3u);
  EXPECT_EQ(sym[1], 0.0);  // exactly zero, not 1e-17
}

TEST(LinearTicks, BadRangesGiveNoTicks) {
  EXPECT_TRUE(linear_ticks(1, 1, 5).empty());
  EXPECT_TRUE(linear_ticks(2, 1, 5).empty());
  EXPECT_TRUE(linear_ticks(kNan, 1, 5).empty());
  EXPECT_TRUE(linear_ticks(0, kInf, 5).empty());
}

TEST(LogTicks, DecadesAndMinorTicks) {
  EXPECT_EQ(log_ticks(1e-3, 1e2, 10), (std::vector<double>{1e-3, 1e-2, 1e-1, 1, 10, 100}));
  // Under two decades with room: 1-2-5 ticks.
  EXPECT_EQ(log_ticks(0.15, 3, 10), (std::vector<double>{0.2, 0.5, 1, 2}));
  // No room: decades only.
  EXPECT_EQ(log_ticks(0.15, 3, 1), (std::vector<double>{1}));
}

TEST(LogTicks, ManyDecadesAreThinnedAndShortRangesFallBackToLinear) {
  const auto t = log_ticks(1e-12, 1e12, 6);  // 24 decades, at most ~6 ticks
  EXPECT_LE(t.size(), 7u);
  EXPECT_GE(t.size(), 3u);
  for (double v : t) EXPECT_NEAR(std::log10(v), std::round(std::log10(v)), 1e-9);
  const auto s = log_ticks(0.3, 0.6, 4);  // under a decade
  ASSERT_FALSE(s.empty());
  for (double v : s) EXPECT_TRUE(v >= 0.3 && v <= 0.6);
  EXPECT_TRUE(log_ticks(0, 1, 5).empty());
  EXPECT_TRUE(log_ticks(-1, 1, 5).empty());
}

TEST(TickLabel, ShortForms) {
  EXPECT_EQ(tick_label(0), "0");
  EXPECT_EQ(tick_label(0.5), "0.5");
  EXPECT_EQ(tick_label(20), "20");
  EXPECT_EQ(tick_label(1e-5), "1e-5");
  EXPECT_EQ(tick_label(1e6), "1e6");
  EXPECT_EQ(tick_label(2.5e-7), "2.5e-7");
}

TEST(ValueRange, SkipsNonFiniteAndNonPositiveOnLog) {
  const std::vector<double> y = {kNan, 0, 1, 100, kInf, -5};
  const Range lin = value_range(nullptr, y.data(), y.size(), -kInf, kInf, false);
  ASSERT_TRUE(lin.valid);
  EXPECT_LT(lin.lo, -5);
  EXPECT_GT(lin.hi, 100);
  const Range lg = value_range(nullptr, y.data(), y.size(), -kInf, kInf, true);
  ASSERT_TRUE(lg.valid);
  EXPECT_LT(lg.lo, 1);
  EXPECT_GT(lg.lo, 0.5);
  EXPECT_GT(lg.hi, 100);
  const std::vector<double> bad = {kNan, -kInf};
  EXPECT_FALSE(value_range(nullptr, bad.data(), bad.size(), -kInf, kInf, false).valid);
  // Only the x window counts.
  const std::vector<double> x = {0, 1, 2};
  const std::vector<double> yy = {1000, 1, 2};
  EXPECT_LT(value_range(x.data(), yy.data(), 3, 0.5, 2, false).hi, 10);
}

TEST(Decimate, FewPointsPassThrough) {
  const std::vector<double> y = {1, 2, 3};
  const auto p = decimate(nullptr, y.data(), y.size(), 0, 2, 100, false);
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[2].x, 2);
  EXPECT_EQ(p[2].y, 3);
}

TEST(Decimate, HundredThousandPointsKeepEveryColumnsExtremes) {
  const size_t n = 100000;
  std::vector<double> x(n), y(n);
  for (size_t i = 0; i < n; ++i) {
    x[i] = double(i + 1);
    y[i] = std::sin(double(i) * 0.01);
  }
  y[54321] = 50;   // one spike must survive decimation
  y[777] = -40;
  const int width = 400;
  const auto p = decimate(x.data(), y.data(), n, 1, double(n), width, false);
  EXPECT_LE(p.size(), size_t(width) * 4 + 8);
  bool spike = false, dip = false;
  for (const auto& q : p) {
    spike |= q.y == 50;
    dip |= q.y == -40;
  }
  EXPECT_TRUE(spike);
  EXPECT_TRUE(dip);
  for (size_t k = 1; k < p.size(); ++k) EXPECT_LE(p[k - 1].x, p[k].x);  // still ordered in x
}

TEST(Decimate, NonFiniteValuesBreakTheLine) {
  const std::vector<double> y = {1, 2, kNan, kInf, 3, 4};
  const auto p = decimate(nullptr, y.data(), y.size(), 0, 5, 100, false);
  // 1, 2, <break>, 3, 4: one break marker for the two bad values.
  ASSERT_EQ(p.size(), 5u);
  EXPECT_TRUE(std::isnan(p[2].y));
  EXPECT_EQ(p[3].y, 3);
  // On a log axis zero and negatives break it too.
  const std::vector<double> z = {1, 0, -1, 2};
  const auto q = decimate(nullptr, z.data(), z.size(), 0, 3, 100, true);
  ASSERT_EQ(q.size(), 3u);
  EXPECT_TRUE(std::isnan(q[1].y));
}

TEST(Decimate, EmptyAndWindowed) {
  EXPECT_TRUE(decimate(nullptr, nullptr, 0, 0, 1, 10, false).empty());
  std::vector<double> y(100);
  for (size_t i = 0; i < y.size(); ++i) y[i] = double(i);
  const auto p = decimate(nullptr, y.data(), y.size(), 10, 20, 100, false);
  // The window plus one neighbour each side: x = 9 .. 21.
  ASSERT_FALSE(p.empty());
  EXPECT_EQ(p.front().x, 9);
  EXPECT_EQ(p.back().x, 21);
}

TEST(NearestIndex, BinarySearch) {
  const std::vector<double> x = {1, 2, 4, 8};
  EXPECT_EQ(nearest_index(x.data(), 4, -3), 0u);
  EXPECT_EQ(nearest_index(x.data(), 4, 2.9), 1u);
  EXPECT_EQ(nearest_index(x.data(), 4, 3.1), 2u);
  EXPECT_EQ(nearest_index(x.data(), 4, 100), 3u);
  EXPECT_EQ(nearest_index(nullptr, 10, 4.4), 4u);
  EXPECT_EQ(nearest_index(nullptr, 10, 99), 9u);
}

TEST(Colormap, EndsAndMonotoneLightness) {
  const Rgb lo = colormap(Colormap::Viridis, 0), hi = colormap(Colormap::Viridis, 1);
  EXPECT_NEAR(lo.r, 0.267f, 1e-3);  // viridis starts dark purple
  EXPECT_NEAR(hi.g, 0.906f, 1e-3);  // and ends yellow
  // Perceptual: luminance rises steadily from 0 to 1.
  float last = -1;
  for (int k = 0; k <= 100; ++k) {
    const Rgb c = colormap(Colormap::Viridis, float(k) / 100.f);
    const float lum = 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b;
    EXPECT_GT(lum, last) << "at u = " << k / 100.0;
    last = lum;
  }
  // Clamped outside [0, 1], grey for NaN.
  EXPECT_FLOAT_EQ(colormap(Colormap::Viridis, -3).r, lo.r);
  EXPECT_FLOAT_EQ(colormap(Colormap::Viridis, 7).b, hi.b);
  EXPECT_FLOAT_EQ(colormap(Colormap::Viridis, NAN).g, 0.5f);
  EXPECT_EQ(colormap_u32(Colormap::Viridis, 1) >> 24, 0xffu);  // opaque
  EXPECT_EQ(colormap_u32(Colormap::Viridis, 1) & 0xff, 253u);   // red byte of yellow (0.993)
}

TEST(Colormap, DivergingIsNeutralInTheMiddle) {
  const Rgb mid = colormap(Colormap::Diverging, 0.5f);
  EXPECT_FLOAT_EQ(mid.r, mid.g);
  EXPECT_FLOAT_EQ(mid.g, mid.b);
  EXPECT_GT(colormap(Colormap::Diverging, 0).b, colormap(Colormap::Diverging, 0).r);  // negative: blue
  EXPECT_GT(colormap(Colormap::Diverging, 1).r, colormap(Colormap::Diverging, 1).b);  // positive: red
}

TEST(NormalizeValue, LinearLogAndDegenerate) {
  EXPECT_FLOAT_EQ(normalize_value(5, 0, 10, false), 0.5f);
  EXPECT_FLOAT_EQ(normalize_value(-1, 0, 10, false), 0.f);
  EXPECT_FLOAT_EQ(normalize_value(10, 1, 1000, true), 1.f / 3.f);
  EXPECT_FLOAT_EQ(normalize_value(0, 1, 1000, true), 0.f);  // non-positive: bottom of a log scale
  EXPECT_FLOAT_EQ(normalize_value(3, 3, 3, false), 0.5f);   // flat data: middle colour
  EXPECT_FLOAT_EQ(normalize_value(INFINITY, 0, 1, false), 1.f);
  EXPECT_TRUE(std::isnan(normalize_value(NAN, 0, 1, false)));
}

}  // namespace
}  // namespace unroll::app
