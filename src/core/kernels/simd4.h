// 4-lane float vectors through GCC/Clang vector extensions: wasm simd128
// (f32x4) with -msimd128, SSE/AVX natively. Only portable element-wise
// operations are used, so the same source gives the same rounding on every
// target (no fused multiply-add unless the compiler contracts natively).
#pragma once
#include <cstring>

namespace unroll::simd {

typedef float v4 __attribute__((vector_size(16)));
typedef int v4i __attribute__((vector_size(16)));

inline v4 load4(const float* p) {
  v4 v;
  std::memcpy(&v, p, sizeof v);  // one unaligned vector load
  return v;
}
inline void store4(float* p, v4 v) { std::memcpy(p, &v, sizeof v); }
inline v4 splat4(float x) { return v4{x, x, x, x}; }
inline float lane_sum(v4 v) { return (v[0] + v[1]) + (v[2] + v[3]); }

// First `count` (1..4) lanes from / to memory; the other lanes read as 0.
// For the rows of a block that do not fill a whole vector.
inline v4 load_part(const float* p, int count) {
  if (count == 4) return load4(p);
  float tmp[4] = {0, 0, 0, 0};
  for (int k = 0; k < count; ++k) tmp[k] = p[k];
  return load4(tmp);
}
inline void store_part(float* p, v4 v, int count) {
  if (count == 4) return store4(p, v);
  float tmp[4];
  store4(tmp, v);
  for (int k = 0; k < count; ++k) p[k] = tmp[k];
}

// Bit-level reinterpretation (same size: a no-op on every target).
inline v4i as_int(v4 v) { return (v4i)v; }
inline v4 as_float(v4i v) { return (v4)v; }

// Lane-wise min / max / select without relying on vector ?: support.
inline v4 select(v4i mask, v4 yes, v4 no) {
  return as_float((mask & as_int(yes)) | (~mask & as_int(no)));
}
inline v4 min4(v4 a, v4 b) { return select(a < b, a, b); }
inline v4 max4(v4 a, v4 b) { return select(a > b, a, b); }

}  // namespace unroll::simd
