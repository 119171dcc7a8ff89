#include "core/layers/positional.h"

#include <cmath>

#include "core/kernels/bias_ops.h"

namespace unroll {

template <class S>
Mat<S> sinusoidal_encoding(Index d, Index T) {
  Mat<S> pe(d, T);
  for (Index t = 0; t < T; ++t)
    for (Index i = 0; i < d; ++i) {
      // pair (2k, 2k+1) shares the frequency 1 / 10000^(2k/d)
      const double freq = std::pow(10000.0, -double(i - i % 2) / double(d));
      const double ang = double(t) * freq;
      pe(i, t) = S(i % 2 == 0 ? std::sin(ang) : std::cos(ang));
    }
  return pe;
}

template <class S>
void add_positions(Mat<S>& x, const Mat<S>& pe, Index B) {
  const Index T = x.cols() / B;
  // d x B block of step t += pe column t broadcast over the batch
  for (Index t = 0; t < T; ++t) add_to_columns<S>(x.middleCols(t * B, B), pe.col(t).data());
}

template <class S>
void add_position_grads(const Mat<S>& dx, Mat<S>& dpe, Index B) {
  const Index T = dx.cols() / B;
  // d x 1 += row sums of the d x B block of step t
  for (Index t = 0; t < T; ++t) add_row_sums<S>(dx.middleCols(t * B, B), dpe.col(t).data());
}

#define UNROLL_INSTANTIATE(S)                                             \
  template Mat<S> sinusoidal_encoding<S>(Index, Index);                 \
  template void add_positions<S>(Mat<S>&, const Mat<S>&, Index);        \
  template void add_position_grads<S>(const Mat<S>&, Mat<S>&, Index);
UNROLL_INSTANTIATE(float)
UNROLL_INSTANTIATE(double)
#undef UNROLL_INSTANTIATE

}  // namespace unroll
