#include "core/layers/dense.h"

#include "core/kernels/bias_ops.h"

namespace unroll {

template <class S>
DenseRef add_dense(ParamList<S>& P, const std::string& prefix, Index in, Index out, bool bias) {
  DenseRef r;
  r.weight = add_param(P, prefix + ".weight", out, in);
  if (bias) r.bias = add_param(P, prefix + ".bias", out, 1);
  return r;
}

template <class S>
void dense_forward(const ParamList<S>& P, DenseRef r, const Mat<S>& x, Mat<S>& y) {
  const Mat<S>& W = P[size_t(r.weight)].value;
  // y = W x     out x N = (out x in)(in x N)
  y.resize(W.rows(), x.cols());
  gemm<S>(W, Op::N, x, Op::N, y, false);
  // y(:, j) += b    out x N
  if (r.bias >= 0) add_to_columns<S>(y, P[size_t(r.bias)].value.data());
}

template <class S>
void dense_backward(ParamList<S>& P, DenseRef r, const Mat<S>& x, const Mat<S>& dy, Mat<S>* dx) {
  const Mat<S>& W = P[size_t(r.weight)].value;
  // dW += dy x^T    out x in = (out x N)(N x in)
  gemm<S>(dy, Op::N, x, Op::T, P[size_t(r.weight)].grad, true);
  // db += row sums of dy    out x 1
  if (r.bias >= 0) add_row_sums<S>(dy, P[size_t(r.bias)].grad.data());
  // dx = W^T dy     in x N = (in x out)(out x N)
  if (dx) {
    dx->resize(W.cols(), dy.cols());
    gemm<S>(W, Op::T, dy, Op::N, *dx, false);
  }
}

template <class S>
FeedForwardRef add_feed_forward(ParamList<S>& P, const std::string& prefix, Index d, Index ff) {
  FeedForwardRef r;
  r.linear1 = add_dense(P, prefix + "linear1", d, ff);
  r.linear2 = add_dense(P, prefix + "linear2", ff, d);
  return r;
}

template <class S>
void feed_forward_forward(const ParamList<S>& P, FeedForwardRef r, const Mat<S>& x, Mat<S>& y,
                          FeedForwardCache<S>& c) {
  // h = relu(W1 x + b1)   ff x N
  dense_forward(P, r.linear1, x, c.h);
  S* h = c.h.data();
  for (Index i = 0; i < c.h.size(); ++i) h[i] = h[i] > S(0) ? h[i] : S(0);
  // y = W2 h + b2         d x N
  dense_forward(P, r.linear2, c.h, y);
}

template <class S>
void feed_forward_backward(ParamList<S>& P, FeedForwardRef r, const Mat<S>& x, const Mat<S>& dy,
                           FeedForwardCache<S>& c, Mat<S>& dx) {
  // dh = W2^T dy, then through relu (h > 0)   ff x N
  dense_backward(P, r.linear2, c.h, dy, &c.dh);
  const S* h = c.h.data();
  S* dh = c.dh.data();
  for (Index i = 0; i < c.dh.size(); ++i) dh[i] = h[i] > S(0) ? dh[i] : S(0);
  dense_backward(P, r.linear1, x, c.dh, &dx);
}

#define UNROLL_INSTANTIATE(S)                                                                   \
  template DenseRef add_dense<S>(ParamList<S>&, const std::string&, Index, Index, bool);      \
  template void dense_forward<S>(const ParamList<S>&, DenseRef, const Mat<S>&, Mat<S>&);      \
  template void dense_backward<S>(ParamList<S>&, DenseRef, const Mat<S>&, const Mat<S>&,      \
                                  Mat<S>*);                                                   \
  template FeedForwardRef add_feed_forward<S>(ParamList<S>&, const std::string&, Index, Index); \
  template void feed_forward_forward<S>(const ParamList<S>&, FeedForwardRef, const Mat<S>&,   \
                                        Mat<S>&, FeedForwardCache<S>&);                       \
  template void feed_forward_backward<S>(ParamList<S>&, FeedForwardRef, const Mat<S>&,        \
                                         const Mat<S>&, FeedForwardCache<S>&, Mat<S>&);
UNROLL_INSTANTIATE(float)
UNROLL_INSTANTIATE(double)
#undef UNROLL_INSTANTIATE

}  // namespace unroll
