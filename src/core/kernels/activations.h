// Vectorised float tanh and logistic sigmoid on 4 lanes (simd4.h), for the
// cells' fused gate kernels (gate_kernels.cpp).
//
// Why our own: Eigen 3.4 has no WebAssembly SIMD path, so in the browser
// its tanh/logistic run one element at a time; an LSTM step at H=64, B=32
// needs ~10K of them. These are branch-free (one vector in, one out),
// deterministic (plain IEEE float operations in a fixed order), and
// accurate to a few float ulps (tests/unit/activations_test.cpp checks
// < 4e-7 relative against double precision over the whole float range).
//
// Both rest on expm1 with the usual range reduction:
//   t = n ln2 + r, |r| <= ln2/2, n integer
//   e^t - 1 = 2^n (e^r - 1) + (2^n - 1)
// where e^r - 1 is its Taylor polynomial to degree 7 (next term < 1.5e-8
// relative on |r| <= 0.347), so no cancellation for small t.
#pragma once
#include "core/kernels/simd4.h"

namespace unroll::simd {

// 2^n (as a float) and e^r - 1 for t = n ln2 + r.  Needs |t| <= 86.
struct ExpParts {
  v4 scale;  // 2^n
  v4 em1_r;  // e^r - 1
};

inline ExpParts exp_parts(v4 t) {
  // n = round(t / ln2): adding then subtracting 1.5 * 2^23 rounds to the
  // nearest integer in float arithmetic (valid for |t / ln2| < 2^22).
  // The integer n is then read straight from the bits of t/ln2 + 1.5 * 2^23
  // (its low mantissa bits hold n in two's complement): no float -> int
  // conversion, which wasm engines expand to ~7 instructions on x86.
  const v4 round_magic = splat4(12582912.0f);
  const v4 shifted = t * splat4(1.44269504088896341f) + round_magic;
  const v4 n = shifted - round_magic;
  // r = t - n ln2 in two parts (ln2_hi has few mantissa bits, so n * ln2_hi
  // is exact for |n| < 2^11).
  const v4 r = (t - n * splat4(0.693145751953125f)) - n * splat4(1.42860682030941723e-6f);
  // e^r - 1 = r + r^2 (1/2 + r (1/6 + r (1/24 + r (1/120 + r (1/720 + r/5040)))))
  v4 poly = splat4(1.0f / 5040.0f);
  poly = poly * r + splat4(1.0f / 720.0f);
  poly = poly * r + splat4(1.0f / 120.0f);
  poly = poly * r + splat4(1.0f / 24.0f);
  poly = poly * r + splat4(1.0f / 6.0f);
  poly = poly * r + splat4(0.5f);
  const v4 em1 = r + (r * r) * poly;
  // 2^n: the exponent field n + 127 shifted into place.
  const v4i ni = as_int(shifted) - as_int(round_magic);  // == (int)n exactly
  const v4 scale = as_float((ni + 127) << 23);
  return {scale, em1};
}

// tanh(x) = sign(x) * m / (m + 2) with m = e^{2|x|} - 1. Beyond |x| = 9,
// tanh rounds to +-1 in float, so 2|x| is capped at 18.
inline v4 tanh4(v4 x) {
  const v4i sign_bit = v4i{1, 1, 1, 1} << 31;
  const v4 ax = as_float(as_int(x) & ~sign_bit);
  const v4 t = min4(ax + ax, splat4(18.0f));
  const ExpParts e = exp_parts(t);
  const v4 m = e.scale * e.em1_r + (e.scale - splat4(1.0f));
  const v4 y = m / (m + splat4(2.0f));
  return as_float(as_int(y) | (as_int(x) & sign_bit));
}

// sigmoid(x) = 1 / (1 + e^{-x}), with -x clamped to [-86, 86] so e^{-x}
// stays a normal float (sigmoid(-86) ~ 4.5e-38; PyTorch gives ~0 there too).
inline v4 sigmoid4(v4 x) {
  const v4 t = max4(min4(-x, splat4(86.0f)), splat4(-86.0f));
  const ExpParts e = exp_parts(t);
  const v4 ex = e.scale * e.em1_r + e.scale;  // e^t = 2^n (e^r - 1) + 2^n
  return splat4(1.0f) / (splat4(1.0f) + ex);
}

}  // namespace unroll::simd
