// The arithmetic behind the line plots, free of ImGui so it is unit-tested
// natively: axis ticks, value ranges, and min/max decimation to pixel columns.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace unroll::app {

// "Nice" ticks (1, 2, 5 x 10^k steps) inside [lo, hi], at most about max_ticks.
std::vector<double> linear_ticks(double lo, double hi, int max_ticks);

// Ticks for a log10 axis on [lo, hi] (both > 0): powers of ten (every k-th
// decade when there are many), plus 2x and 5x when the range is under two
// decades, plus linear ticks when it is under one.
std::vector<double> log_ticks(double lo, double hi, int max_ticks);

// Short tick text: "0", "0.5", "20", "1e-3", "1e4", "2e-05" ...
std::string tick_label(double v);

struct Range {
  double lo = 0, hi = 1;
  bool valid = false;  // false: no usable values
};
// Finite min/max of y (only y > 0 when log_y) over n values, x restricted to
// [x_lo, x_hi] when x is given; padded a little so lines do not touch edges.
Range value_range(const double* x, const double* y, size_t n, double x_lo, double x_hi, bool log_y);

// A point to draw; a NaN y means "break the line here".
struct PlotPoint {
  double x, y;
};

// The points of a line plot over [x0, x1] drawn `buckets` pixels wide:
// x must ascend (null = 0..n-1). With more than two points per pixel, each
// pixel column keeps only its first, min, max and last values (in order),
// which draws the same picture as all points. Non-finite y (or y <= 0 when
// log_y) break the line. One point each side of the window is kept so the
// line reaches the edges.
std::vector<PlotPoint> decimate(const double* x, const double* y, size_t n, double x0, double x1,
                                int buckets, bool log_y);

// Index of the point whose x is nearest xq (x ascending, null = 0..n-1); n > 0.
size_t nearest_index(const double* x, size_t n, double xq);

}  // namespace unroll::app
