#include "core/layers/loss.h"

#include <cmath>

namespace unroll {

template <class S>
double loss_chunk(const Batch<S>& batch, const Mat<S>& out, Index t0, Index t1,
                  double grad_scale, Mat<S>& dout) {
  const Index B = batch.B, O = out.rows();
  double total = 0;
  for (Index j = t0 * B; j < t1 * B; ++j) {
    const S w = batch.weight[size_t(j)];
    auto d = dout.col(j);  // O x 1
    if (w == S(0)) { d.setZero(); continue; }
    if (batch.loss == LossKind::Mse) {
      // per position: sum_o (y - t)^2 / O;  d/dy = 2 (y - t) / O
      auto diff = out.col(j) - batch.y.col(j);
      total += double(w) * double(diff.squaredNorm()) / double(O);
      d = diff * S(2.0 * double(w) * grad_scale / double(O));
    } else {
      // log-softmax with the max subtracted for stability
      const int k = batch.target[size_t(j)];
      const S mx = out.col(j).maxCoeff();
      d = (out.col(j).array() - mx).exp().matrix();  // unnormalised softmax
      const S z = d.sum();
      total += double(w) * (std::log(double(z)) - double(out(k, j) - mx));
      // d/dy = (softmax - onehot) * w * scale
      d *= S(1) / z;
      d(k) -= S(1);
      d *= S(double(w) * grad_scale);
    }
  }
  return total;
}

template double loss_chunk<float>(const Batch<float>&, const Mat<float>&, Index, Index,
                                  double, Mat<float>&);
template double loss_chunk<double>(const Batch<double>&, const Mat<double>&, Index, Index,
                                   double, Mat<double>&);

}  // namespace unroll
