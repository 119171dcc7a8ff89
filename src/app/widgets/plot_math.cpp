#include "app/widgets/plot_math.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace unroll::app {
namespace {

double x_at(const double* x, size_t i) { return x ? x[i] : double(i); }

bool usable(double y, bool log_y) { return std::isfinite(y) && (!log_y || y > 0); }

// First index with x >= v (x ascending).
size_t lower_index(const double* x, size_t n, double v) {
  if (!x) return v <= 0 ? 0 : std::min(n, size_t(std::ceil(v)));
  return size_t(std::lower_bound(x, x + n, v) - x);
}

}  // namespace

std::vector<double> linear_ticks(double lo, double hi, int max_ticks) {
  std::vector<double> t;
  if (!std::isfinite(lo) || !std::isfinite(hi) || hi <= lo || max_ticks < 1) return t;
  const double raw = (hi - lo) / max_ticks;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  // The smallest 1-2-5 step whose ticks inside [lo, hi] number at most max_ticks.
  for (double m : {0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0}) {
    step = m * mag;
    if (std::floor(hi / step) - std::ceil(lo / step) + 1 <= max_ticks) break;
  }
  for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    t.push_back(std::fabs(v) < step * 1e-9 ? 0.0 : v);
  return t;
}

std::vector<double> log_ticks(double lo, double hi, int max_ticks) {
  std::vector<double> t;
  if (!(lo > 0) || !std::isfinite(hi) || hi <= lo || max_ticks < 1) return t;
  const int d0 = int(std::floor(std::log10(lo) + 1e-9)), d1 = int(std::ceil(std::log10(hi) - 1e-9));
  const int decades = std::max(1, d1 - d0);
  const double spanned = std::log10(hi / lo);
  if (spanned < 1.0) return linear_ticks(lo, hi, max_ticks);  // under a decade: plain ticks read better
  const int every = std::max(1, (decades + max_ticks - 1) / max_ticks);
  // 2x and 5x only when the range is short (the plot skips labels that would overlap).
  const bool minor = spanned < 2.0 && 2 * decades <= max_ticks + 2;
  for (int d = d0; d <= d1; ++d) {
    const double p = std::pow(10.0, d);
    if (d % every == 0 && p >= lo * (1 - 1e-9) && p <= hi * (1 + 1e-9)) t.push_back(p);
    if (minor)
      for (double m : {2.0, 5.0})
        if (m * p >= lo && m * p <= hi) t.push_back(m * p);
  }
  std::sort(t.begin(), t.end());
  return t;
}

std::string tick_label(double v) {
  char b[32];
  if (v == 0) return "0";
  const double a = std::fabs(v);
  if (a >= 1e-3 && a < 1e5) {
    std::snprintf(b, sizeof b, "%.4g", v);
    return b;
  }
  const int e = int(std::floor(std::log10(a) + 1e-9));
  const double m = v / std::pow(10.0, e);
  if (std::fabs(m - std::round(m)) < 1e-6) std::snprintf(b, sizeof b, "%.0fe%d", std::round(m), e);
  else std::snprintf(b, sizeof b, "%.2ge%d", m, e);
  return b;
}

Range value_range(const double* x, const double* y, size_t n, double x_lo, double x_hi, bool log_y) {
  Range r;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (size_t i = 0; i < n; ++i) {
    const double xi = x_at(x, i);
    if (xi < x_lo || xi > x_hi || !usable(y[i], log_y)) continue;
    lo = std::min(lo, y[i]);
    hi = std::max(hi, y[i]);
  }
  if (!(lo <= hi)) return r;
  r.valid = true;
  if (log_y) {
    if (hi / lo < 1.5) {  // flat series: show a little around it
      lo /= 1.5;
      hi *= 1.5;
    }
    const double pad = std::pow(hi / lo, 0.04);
    r.lo = lo / pad;
    r.hi = hi * pad;
  } else {
    if (hi - lo < 1e-12 * std::max(1.0, std::fabs(hi))) {
      const double d = std::max(std::fabs(hi) * 0.1, 1e-6);
      lo -= d;
      hi += d;
    }
    const double pad = (hi - lo) * 0.05;
    r.lo = lo - pad;
    r.hi = hi + pad;
  }
  return r;
}

std::vector<PlotPoint> decimate(const double* x, const double* y, size_t n, double x0, double x1,
                                int buckets, bool log_y) {
  std::vector<PlotPoint> out;
  if (n == 0 || !(x1 >= x0)) return out;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Visible window plus one neighbour each side.
  size_t a = lower_index(x, n, x0);
  size_t b = lower_index(x, n, x1);
  if (b < n && x_at(x, b) <= x1) ++b;  // b: one past the last x <= x1
  if (a > 0) --a;
  if (b < n) ++b;
  if (a >= b) return out;
  auto push = [&](size_t i) {
    if (usable(y[i], log_y)) out.push_back({x_at(x, i), y[i]});
    else if (out.empty() || !std::isnan(out.back().y)) out.push_back({x_at(x, i), nan});
  };
  buckets = std::max(buckets, 1);
  if (b - a <= size_t(buckets) * 4) {
    out.reserve(b - a);
    for (size_t i = a; i < b; ++i) push(i);
    return out;
  }
  out.reserve(size_t(buckets) * 4 + 4);
  const double width = (x1 > x0 ? x1 - x0 : 1.0) / buckets;
  size_t i = a;
  while (i < b) {
    // One pixel column: the points with the same bucket index as point i.
    const double bucket = std::floor((x_at(x, i) - x0) / width);
    size_t first = i, last = i, lo = n, hi = n;
    bool gap = false;
    for (; i < b && std::floor((x_at(x, i) - x0) / width) == bucket; ++i) {
      last = i;
      if (!usable(y[i], log_y)) {
        gap = true;
        continue;
      }
      if (lo == n || y[i] < y[lo]) lo = i;
      if (hi == n || y[i] > y[hi]) hi = i;
    }
    if (lo == n) {  // nothing drawable in this column
      push(first);
      continue;
    }
    size_t keep[4] = {first, std::min(lo, hi), std::max(lo, hi), last};
    size_t prev = n;
    for (size_t k : keep) {
      if (k == prev) continue;
      if (usable(y[k], log_y)) out.push_back({x_at(x, k), y[k]});
      prev = k;
    }
    if (gap && (out.empty() || !std::isnan(out.back().y))) out.push_back({x_at(x, last), nan});
  }
  return out;
}

size_t nearest_index(const double* x, size_t n, double xq) {
  if (n == 0) return 0;
  if (!x) return size_t(std::clamp(std::llround(xq), 0LL, (long long)(n - 1)));
  const size_t i = lower_index(x, n, xq);
  if (i == 0) return 0;
  if (i >= n) return n - 1;
  return (xq - x[i - 1] <= x[i] - xq) ? i - 1 : i;
}

}  // namespace unroll::app
