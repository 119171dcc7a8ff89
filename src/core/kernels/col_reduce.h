// Reductions down ONE contiguous column (sum, dot, max, squared deviation)
// in a fixed order, for the per-column loops of LayerNorm and softmax.
//
// Why not Eigen's .sum() / .dot(): in wasm Eigen runs them scalar, and a
// plain loop with one accumulator cannot be vectorised (that would reorder
// the sum). Here float keeps 4 lane accumulators (simd4.h: f32x4 in wasm,
// SSE natively): element i goes to lane i % 4, the lanes are combined as
// (0+1)+(2+3), then the tail is added in order. Same order on every target
// and every run. double (gradient checks only) uses plain scalar loops.
#pragma once
#include <algorithm>

#include "core/kernels/simd4.h"
#include "core/tensor/tensor.h"

namespace unroll {

// sum of x[0..n)
inline double col_sum(const double* x, Index n) {
  double s = 0;
  for (Index i = 0; i < n; ++i) s += x[i];
  return s;
}
inline float col_sum(const float* x, Index n) {
  using namespace simd;
  v4 acc = splat4(0.f);
  Index i = 0;
  for (; i + 4 <= n; i += 4) acc += load4(x + i);
  float s = lane_sum(acc);
  for (; i < n; ++i) s += x[i];
  return s;
}

// sum of x[i] * y[i]
inline double col_dot(const double* x, const double* y, Index n) {
  double s = 0;
  for (Index i = 0; i < n; ++i) s += x[i] * y[i];
  return s;
}
inline float col_dot(const float* x, const float* y, Index n) {
  using namespace simd;
  v4 acc = splat4(0.f);
  Index i = 0;
  for (; i + 4 <= n; i += 4) acc += load4(x + i) * load4(y + i);
  float s = lane_sum(acc);
  for (; i < n; ++i) s += x[i] * y[i];
  return s;
}

// sum of (x[i] - mu)^2
inline double col_sq_dev(const double* x, double mu, Index n) {
  double s = 0;
  for (Index i = 0; i < n; ++i) s += (x[i] - mu) * (x[i] - mu);
  return s;
}
inline float col_sq_dev(const float* x, float mu, Index n) {
  using namespace simd;
  const v4 m = splat4(mu);
  v4 acc = splat4(0.f);
  Index i = 0;
  for (; i + 4 <= n; i += 4) {
    const v4 e = load4(x + i) - m;
    acc += e * e;
  }
  float s = lane_sum(acc);
  for (; i < n; ++i) s += (x[i] - mu) * (x[i] - mu);
  return s;
}

// max of x[0..n), n >= 1 (max is exact: the order does not matter)
inline double col_max(const double* x, Index n) {
  double m = x[0];
  for (Index i = 1; i < n; ++i) m = std::max(m, x[i]);
  return m;
}
inline float col_max(const float* x, Index n) {
  using namespace simd;
  Index i = 0;
  float m = x[0];
  if (n >= 4) {
    v4 acc = load4(x);
    for (i = 4; i + 4 <= n; i += 4) acc = max4(acc, load4(x + i));
    m = std::max(std::max(acc[0], acc[1]), std::max(acc[2], acc[3]));
  }
  for (; i < n; ++i) m = std::max(m, x[i]);
  return m;
}

}  // namespace unroll
