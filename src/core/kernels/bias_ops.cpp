// See bias_ops.h.
#include "core/kernels/bias_ops.h"

namespace unroll {

template <class S>
void add_to_columns(MatRef<S> m, const S* bias) {
  const Index r = m.rows(), ld = m.outerStride();
  S* d = m.data();
  for (Index j = 0; j < m.cols(); ++j) {
    S* col = d + j * ld;
    for (Index i = 0; i < r; ++i) col[i] += bias[i];
  }
}

template <class S>
void add_row_sums(const CMatRef<S>& m, S* out) {
  const Index r = m.rows(), ld = m.outerStride();
  const S* d = m.data();
  for (Index j = 0; j < m.cols(); ++j) {
    const S* col = d + j * ld;
    for (Index i = 0; i < r; ++i) out[i] += col[i];
  }
}

template void add_to_columns<float>(MatRef<float>, const float*);
template void add_to_columns<double>(MatRef<double>, const double*);
template void add_row_sums<float>(const CMatRef<float>&, float*);
template void add_row_sums<double>(const CMatRef<double>&, double*);

}  // namespace unroll
