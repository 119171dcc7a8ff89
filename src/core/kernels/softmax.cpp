// See softmax.h. Plain loops down contiguous columns: the element-wise ones
// vectorise, the reductions go through col_reduce.h (fixed order).
#include "core/kernels/softmax.h"

#include <algorithm>
#include <cmath>

#include "core/kernels/col_reduce.h"

namespace unroll {

template <class S>
void softmax_columns(MatRef<S> a, S scale, bool causal) {
  const Index Tk = a.rows(), Tq = a.cols(), ld = a.outerStride();
  for (Index t = 0; t < Tq; ++t) {
    S* col = a.data() + t * ld;  // Tk x 1: query t over the keys
    const Index seen = causal ? std::min(t + 1, Tk) : Tk;
    for (Index i = 0; i < seen; ++i) col[i] *= scale;
    const S mx = col_max(col, seen);
    for (Index i = 0; i < seen; ++i) col[i] = std::exp(col[i] - mx);
    const S sum = col_sum(col, seen);
    for (Index i = 0; i < seen; ++i) col[i] /= sum;
    // masked keys get exactly 0 weight (and so 0 gradient)
    std::fill(col + seen, col + Tk, S(0));
  }
}

template <class S>
void softmax_columns_backward(const CMatRef<S>& a, MatRef<S> da, S scale) {
  const Index Tk = a.rows(), Tq = a.cols();
  for (Index t = 0; t < Tq; ++t) {
    const S* ac = a.data() + t * a.outerStride();
    S* dc = da.data() + t * da.outerStride();
    const S dot = col_dot(ac, dc, Tk);
    for (Index i = 0; i < Tk; ++i) dc[i] = ac[i] * (dc[i] - dot) * scale;
  }
}

template void softmax_columns<float>(MatRef<float>, float, bool);
template void softmax_columns<double>(MatRef<double>, double, bool);
template void softmax_columns_backward<float>(const CMatRef<float>&, MatRef<float>, float);
template void softmax_columns_backward<double>(const CMatRef<double>&, MatRef<double>, double);

}  // namespace unroll
