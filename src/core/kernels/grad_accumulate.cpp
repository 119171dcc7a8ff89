// See grad_accumulate.h.
#include "core/kernels/grad_accumulate.h"

#include <cmath>
#include <type_traits>

#include "core/kernels/simd4.h"

namespace unroll {

template <class S>
double add_and_norm(MatRef<S> dh, const CMatRef<S>& dy, bool want_norm) {
  const Index H = dh.rows();
  double total = 0;
  for (Index j = 0; j < dh.cols(); ++j) {
    S* d = dh.data() + j * dh.outerStride();
    const S* y = dy.data() + j * dy.outerStride();
    Index i = 0;
    if constexpr (std::is_same_v<S, float>) {
      // Four lanes of squares per column, summed in double at the end.
      simd::v4 sq = simd::splat4(0);
      for (; i + 4 <= H; i += 4) {
        const simd::v4 v = simd::load4(d + i) + simd::load4(y + i);
        simd::store4(d + i, v);
        sq += v * v;
      }
      total += double(simd::lane_sum(sq));
    }
    for (; i < H; ++i) {
      d[i] += y[i];
      total += double(d[i]) * double(d[i]);
    }
  }
  return want_norm ? std::sqrt(total) : 0.0;
}

template double add_and_norm<float>(MatRef<float>, const CMatRef<float>&, bool);
template double add_and_norm<double>(MatRef<double>, const CMatRef<double>&, bool);

}  // namespace unroll
