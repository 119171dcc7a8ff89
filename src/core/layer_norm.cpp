#include "layer_norm.h"

#include <cmath>

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
  const auto& g = P[size_t(r.weight)].value;  // d x 1
  const auto& be = P[size_t(r.bias)].value;   // d x 1
  for (Index j = 0; j < N; ++j) {
    // per column: mean, biased variance (d x 1 -> scalars)
    const S mu = x.col(j).mean();
    const S var = (x.col(j).array() - mu).square().mean();
    const S rs = S(1) / std::sqrt(var + S(1e-5));
    c.rstd(j) = rs;
    c.xhat.col(j) = (x.col(j).array() - mu) * rs;
    y.col(j) = (c.xhat.col(j).array() * g.col(0).array() + be.col(0).array()).matrix();
  }
}

template <class S>
void layer_norm_backward(ParamList<S>& P, LayerNormRef r, const Mat<S>& dy,
                         const LayerNormCache<S>& c, Mat<S>& dx) {
  const Index d = dy.rows(), N = dy.cols();
  const auto& g = P[size_t(r.weight)].value;
  // dgamma += sum_j dy .* xhat, dbeta += sum_j dy      d x 1
  P[size_t(r.weight)].grad.col(0) += dy.cwiseProduct(c.xhat).rowwise().sum();
  P[size_t(r.bias)].grad.col(0) += dy.rowwise().sum();
  dx.resize(d, N);
  for (Index j = 0; j < N; ++j) {
    // dxhat = dy .* gamma;  dx = rstd (dxhat - mean(dxhat) - xhat mean(dxhat .* xhat))
    const auto dxh = (dy.col(j).array() * g.col(0).array()).eval();
    const S m1 = dxh.mean();
    const S m2 = (dxh * c.xhat.col(j).array()).mean();
    dx.col(j) = ((dxh - m1 - c.xhat.col(j).array() * m2) * c.rstd(j)).matrix();
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
