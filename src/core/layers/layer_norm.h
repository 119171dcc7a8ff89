// LayerNorm over the features of every column, as torch.nn.LayerNorm(d)
// (biased variance, eps = 1e-5):  y = gamma * (x - mean) / sqrt(var + eps) + beta.
#pragma once
#include "core/tensor/param_list.h"

namespace unroll {

struct LayerNormRef {
  int weight = -1, bias = -1;  // gamma d x 1, beta d x 1
};

template <class S>
LayerNormRef add_layer_norm(ParamList<S>& P, const std::string& prefix, Index d);

template <class S>
struct LayerNormCache {
  Mat<S> xhat;  // normalised input        d x N
  Vec<S> rstd;  // 1 / sqrt(var + eps)     N
};

// y = LN(x)    x, y: d x N
template <class S>
void layer_norm_forward(const ParamList<S>& P, LayerNormRef r, const Mat<S>& x, Mat<S>& y,
                        LayerNormCache<S>& c);

// Adds to gamma/beta grads; WRITES dx (d x N) from dy (d x N).
template <class S>
void layer_norm_backward(ParamList<S>& P, LayerNormRef r, const Mat<S>& dy,
                         const LayerNormCache<S>& c, Mat<S>& dx);

}  // namespace unroll
