#include "dense.h"

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
  // y = W x     out x N = (out x in)(in x N)
  y.noalias() = P[size_t(r.weight)].value * x;
  if (r.bias >= 0) y.colwise() += P[size_t(r.bias)].value.col(0);
}

template <class S>
void dense_backward(ParamList<S>& P, DenseRef r, const Mat<S>& x, const Mat<S>& dy, Mat<S>* dx) {
  // dW += dy x^T    out x in = (out x N)(N x in)
  P[size_t(r.weight)].grad.noalias() += dy * x.transpose();
  if (r.bias >= 0) P[size_t(r.bias)].grad.col(0) += dy.rowwise().sum();
  // dx = W^T dy     in x N = (in x out)(out x N)
  if (dx) dx->noalias() = P[size_t(r.weight)].value.transpose() * dy;
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
  c.h = c.h.cwiseMax(S(0));
  // y = W2 h + b2         d x N
  dense_forward(P, r.linear2, c.h, y);
}

template <class S>
void feed_forward_backward(ParamList<S>& P, FeedForwardRef r, const Mat<S>& x, const Mat<S>& dy,
                           FeedForwardCache<S>& c, Mat<S>& dx) {
  // dh = W2^T dy, then through relu (h > 0)   ff x N
  dense_backward(P, r.linear2, c.h, dy, &c.dh);
  c.dh = (c.h.array() > S(0)).select(c.dh.array(), S(0)).matrix();
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
