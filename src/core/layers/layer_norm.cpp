#include "core/layers/layer_norm.h"

#include <cmath>

#include "core/kernels/col_reduce.h"

namespace unroll {

template <class S>
LayerNormRef add_layer_norm(ParamList<S>& P, const std::string& prefix, Index d) {
  LayerNormRef r;
  r.weight = add_param(P, prefix + ".weight", d, 1);
  r.bias = add_param(P, prefix + ".bias", d, 1);
  P[size_t(r.weight)].value.setOnes();
  return r;
}

template <class S>
void layer_norm_forward(const ParamList<S>& P, LayerNormRef r, const Mat<S>& x, Mat<S>& y,
                        LayerNormCache<S>& c) {
  const Index d = x.rows(), N = x.cols();
  c.xhat.resize(d, N);
  c.rstd.resize(N);
  y.resize(d, N);
  const S* g = P[size_t(r.weight)].value.data();  // d x 1
  const S* be = P[size_t(r.bias)].value.data();   // d x 1
  for (Index j = 0; j < N; ++j) {
    const S* xc = x.data() + j * d;
    S* xh = c.xhat.data() + j * d;
    S* yc = y.data() + j * d;
    // per column: mean, biased variance (d x 1 -> scalars)
    const S mu = col_sum(xc, d) / S(d);
    const S var = col_sq_dev(xc, mu, d) / S(d);
    const S rs = S(1) / std::sqrt(var + S(1e-5));
    c.rstd(j) = rs;
    // xhat = (x - mu) rstd;  y = gamma .* xhat + beta     d x 1
    for (Index i = 0; i < d; ++i) {
      xh[i] = (xc[i] - mu) * rs;
      yc[i] = xh[i] * g[i] + be[i];
    }
  }
}

template <class S>
void layer_norm_backward(ParamList<S>& P, LayerNormRef r, const Mat<S>& dy,
                         const LayerNormCache<S>& c, Mat<S>& dx) {
  const Index d = dy.rows(), N = dy.cols();
  const S* g = P[size_t(r.weight)].value.data();
  S* dg = P[size_t(r.weight)].grad.data();
  S* db = P[size_t(r.bias)].grad.data();
  dx.resize(d, N);
  for (Index j = 0; j < N; ++j) {
    const S* dyc = dy.data() + j * d;
    const S* xh = c.xhat.data() + j * d;
    S* dxc = dx.data() + j * d;
    // dgamma += dy .* xhat, dbeta += dy  (columns summed in order)   d x 1
    for (Index i = 0; i < d; ++i) {
      dg[i] += dyc[i] * xh[i];
      db[i] += dyc[i];
    }
    // dxhat = dy .* gamma, built in place in dx's column
    for (Index i = 0; i < d; ++i) dxc[i] = dyc[i] * g[i];
    // dx = rstd (dxhat - mean(dxhat) - xhat mean(dxhat .* xhat))     d x 1
    const S m1 = col_sum(dxc, d) / S(d);
    const S m2 = col_dot(dxc, xh, d) / S(d);
    const S rs = c.rstd(j);
    for (Index i = 0; i < d; ++i) dxc[i] = (dxc[i] - m1 - xh[i] * m2) * rs;
  }
}

#define UNROLL_INSTANTIATE(S)                                                                  \
  template LayerNormRef add_layer_norm<S>(ParamList<S>&, const std::string&, Index);         \
  template void layer_norm_forward<S>(const ParamList<S>&, LayerNormRef, const Mat<S>&,      \
                                      Mat<S>&, LayerNormCache<S>&);                         \
  template void layer_norm_backward<S>(ParamList<S>&, LayerNormRef, const Mat<S>&,           \
                                       const LayerNormCache<S>&, Mat<S>&);
UNROLL_INSTANTIATE(float)
UNROLL_INSTANTIATE(double)
#undef UNROLL_INSTANTIATE

}  // namespace unroll
